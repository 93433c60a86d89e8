/**
 * IDM's `selfservice.kba` document: which user property holds the answers, how many answers a
 * user defines and must give, the questions by locale, and the verification lockout.
 */
import { parsedOnce } from '../../cache/parsed-once.ts';
import type { ConfigRepository } from '../../config/ports.ts';
import { isUnsafeKey } from '../../json/unsafe-keys.ts';
import { selfServiceConfigError } from '../config-errors.ts';
import { fieldReader } from '../config-fields.ts';

/** The config id of the KBA document. */
export const KBA_CONFIG_ID = 'selfservice.kba';

/** The parsed `selfservice.kba` document. */
export interface KbaConfig {
  /** The user property holding `[{questionId|customQuestion, answer}]` (`kbaInfo`). */
  kbaPropertyName: string;
  minimumAnswersToDefine: number;
  minimumAnswersToVerify: number;
  /** questionId → {locale → text}. */
  questions: Record<string, Record<string, string>>;
  /** Failed verifications before KBA locks; 0 = unlimited (IDM's behaviour when absent). */
  numberOfAttemptsAllowed: number;
  /** IDM's name of the attempts counter; kept for compatibility, Arbor counts server-side. */
  kbaAttemptsPropertyName?: string;
}

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses and validates a `selfservice.kba` document (an `_id` is ignored, unknown fields are
 * dropped). INVALID_KBA_CONFIG names the field at fault.
 */
export function parseKbaConfig(value: unknown): KbaConfig {
  const read = fieldReader('INVALID_KBA_CONFIG', KBA_CONFIG_ID);
  const document = read.object(value, '');
  const kbaPropertyName = document.kbaPropertyName === undefined ? 'kbaInfo' : read.string(document.kbaPropertyName, 'kbaPropertyName', { nonEmpty: true });
  if (!PROPERTY_NAME.test(kbaPropertyName) || isUnsafeKey(kbaPropertyName)) read.fail('kbaPropertyName', 'must be a property name (letters, digits, underscores; not __proto__, constructor or prototype)');
  const minimumAnswersToDefine = read.count(document.minimumAnswersToDefine, 'minimumAnswersToDefine');
  const minimumAnswersToVerify = read.count(document.minimumAnswersToVerify, 'minimumAnswersToVerify');
  if (minimumAnswersToVerify > minimumAnswersToDefine) {
    read.fail('minimumAnswersToVerify', `(${minimumAnswersToVerify}) must not exceed minimumAnswersToDefine (${minimumAnswersToDefine}): users cannot answer more questions than they defined`);
  }
  const questions: Record<string, Record<string, string>> = {};
  for (const [id, texts] of Object.entries(read.object(document.questions, 'questions'))) {
    if (id.trim() === '') read.fail('questions', 'must not have an empty question id');
    const localized = read.localeMap(texts, `questions.${id}`, { nonEmpty: true });
    for (const [locale, text] of Object.entries(localized)) {
      if (text.trim() === '') read.fail(`questions.${id}.${locale}`, 'must not be empty');
    }
    questions[id] = localized;
  }
  const numberOfAttemptsAllowed = document.numberOfAttemptsAllowed === undefined ? 0 : read.count(document.numberOfAttemptsAllowed, 'numberOfAttemptsAllowed');
  const config: KbaConfig = { kbaPropertyName, minimumAnswersToDefine, minimumAnswersToVerify, questions, numberOfAttemptsAllowed };
  if (document.kbaAttemptsPropertyName !== undefined) {
    config.kbaAttemptsPropertyName = read.string(document.kbaAttemptsPropertyName, 'kbaAttemptsPropertyName', { nonEmpty: true });
  }
  return config;
}

/** Parses a stored document; a cached (frozen) one once, its result shared (and frozen). */
const parseStoredKbaConfig = parsedOnce(parseKbaConfig);

/**
 * The stored document, parsed; undefined when there is none. A stored document that no longer
 * parses (written around the API) throws INVALID_KBA_CONFIG rather than being guessed at.
 */
export async function readKbaConfig(configs: ConfigRepository): Promise<KbaConfig | undefined> {
  const stored = await configs.get(KBA_CONFIG_ID);
  if (stored === undefined || stored === null) return undefined;
  try {
    return parseStoredKbaConfig(stored);
  } catch (error) {
    throw selfServiceConfigError('INVALID_KBA_CONFIG', `The stored ${KBA_CONFIG_ID} is invalid: ${(error as Error).message}`);
  }
}
