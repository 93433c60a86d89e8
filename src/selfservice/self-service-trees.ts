/**
 * AM's Self Service Trees service of a realm: which tree each self-service endpoint of the
 * end-user UI runs (`registration` → `Registration`, or any endpoint an administrator adds, e.g.
 * `device-registration` → `Device Registration`). Kept in the realm configuration.
 */
import type { RealmConfig } from '../config/realm-config.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { fieldReader } from './config-fields.ts';

/** The service's `_type`, as AM answers it. */
export const SELF_SERVICE_TREES_TYPE = Object.freeze({ _id: 'selfServiceTrees', name: 'Self Service Trees', collection: false });

/** The service as AM's REST API reads and writes it. */
export interface SelfServiceTreesBody {
  _id: '';
  treeMapping: Record<string, string>;
  _type: { _id: string; name: string; collection: boolean };
}

const ENDPOINT = /^[A-Za-z0-9_.-]+$/;

/** The realm's mapping, or the defaults for a realm stored before it had one. */
export function selfServiceTreesOf(realm: RealmConfig): Record<string, string> {
  return { ...(realm.selfServiceTrees ?? defaultRealmConfig(realm.name).selfServiceTrees ?? {}) };
}

/** The AM body of a mapping. */
export function selfServiceTreesBody(treeMapping: Record<string, string>): SelfServiceTreesBody {
  return { _id: '', treeMapping: { ...treeMapping }, _type: { ...SELF_SERVICE_TREES_TYPE } };
}

/**
 * The mapping of a PUT body (`{treeMapping: {endpoint: tree}}`; `_id`, `_rev` and `_type` are
 * ignored). The whole mapping is replaced, so an endpoint left out is deleted.
 * INVALID_SELF_SERVICE_TREES names the field at fault.
 */
export function parseSelfServiceTreesBody(value: unknown): Record<string, string> {
  const read = fieldReader('INVALID_SELF_SERVICE_TREES', 'selfServiceTrees');
  const body = read.object(value, '');
  const mapping = read.object(body.treeMapping, 'treeMapping');
  const result: Record<string, string> = {};
  for (const [endpoint, tree] of Object.entries(mapping)) {
    if (!ENDPOINT.test(endpoint)) read.fail(`treeMapping.${endpoint}`, 'is not an endpoint name (letters, digits, ".", "_", "-")');
    result[endpoint] = read.string(tree, `treeMapping.${endpoint}`, { nonEmpty: true }).trim();
  }
  return result;
}

/** `realm` with `treeMapping` as its self-service trees. */
export function withSelfServiceTrees(realm: RealmConfig, treeMapping: Record<string, string>): RealmConfig {
  return { ...realm, selfServiceTrees: { ...treeMapping } };
}
