/** The Realm settings page's calls: `GET`/`PUT …/realm-config/settings` of a realm (the realm's `realm.json`). */
import { call, realmBase } from './am-client.ts';

function settingsUrl(realm: string): string {
  return `${realmBase(realm)}/realm-config/settings`;
}

/** The realm's settings document. */
export function readRealmSettings(realm: string): Promise<unknown> {
  return call('GET', settingsUrl(realm));
}

/** Replaces the realm's settings; the stored document, or an `AmRequestError` with the server's reasons. */
export function writeRealmSettings(realm: string, document: Record<string, unknown>): Promise<unknown> {
  return call('PUT', settingsUrl(realm), document);
}
