/**
 * AM's realm-qualified URLs: `json/realms/root/realms/alpha/<endpoint>` names realm `alpha`;
 * `json/realms/root/<endpoint>` and the legacy `json/<endpoint>` name the root realm.
 */
import { httpError } from '../errors.ts';

/** The realm name and the endpoint path that follows it. */
export interface RealmRoute {
  realm: string;
  endpoint: string;
}

/** Parses the part after `json/realms/` (e.g. `root/realms/alpha/authenticate`). */
export function parseRealmRoute(rest: string): RealmRoute {
  const segments = rest.split('/');
  if (segments[0] !== 'root') throw httpError(404, `Realm paths start with root: /json/realms/root/…, got /json/realms/${segments[0] ?? ''}`);
  const names: string[] = [];
  let index = 1;
  while (segments[index] === 'realms' && index + 1 < segments.length - 1) {
    const name = segments[index + 1] ?? '';
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw httpError(400, `Invalid realm name "${name}"`);
    names.push(name);
    index += 2;
  }
  return { realm: names.length === 0 ? 'root' : names.join('/'), endpoint: segments.slice(index).join('/') };
}
