/**
 * The KBA configuration a new Arbor starts with: two questions, both defined at registration (the
 * seed's Registration step shows exactly two KbaCreateCallbacks), one answered to verify, and a
 * lockout after three wrong verifications. The questions are in English, French, Dutch and German,
 * so that the journey pages in those languages ask them in the page's language.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { KbaConfig } from './kba-config.ts';
import { KBA_CONFIG_ID } from './kba-config.ts';

/** A fresh copy of the default `selfservice.kba` document. */
export function defaultKbaConfig(): KbaConfig {
  return {
    kbaPropertyName: 'kbaInfo',
    minimumAnswersToDefine: 2,
    minimumAnswersToVerify: 1,
    questions: {
      '1': { en: "What's your favorite color?", fr: 'Quelle est votre couleur préférée\u202f?', nl: 'Wat is uw favoriete kleur?', de: 'Was ist Ihre Lieblingsfarbe?' },
      '2': { en: 'Who was your first employer?', fr: 'Qui a été votre premier employeur\u202f?', nl: 'Wie was uw eerste werkgever?', de: 'Wer war Ihr erster Arbeitgeber?' },
    },
    numberOfAttemptsAllowed: 3,
  };
}

/** Stores the default `selfservice.kba` unless one exists; true when it was installed. */
export async function installDefaultKbaConfig(configs: ConfigRepository): Promise<boolean> {
  if ((await configs.get(KBA_CONFIG_ID)) != null) return false;
  await configs.put(KBA_CONFIG_ID, defaultKbaConfig());
  return true;
}
