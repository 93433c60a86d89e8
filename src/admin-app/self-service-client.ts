/**
 * The admin app's calls to AM's Self Service Trees service of a realm
 * (`…/realm-config/services/selfServiceTrees`, same origin, with the session cookie): read the
 * mapping, and replace it whole. Failures are `AmRequestError`s with the server's message.
 */
import { call, realmBase } from './am-client.ts';
import { mappingOf } from './self-service-model.ts';

const API_VERSION = 'protocol=1.0,resource=1.0';

function servicePath(realm: string): string {
  return `${realmBase(realm)}/realm-config/services/selfServiceTrees`;
}

/** The realm's mapping of self-service endpoints to journeys. */
export async function readSelfServiceTrees(realm: string): Promise<Record<string, string>> {
  return mappingOf(await call('GET', servicePath(realm), undefined, API_VERSION));
}

/** Replaces the realm's mapping (an endpoint left out is removed); the mapping as stored. */
export async function saveSelfServiceTrees(realm: string, body: { _id: ''; treeMapping: Record<string, string> }): Promise<Record<string, string>> {
  return mappingOf(await call('PUT', servicePath(realm), body, API_VERSION));
}
