/**
 * IDM's `selfservice.terms` document: versions of the terms (Markdown by locale), the active one,
 * and the UI texts. Arbor adds `status` to a version: `draft` (editable) or `published`
 * (immutable); a version without `status`, as IDM writes them, is published.
 */
import { parsedOnce } from '../../cache/parsed-once.ts';
import type { ConfigRepository } from '../../config/ports.ts';
import { selfServiceConfigError } from '../config-errors.ts';
import { fieldReader } from '../config-fields.ts';

/** The config id of the terms document. */
export const TERMS_CONFIG_ID = 'selfservice.terms';

/** A version's place in the lifecycle draft → published (→ active). */
export type TermsStatus = 'draft' | 'published';

/** One version of the terms. */
export interface TermsVersion {
  version: string;
  /** locale → Markdown. */
  termsTranslations: Record<string, string>;
  /** ISO timestamp. */
  createDate: string;
  /** Absent means published (IDM's documents have no drafts). */
  status?: TermsStatus;
}

/** The parsed `selfservice.terms` document. */
export interface TermsConfig {
  versions: TermsVersion[];
  /** The active version's name; absent or empty when no terms are active. */
  active?: string;
  /** Texts of the UI asking to accept updated terms (`displayName`, `purpose`, `buttonText`). */
  uiConfig?: Record<string, unknown>;
}

/** True when the version is published (explicitly, or by having no status). */
export function isPublished(version: TermsVersion): boolean {
  return version.status !== 'draft';
}

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

/**
 * Parses and validates a `selfservice.terms` document (an `_id` is ignored, unknown fields are
 * dropped). INVALID_TERMS_CONFIG names the field at fault.
 */
export function parseTermsConfig(value: unknown): TermsConfig {
  const read = fieldReader('INVALID_TERMS_CONFIG', TERMS_CONFIG_ID);
  const document = read.object(value, '');
  if (!Array.isArray(document.versions)) read.fail('versions', 'must be an array');
  const names = new Set<string>();
  const versions = (document.versions as unknown[]).map((item, index): TermsVersion => {
    const path = `versions[${index}]`;
    const entry = read.object(item, path);
    const version = read.string(entry.version, `${path}.version`, { nonEmpty: true });
    if (names.has(version)) read.fail(`${path}.version`, `repeats version "${version}"`);
    names.add(version);
    const termsTranslations = read.localeMap(entry.termsTranslations, `${path}.termsTranslations`, { nonEmpty: true });
    const createDate = read.string(entry.createDate, `${path}.createDate`);
    if (!ISO_DATE.test(createDate) || Number.isNaN(Date.parse(createDate))) read.fail(`${path}.createDate`, 'must be an ISO timestamp (2019-10-28T04:20:11.320Z)');
    const parsed: TermsVersion = { version, termsTranslations, createDate };
    if (entry.status !== undefined) {
      if (entry.status !== 'draft' && entry.status !== 'published') read.fail(`${path}.status`, 'must be "draft" or "published"');
      parsed.status = entry.status as TermsStatus;
    }
    if (isPublished(parsed) && Object.values(termsTranslations).every((text) => text.trim() === '')) {
      read.fail(`${path}.termsTranslations`, `of published version "${version}" must have a text`);
    }
    return parsed;
  });
  const config: TermsConfig = { versions };
  if (document.active !== undefined && document.active !== null && document.active !== '') {
    const active = read.string(document.active, 'active');
    const target = versions.find((candidate) => candidate.version === active);
    if (target === undefined) read.fail('active', `names version "${active}", which does not exist`);
    else if (!isPublished(target)) read.fail('active', `names version "${active}", which is a draft: publish it first`);
    config.active = active;
  }
  if (document.uiConfig !== undefined) config.uiConfig = read.object(document.uiConfig, 'uiConfig');
  return config;
}

/** Parses a stored document; a cached (frozen) one once, its result shared (and frozen). */
const parseStoredTermsConfig = parsedOnce(parseTermsConfig);

/** The stored document, parsed; undefined when there is none. INVALID_TERMS_CONFIG when it no longer parses. */
export async function readTermsConfig(configs: ConfigRepository): Promise<TermsConfig | undefined> {
  const stored = await configs.get(TERMS_CONFIG_ID);
  if (stored === undefined || stored === null) return undefined;
  try {
    return parseStoredTermsConfig(stored);
  } catch (error) {
    throw selfServiceConfigError('INVALID_TERMS_CONFIG', `The stored ${TERMS_CONFIG_ID} is invalid: ${(error as Error).message}`);
  }
}
