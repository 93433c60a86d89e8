/**
 * A realm configuration as a repository reads it back: the parsed JSON document that was put,
 * checked to still have the shape of one (a name, a user type and the lockout, sessions and
 * journeys sections), so that a corrupt document fails where it is read. Every store's
 * `RealmRepository` reads realms through it.
 */
import { isJsonObject } from '../json/is-json-object.ts';
import type { RealmConfig } from './realm-config.ts';

/** The stored document has the shape of a realm configuration (it was one when it was put). */
function isRealmConfig(value: unknown): value is RealmConfig {
  return (
    isJsonObject(value) &&
    typeof value['name'] === 'string' &&
    typeof value['userType'] === 'string' &&
    isJsonObject(value['lockout']) &&
    isJsonObject(value['sessions']) &&
    isJsonObject(value['journeys'])
  );
}

/** `value`, the parsed document of a stored realm, as a realm configuration; throws when it is not one. */
export function storedRealmConfig(value: unknown): RealmConfig {
  if (!isRealmConfig(value)) throw new Error('stored realm configuration is not a realm configuration');
  return value;
}
