/**
 * Picks the locale of a message among those a template has: the first wanted locale that matches
 * exactly (case and `_`/`-` aside), else by its language (`fr-BE` → `fr`, then any `fr-*`).
 */

function normalize(tag: string): string {
  return tag.trim().replaceAll('_', '-').toLowerCase();
}

function language(tag: string): string {
  return normalize(tag).split('-')[0] ?? '';
}

/** The available locale that best matches `wanted`, or undefined. */
export function matchLocale(wanted: string, available: readonly string[]): string | undefined {
  const tag = normalize(wanted);
  if (tag === '') return undefined;
  const exact = available.find((locale) => normalize(locale) === tag);
  if (exact !== undefined) return exact;
  const lang = language(tag);
  return available.find((locale) => normalize(locale) === lang) ?? available.find((locale) => language(locale) === lang);
}

/**
 * The locale for a message: the first of `preferences` (best first) that matches one of
 * `available`, else `fallback` if available, else the first available one.
 */
export function chooseLocale(preferences: readonly string[], available: readonly string[], fallback: string): string | undefined {
  for (const wanted of preferences) {
    const match = matchLocale(wanted, available);
    if (match !== undefined) return match;
  }
  return matchLocale(fallback, available) ?? available[0];
}
