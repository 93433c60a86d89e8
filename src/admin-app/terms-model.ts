/**
 * The Terms section's model, pure: the `selfservice.terms` document read from the server's
 * (hostile) answer, the lifecycle operations the section offers (save a draft, remove a draft,
 * publish, make active) as new documents to PUT, and the checks of a draft before it is sent.
 * Published versions are written back exactly as read: the server refuses any change to them.
 */

/** A version's place in the lifecycle. */
export type TermsStatus = 'draft' | 'published';

/** One version of the terms. */
export interface TermsVersion {
  version: string;
  createDate: string;
  /** As stored: `undefined` is published (IDM's documents have no status). */
  status: TermsStatus | undefined;
  /** locale → Markdown, in the stored order. */
  texts: Record<string, string>;
}

/** The whole document: its versions, the active one (`''` for none) and the fields kept as they are (`uiConfig`). */
export interface TermsDocument {
  versions: TermsVersion[];
  active: string;
  uiConfig: Record<string, unknown> | undefined;
}

/** One locale's text in the editor. */
export interface LocaleText {
  locale: string;
  text: string;
}

/** What the editor holds for a draft. */
export interface TermsDraft {
  version: string;
  locales: LocaleText[];
}

/** What the section's pages are told after an action: a notice, or the server's refusal. */
export interface TermsFeedback {
  notice: string;
  problem: string;
  /** `display`: the action saved the display texts (their form shows the feedback); the versions' otherwise. */
  source?: 'display';
  /** The field the server's refusal names (`uiConfig.purpose`), if any. */
  field?: string;
}

/** Applies (in the view) `change` to the freshest document and stores it; resolves to true when stored. */
export type TermsUpdate = (change: (document: TermsDocument) => TermsDocument, notice: string, source?: 'display') => Promise<boolean>;

/** The most versions and locales read from an answer (anything beyond is hostile). */
const MAX_VERSIONS = 500;
const MAX_LOCALES = 100;

const LOCALE = /^[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8})*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function textOf(record: Record<string, unknown>, key: string): string {
  const value = own(record, key);
  return typeof value === 'string' ? value : '';
}

/** True when `version` is published (explicitly, or by having no status). */
export function isPublished(version: TermsVersion): boolean {
  return version.status !== 'draft';
}

/** The document in the server's answer (`GET`/`PUT /openidm/config/selfservice.terms`). */
export function termsDocumentOf(answer: unknown): TermsDocument {
  const record = isRecord(answer) ? answer : {};
  const list = own(record, 'versions');
  const versions = (Array.isArray(list) ? list : []).slice(0, MAX_VERSIONS).filter(isRecord).map((entry): TermsVersion => {
    const translations = own(entry, 'termsTranslations');
    const texts: Record<string, string> = {};
    if (isRecord(translations)) {
      for (const locale of Object.keys(translations).slice(0, MAX_LOCALES)) {
        const text = translations[locale];
        if (locale !== '__proto__' && typeof text === 'string') texts[locale] = text;
      }
    }
    const status = own(entry, 'status');
    return { version: textOf(entry, 'version'), createDate: textOf(entry, 'createDate'), status: status === 'draft' || status === 'published' ? status : undefined, texts };
  });
  const uiConfig = own(record, 'uiConfig');
  return { versions, active: textOf(record, 'active'), uiConfig: isRecord(uiConfig) ? uiConfig : undefined };
}

/** The body of the `PUT` that stores `document`. */
export function termsBody(document: TermsDocument): Record<string, unknown> {
  const versions = document.versions.map((version) => ({
    version: version.version,
    termsTranslations: { ...version.texts },
    createDate: version.createDate,
    ...(version.status === undefined ? {} : { status: version.status }),
  }));
  return { versions, active: document.active, ...(document.uiConfig === undefined ? {} : { uiConfig: document.uiConfig }) };
}

/** The version named `name`, if any. */
export function versionNamed(document: TermsDocument, name: string): TermsVersion | undefined {
  return document.versions.find((version) => version.version === name);
}

/** What the editor starts from for version `version` (its locales in order). */
export function draftOf(version: TermsVersion): TermsDraft {
  return { version: version.version, locales: Object.entries(version.texts).map(([locale, text]) => ({ locale, text })) };
}

/** A name for a new version: one more than the highest leading number (`0.0`, `1.0` → `2.0`). */
export function suggestedVersionName(document: TermsDocument): string {
  const highest = Math.max(0, ...document.versions.map((version) => Number.parseInt(version.version, 10)).filter((major) => Number.isFinite(major) && major >= 0));
  let next = highest + 1;
  while (versionNamed(document, `${next}.0`) !== undefined) next += 1;
  return `${next}.0`;
}

/** Why `locale` cannot be added to a draft that has `existing` ('' when it can). */
export function localeProblem(locale: string, existing: readonly LocaleText[]): string {
  if (!LOCALE.test(locale)) return `"${locale}" is not a locale (en, fr, en_GB, fr-BE).`;
  if (existing.some((entry) => entry.locale.toLowerCase() === locale.toLowerCase())) return `The draft already has ${locale}.`;
  return '';
}

/**
 * Why `draft` cannot be saved (or published, with `publishing`): an empty or taken name (`isNew`),
 * no locale, a bad or repeated locale, no text to publish. Empty when it can.
 */
export function draftProblems(document: TermsDocument, draft: TermsDraft, options: { isNew: boolean; publishing: boolean }): string[] {
  const problems: string[] = [];
  const name = draft.version.trim();
  if (name === '') problems.push('Give the version a name.');
  else if (name.length > 100) problems.push('The version name is longer than 100 characters.');
  else if (options.isNew && versionNamed(document, name) !== undefined) problems.push(`Version "${name}" already exists: choose another name.`);
  if (draft.locales.length === 0) problems.push('Add at least one locale.');
  draft.locales.forEach((entry, index) => {
    const problem = localeProblem(entry.locale, draft.locales.slice(0, index));
    if (problem !== '') problems.push(problem);
  });
  if (options.publishing && draft.locales.every((entry) => entry.text.trim() === '')) problems.push('Write the terms in at least one locale before publishing.');
  return problems;
}

function replacing(document: TermsDocument, name: string, make: (version: TermsVersion) => TermsVersion): TermsDocument {
  return { ...document, versions: document.versions.map((version) => (version.version === name ? make(version) : version)) };
}

/** A change the freshest document no longer allows (another administrator got there first). */
export class TermsChangeRefused extends Error {
  readonly code = 'TERMS_VERSION_EXISTS';
}

/**
 * `document` with `draft` stored: added as a draft created at `now` when no version has its name;
 * otherwise its texts replaced (a published version's too: the server then refuses with its own
 * 409, since a published text never changes). With `isNew`, a name taken meanwhile is refused
 * (TermsChangeRefused) rather than overwriting someone else's version.
 */
export function withDraft(document: TermsDocument, draft: TermsDraft, now: string, options: { isNew: boolean }): TermsDocument {
  const name = draft.version.trim();
  const texts = Object.fromEntries(draft.locales.map((entry) => [entry.locale, entry.text]));
  const existing = versionNamed(document, name);
  if (existing === undefined) return { ...document, versions: [...document.versions, { version: name, createDate: now, status: 'draft', texts }] };
  if (options.isNew) throw new TermsChangeRefused(`Version "${name}" was created meanwhile: choose another name.`);
  return replacing(document, name, (version) => ({ ...version, texts }));
}

/** `document` without draft `name` (a published version stays: it is what users accepted). */
export function withoutDraft(document: TermsDocument, name: string): TermsDocument {
  return { ...document, versions: document.versions.filter((version) => version.version !== name || isPublished(version)) };
}

/** `document` with version `name` published (its text final from then on). */
export function withPublished(document: TermsDocument, name: string): TermsDocument {
  return replacing(document, name, (version) => (isPublished(version) ? version : { ...version, status: 'published' }));
}

/** `document` with version `name` the active one (the server refuses a draft). */
export function withActive(document: TermsDocument, name: string): TermsDocument {
  return { ...document, active: name };
}

/** The locales of a version, as a short list (`en, fr`). */
export function localesOf(version: TermsVersion): string {
  return Object.keys(version.texts).join(', ');
}
