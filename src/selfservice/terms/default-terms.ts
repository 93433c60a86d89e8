/**
 * The terms a new Arbor starts with: IDM's placeholder version "0.0", active, so that the default
 * Registration journey shows the seed's TermsAndConditionsCallback exactly (in English; the
 * version also has French, Dutch and German placeholders for the journey pages).
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { TermsConfig } from './terms-config.ts';
import { TERMS_CONFIG_ID } from './terms-config.ts';

/** IDM's placeholder terms text. */
export const DEFAULT_TERMS_TEXT =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';

/**
 * The placeholder in French, Dutch and German: the journey pages in those languages show these
 * (the terms follow the page's language), so that no page mixes in a text of another language.
 */
export const DEFAULT_TERMS_TRANSLATIONS: Readonly<Record<'fr' | 'nl' | 'de', string>> = {
  fr: 'Ceci est le texte d’exemple des conditions générales. Remplacez-le par vos propres conditions avant d’ouvrir le service à vos utilisateurs.',
  nl: 'Dit is de voorbeeldtekst van de algemene voorwaarden. Vervang hem door uw eigen voorwaarden voordat u de dienst voor uw gebruikers openstelt.',
  de: 'Dies ist der Beispieltext der Allgemeinen Geschäftsbedingungen. Ersetzen Sie ihn durch Ihre eigenen Bedingungen, bevor Sie den Dienst für Ihre Benutzer freigeben.',
};

/** A fresh copy of the default `selfservice.terms` document. */
export function defaultTermsConfig(): TermsConfig {
  return {
    versions: [{ version: '0.0', termsTranslations: { en: DEFAULT_TERMS_TEXT, ...DEFAULT_TERMS_TRANSLATIONS }, createDate: '2019-10-28T04:20:11.320Z' }],
    active: '0.0',
    uiConfig: { displayName: "We've updated our terms", purpose: 'You must accept the updated terms in order to proceed.', buttonText: 'Accept' },
  };
}

/** Stores the default `selfservice.terms` unless one exists; true when it was installed. */
export async function installDefaultTerms(configs: ConfigRepository): Promise<boolean> {
  if ((await configs.get(TERMS_CONFIG_ID)) != null) return false;
  await configs.put(TERMS_CONFIG_ID, defaultTermsConfig());
  return true;
}
