/**
 * A realm's OpenID provider settings, kept in the configuration document `oauth2-provider/<realm>`:
 * `{ "acrJourneys": { "<acr>": "<journey>" } }`, the journey an authorization request's
 * `acr_values` selects (AM's "acr to auth tree mapping"). Absent or malformed: no mapping.
 */

/** The configuration document of `realm`'s provider settings. */
export function oauth2SettingsId(realm: string): string {
  return `oauth2-provider/${realm}`;
}

/** The realm whose settings document `id` is, or undefined when it is not one. */
export function realmOfSettingsId(id: string): string | undefined {
  return id.startsWith('oauth2-provider/') ? id.slice('oauth2-provider/'.length) : undefined;
}

/** The `acrJourneys` map of a stored settings document (own string entries only, at most 64). */
export function acrJourneysOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'acrJourneys')) return {};
  const map: unknown = Reflect.get(value, 'acrJourneys');
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return {};
  const result: Record<string, string> = {};
  for (const [acr, journey] of Object.entries(map).slice(0, 64)) if (typeof journey === 'string' && acr.length <= 256) result[acr] = journey;
  return result;
}
