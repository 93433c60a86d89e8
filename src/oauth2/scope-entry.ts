/**
 * AM's scope entries with a display text, as a client's `scopes` and `defaultScopes` hold them:
 * `name`, `name|description` (shown in every language) or `name|locale|description` (shown in
 * that locale: `read:orders|fr|Lire vos commandes`). The name is the part before the first `|`
 * and is all the protocol ever sees; after a second `|` the rest is the description, pipes
 * included (AM splits an entry in three at most). `scopeEntryProblem` says why an entry written
 * through the clients REST API cannot be kept (an empty or overlong description, a locale that
 * is not a language tag); a stored entry is read without those checks, its unusable texts left
 * out. `scopeTextsOf` gathers a client's texts by scope and `scopeTextFor` picks the one for a
 * page's language: the text of that locale (`fr`), else of a regional variant of its language
 * (`fr_CA`), else the text without locale; undefined when the client gives none (the page then
 * says the scope its own way).
 */

/** The longest description kept, in characters (a longer stored one is shortened). */
export const MAX_SCOPE_DESCRIPTION = 256;

/** A locale as AM writes them (Java's `en`, `fr_CA`) or as a language tag (`fr-CA`, `zh-Hant-TW`). */
const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/;

/** One entry read. */
export interface ScopeEntry {
  /** The scope's name (what is granted and put in tokens). */
  name: string;
  /** The locale as written, when the entry has one. */
  locale?: string;
  /** The description as written (trimmed), when the entry has one. */
  description?: string;
}

/** Reads `entry`: its name, and its locale and description when it has them (each trimmed; an empty part is absent). */
export function parseScopeEntry(entry: string): ScopeEntry {
  const first = entry.indexOf('|');
  if (first < 0) return { name: entry };
  const name = entry.slice(0, first);
  const rest = entry.slice(first + 1);
  const second = rest.indexOf('|');
  const locale = second < 0 ? '' : rest.slice(0, second).trim();
  const description = (second < 0 ? rest : rest.slice(second + 1)).trim();
  return { name, ...(locale === '' ? {} : { locale }), ...(description === '' ? {} : { description }) };
}

/** Why the display text of `entry` cannot be written (its name is checked elsewhere), or undefined. */
export function scopeEntryProblem(entry: string): string | undefined {
  const first = entry.indexOf('|');
  if (first < 0) return undefined;
  const rest = entry.slice(first + 1);
  const second = rest.indexOf('|');
  if (second >= 0) {
    const locale = rest.slice(0, second).trim();
    if (locale === '') return 'has an empty locale: write name|description, or name|locale|description (en, fr_CA)';
    if (!LOCALE.test(locale)) return `has "${locale.slice(0, 40)}" where its locale goes: write name|description, or name|locale|description with a locale such as en or fr_CA`;
  }
  const { description } = parseScopeEntry(entry);
  if (description === undefined) return 'has an empty description: write the name alone, or name|description';
  if (description.length > MAX_SCOPE_DESCRIPTION) return `has a description longer than ${MAX_SCOPE_DESCRIPTION} characters`;
  return undefined;
}

/** A scope's texts: by locale (lower case, `_` as `-`), and the one without locale. */
export interface ScopeText {
  plain?: string;
  locales: Map<string, string>;
}

/** A client's scope texts by scope name. */
export type ScopeTexts = Map<string, ScopeText>;

function normalLocale(locale: string): string {
  return locale.toLowerCase().replaceAll('_', '-');
}

function shortened(text: string): string {
  return text.length > MAX_SCOPE_DESCRIPTION ? `${text.slice(0, MAX_SCOPE_DESCRIPTION - 1).replace(/[\uD800-\uDBFF]$/, '')}…` : text;
}

/** The texts of `entries` (a client's `scopes`, then its `defaultScopes`), the first for a scope and locale kept; unusable ones left out. */
export function scopeTextsOf(entries: Iterable<string>): ScopeTexts {
  const texts: ScopeTexts = new Map();
  for (const entry of entries) {
    const { name, locale, description } = parseScopeEntry(entry);
    if (name === '' || description === undefined) continue;
    if (entry.indexOf('|') !== entry.lastIndexOf('|') && (locale === undefined || !LOCALE.test(locale))) continue;
    let text = texts.get(name);
    if (text === undefined) {
      text = { locales: new Map() };
      texts.set(name, text);
    }
    if (locale === undefined) text.plain ??= shortened(description);
    else if (!text.locales.has(normalLocale(locale))) text.locales.set(normalLocale(locale), shortened(description));
  }
  return texts;
}

/** The text of scope `name` for a page in `language` (`en`, `fr`…), or undefined when the client gives none for it. */
export function scopeTextFor(texts: ScopeTexts | undefined, name: string, language: string): string | undefined {
  const text = texts?.get(name);
  if (text === undefined) return undefined;
  const wanted = normalLocale(language);
  const exact = text.locales.get(wanted);
  if (exact !== undefined) return exact;
  const primary = wanted.split('-')[0] ?? wanted;
  const ofLanguage = text.locales.get(primary);
  if (ofLanguage !== undefined) return ofLanguage;
  for (const [locale, description] of text.locales) if (locale.split('-')[0] === primary) return description;
  return text.plain;
}
