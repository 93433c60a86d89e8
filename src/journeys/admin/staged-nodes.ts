/**
 * Node configs that no journey holds (yet, or any more), per realm, as configuration documents.
 * AM keeps nodes as entities of their own: Frodo writes a journey's nodes before its tree, and
 * deletes them after it. A PUT tree takes the staged nodes it references into the journey; a
 * deleted tree leaves its nodes here, so that they can still be read and deleted.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { NodeConfigObject } from '../engine/tree-model.ts';

/** Where a realm's staged nodes are kept. */
export function stagedNodePrefix(realm: string): string {
  return `realm/${realm}/stagedNodes/`;
}

/** The document id of staged node `id` of `realm`. */
export function stagedNodeDocumentId(realm: string, id: string): string {
  return `${stagedNodePrefix(realm)}${encodeURIComponent(id)}`;
}

function isNodeConfig(value: unknown): value is NodeConfigObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const type = record._type;
  return typeof record._id === 'string' && typeof type === 'object' && type !== null && typeof (type as Record<string, unknown>)._id === 'string';
}

/** Reading and writing a realm's staged nodes. */
export interface StagedNodes {
  get(realm: string, id: string): Promise<NodeConfigObject | undefined>;
  put(realm: string, node: NodeConfigObject): Promise<void>;
  delete(realm: string, id: string): Promise<boolean>;
}

/** Staged nodes over configuration documents. */
export function configStagedNodes(configs: ConfigRepository): StagedNodes {
  return {
    async get(realm, id) {
      const value = await configs.get(stagedNodeDocumentId(realm, id));
      return isNodeConfig(value) ? value : undefined;
    },
    put: (realm, node) => configs.put(stagedNodeDocumentId(realm, node._id), node),
    delete: (realm, id) => configs.delete(stagedNodeDocumentId(realm, id)),
  };
}
