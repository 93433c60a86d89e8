/**
 * Message catalogues of the pages: every text a page shows is a message id with an English text and
 * its French, Dutch and German translations. Each area of the pages (journey pages, account page)
 * defines its own catalogue with `defineCatalog`; the compiler checks that every language has every
 * id, and `translator` turns a catalogue and a language into a function from id to text.
 */
import type { PageLanguage } from './page-language.ts';

/** The texts of one area, by language; `Id` is the area's message ids. */
export interface Catalog<Id extends string> {
  readonly texts: Readonly<Record<PageLanguage, Readonly<Record<Id, string>>>>;
}

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Text of message `id` in the translator's language, placeholders replaced (plain text, not HTML). */
export type Translate<Id extends string> = (id: Id, params?: MessageParams) => string;

/** A catalogue from its English texts and their translations (each with exactly the English ids). */
export function defineCatalog<Id extends string>(
  en: Readonly<Record<Id, string>>,
  translations: { fr: Readonly<Record<Id, string>>; nl: Readonly<Record<Id, string>>; de: Readonly<Record<Id, string>> },
): Catalog<Id> {
  return { texts: { en, ...translations } };
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** Message lookup for `language`; a placeholder without a value is left as written. */
export function translator<Id extends string>(catalog: Catalog<Id>, language: PageLanguage): Translate<Id> {
  const texts = catalog.texts[language];
  return (id, params) => {
    const text = texts[id];
    if (params === undefined) return text;
    return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
  };
}

/** The `{name}` placeholders of `text`, sorted (the catalogue test compares them across languages). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').sort();
}

/** The message ids of a catalogue. */
export type CatalogId<C> = C extends Catalog<infer Id> ? Id : never;
