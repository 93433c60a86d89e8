/**
 * The lifecycle of terms versions: add a draft, edit it, publish it (from then on its text never
 * changes: it is what users accepted), make a published version the active one. Pure functions
 * over the document; `checkTermsReplacement` applies the same rules to a whole-document PUT.
 */
import { selfServiceConfigError } from '../config-errors.ts';
import type { TermsConfig, TermsVersion } from './terms-config.ts';
import { isPublished, parseTermsConfig } from './terms-config.ts';

function find(config: TermsConfig, version: string): TermsVersion {
  const found = config.versions.find((candidate) => candidate.version === version);
  if (found === undefined) throw selfServiceConfigError('TERMS_VERSION_NOT_FOUND', `Terms version "${version}" does not exist`, version);
  return found;
}

function refusePublished(version: TermsVersion): void {
  if (isPublished(version)) {
    throw selfServiceConfigError('TERMS_VERSION_PUBLISHED', `Terms version "${version.version}" is published and cannot be changed; add a new version`, version.version);
  }
}

function replaced(config: TermsConfig, version: TermsVersion): TermsConfig {
  return parseTermsConfig({ ...config, versions: config.versions.map((candidate) => (candidate.version === version.version ? version : candidate)) });
}

/** Adds version `version` as a draft created at `createDate`; TERMS_VERSION_EXISTS when the name is taken. */
export function addDraftVersion(config: TermsConfig, draft: { version: string; termsTranslations: Record<string, string> }, createDate: string): TermsConfig {
  if (config.versions.some((candidate) => candidate.version === draft.version)) {
    throw selfServiceConfigError('TERMS_VERSION_EXISTS', `Terms version "${draft.version}" already exists`, draft.version);
  }
  const added: TermsVersion = { version: draft.version, termsTranslations: { ...draft.termsTranslations }, createDate, status: 'draft' };
  return parseTermsConfig({ ...config, versions: [...config.versions, added] });
}

/** Replaces the texts of a draft; TERMS_VERSION_PUBLISHED once it is published. */
export function editDraftVersion(config: TermsConfig, version: string, termsTranslations: Record<string, string>): TermsConfig {
  const draft = find(config, version);
  refusePublished(draft);
  return replaced(config, { ...draft, termsTranslations: { ...termsTranslations } });
}

/** Publishes a draft (publishing a published version changes nothing). */
export function publishVersion(config: TermsConfig, version: string): TermsConfig {
  const target = find(config, version);
  if (isPublished(target)) return config;
  return replaced(config, { ...target, status: 'published' });
}

/** Makes a published version the active one; TERMS_VERSION_NOT_PUBLISHED for a draft. */
export function activateVersion(config: TermsConfig, version: string): TermsConfig {
  const target = find(config, version);
  if (!isPublished(target)) {
    throw selfServiceConfigError('TERMS_VERSION_NOT_PUBLISHED', `Terms version "${version}" is a draft: publish it before making it active`, version);
  }
  return { ...config, active: version };
}

function sameTexts(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/**
 * Refuses a replacement document that changes, unpublishes or removes a published version of
 * `previous` (TERMS_VERSION_PUBLISHED naming the version). Drafts may change or go freely.
 */
export function checkTermsReplacement(previous: TermsConfig | undefined, next: TermsConfig): void {
  for (const published of previous?.versions.filter(isPublished) ?? []) {
    const after = next.versions.find((candidate) => candidate.version === published.version);
    const problem =
      after === undefined
        ? 'cannot be removed'
        : !isPublished(after)
          ? 'cannot return to draft'
          : !sameTexts(published.termsTranslations, after.termsTranslations)
            ? 'cannot change its text'
            : after.createDate !== published.createDate
              ? 'cannot change its createDate'
              : undefined;
    if (problem !== undefined) {
      throw selfServiceConfigError('TERMS_VERSION_PUBLISHED', `Terms version "${published.version}" is published and ${problem}; add a new version instead`, published.version);
    }
  }
}
