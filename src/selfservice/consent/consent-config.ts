/**
 * Privacy & consent as configuration. IDM keeps `consentRequired` on its sync mappings, which
 * Arbor does not have; Arbor keeps the mappings that may ask for consent in one document, id
 * `consent`, whose top-level `enabled` matches IDM's `conf/consent.json` switch:
 *
 * `{"enabled": true, "mappings": [{"name", "displayName", "icon", "accessLevel",
 *   "message": {locale: text}, "fields": [..], "consentRequired": true}]}`
 */
import { parsedOnce } from '../../cache/parsed-once.ts';
import type { ConfigRepository } from '../../config/ports.ts';
import { selfServiceConfigError } from '../config-errors.ts';
import { fieldReader } from '../config-fields.ts';

/** The config id of the consent document. */
export const CONSENT_CONFIG_ID = 'consent';

/** A mapping (where user data is shared) as configured. */
export interface ConsentMappingConfig {
  /** Stable name, recorded in the user's `consentedMappings[].mapping`. */
  name: string;
  displayName: string;
  /** Icon name or URL shown by the UI. */
  icon: string;
  /** What the receiver may do with the data (`Actively Shared`, `Read Only`…). */
  accessLevel: string;
  /** locale → text shown with the mapping. */
  message: Record<string, string>;
  /** The user properties that are shared. */
  fields: string[];
  /** Only mappings with consent required are presented to users (IDM's `consentRequired`). */
  consentRequired: boolean;
}

/** The parsed consent document. */
export interface ConsentConfig {
  /** IDM's privacy & consent switch; when false no mapping is presented. */
  enabled: boolean;
  mappings: ConsentMappingConfig[];
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Parses and validates the consent document; INVALID_CONSENT_CONFIG names the field at fault. */
export function parseConsentConfig(value: unknown): ConsentConfig {
  const read = fieldReader('INVALID_CONSENT_CONFIG', CONSENT_CONFIG_ID);
  const document = read.object(value, '');
  const enabled = document.enabled === undefined ? true : read.boolean(document.enabled, 'enabled');
  const list = document.mappings === undefined ? [] : document.mappings;
  if (!Array.isArray(list)) return read.fail('mappings', 'must be an array');
  const names = new Set<string>();
  const mappings = list.map((item: unknown, index): ConsentMappingConfig => {
    const path = `mappings[${index}]`;
    const entry = read.object(item, path);
    const name = read.string(entry.name, `${path}.name`, { nonEmpty: true });
    if (!NAME.test(name)) read.fail(`${path}.name`, 'must use letters, digits, ".", "_" and "-" only');
    if (names.has(name)) read.fail(`${path}.name`, `repeats mapping "${name}"`);
    names.add(name);
    return {
      name,
      displayName: entry.displayName === undefined ? name : read.string(entry.displayName, `${path}.displayName`, { nonEmpty: true }),
      icon: entry.icon === undefined ? '' : read.string(entry.icon, `${path}.icon`),
      accessLevel: entry.accessLevel === undefined ? '' : read.string(entry.accessLevel, `${path}.accessLevel`),
      message: entry.message === undefined ? {} : read.localeMap(entry.message, `${path}.message`),
      fields: entry.fields === undefined ? [] : read.stringList(entry.fields, `${path}.fields`),
      consentRequired: entry.consentRequired === undefined ? false : read.boolean(entry.consentRequired, `${path}.consentRequired`),
    };
  });
  return { enabled, mappings };
}

/** Parses a stored document; a cached (frozen) one once, its result shared (and frozen). */
const parseStoredConsentConfig = parsedOnce(parseConsentConfig);

/** The stored document, parsed; undefined when there is none. INVALID_CONSENT_CONFIG when it no longer parses. */
export async function readConsentConfig(configs: ConfigRepository): Promise<ConsentConfig | undefined> {
  const stored = await configs.get(CONSENT_CONFIG_ID);
  if (stored === undefined || stored === null) return undefined;
  try {
    return parseStoredConsentConfig(stored);
  } catch (error) {
    throw selfServiceConfigError('INVALID_CONSENT_CONFIG', `The stored ${CONSENT_CONFIG_ID} configuration is invalid: ${(error as Error).message}`);
  }
}
