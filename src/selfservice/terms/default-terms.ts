/**
 * The terms a new Arbor starts with: IDM's placeholder version "0.0", active, so that the default
 * Registration journey shows the seed's TermsAndConditionsCallback exactly.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { TermsConfig } from './terms-config.ts';
import { TERMS_CONFIG_ID } from './terms-config.ts';

/** IDM's placeholder terms text. */
export const DEFAULT_TERMS_TEXT =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';

/** A fresh copy of the default `selfservice.terms` document. */
export function defaultTermsConfig(): TermsConfig {
  return {
    versions: [{ version: '0.0', termsTranslations: { en: DEFAULT_TERMS_TEXT }, createDate: '2019-10-28T04:20:11.320Z' }],
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
