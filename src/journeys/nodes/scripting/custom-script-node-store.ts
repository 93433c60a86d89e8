/**
 * The Node Designer node types of each realm, kept as configuration documents
 * (`realm/<realm>/customNodes/<id>`) beside the realm's scripts; what the journey import writes and
 * the export and the custom node read back (`CUSTOM_NODE_TYPES`).
 */
import type { ConfigRepository } from '../../../config/ports.ts';
import type { CustomNodeType } from './custom-script-node-definition.ts';
import { parseCustomNodeType } from './custom-script-node-definition.ts';

/** Where a realm's custom node types are kept. */
export function customNodePrefix(realm: string): string {
  return `realm/${realm}/customNodes/`;
}

/** The document id of custom node type `id` of `realm`. */
export function customNodeDocumentId(realm: string, id: string): string {
  return `${customNodePrefix(realm)}${encodeURIComponent(id)}`;
}

/** Reading and writing a realm's custom node types (`realm` is the realm's name, `alpha`). */
export interface CustomNodeStore {
  get(realm: string, id: string): Promise<CustomNodeType | undefined>;
  put(realm: string, type: CustomNodeType): Promise<void>;
  list(realm: string): Promise<CustomNodeType[]>;
}

/** The store over `configs`; a document that no longer reads as a node type is ignored. */
export function configCustomNodeStore(configs: ConfigRepository): CustomNodeStore {
  const read = async (documentId: string): Promise<CustomNodeType | undefined> => {
    const parsed = parseCustomNodeType(await configs.get(documentId));
    return parsed.ok ? parsed.type : undefined;
  };
  return {
    get: (realm, id) => read(customNodeDocumentId(realm, id)),
    put: (realm, type) => configs.put(customNodeDocumentId(realm, type._id), type),
    async list(realm) {
      const types: CustomNodeType[] = [];
      for (const id of await configs.list(customNodePrefix(realm))) {
        const type = await read(id);
        if (type !== undefined) types.push(type);
      }
      return types;
    },
  };
}
