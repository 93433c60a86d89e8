/**
 * Picks the text of a node's locale map (`{en: "…", fr: "…", en_GB: "…"}`, AM's
 * `Map<Locale, String>` config attributes) for the request's preferred locales.
 */

/** A locale map as AM exports it: locale tag (`en`, `fr_BE` or `fr-BE`) → text. */
export type LocaleMap = Record<string, string>;

/**
 * The best text for `locales` (best first, e.g. `['fr-BE', 'fr', 'en']`): for each preferred
 * locale its exact tag, then its language, then any region of that language; then `en`; then the
 * map's first entry. Undefined for an empty map.
 */
export function localize(map: LocaleMap, locales: readonly string[]): string | undefined {
  const entries = Object.entries(map).map(([tag, text]) => ({ tag: normalizeTag(tag), text }));
  for (const requested of locales) {
    const tag = normalizeTag(requested);
    if (tag === '') continue;
    const language = languageOf(tag);
    const found =
      entries.find((entry) => entry.tag === tag) ??
      entries.find((entry) => entry.tag === language) ??
      entries.find((entry) => languageOf(entry.tag) === language);
    if (found !== undefined) return found.text;
  }
  return entries.find((entry) => entry.tag === 'en')?.text ?? entries[0]?.text;
}

/** `fr_BE` and `FR-be` → `fr-be`. */
function normalizeTag(tag: string): string {
  return tag.trim().replaceAll('_', '-').toLowerCase();
}

/** `fr-be` → `fr`. */
function languageOf(tag: string): string {
  return tag.split('-')[0] ?? tag;
}
