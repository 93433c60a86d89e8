/**
 * A config repository that reads each document once: a bulk operation validates every record
 * against the same schema, and re-reading (and re-parsing) the `managed` document per record
 * would dominate. With `managedType`, the `managed` document is narrowed to that one type, so that
 * each parse the policy service still does costs one schema, not all of them.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import { MANAGED_CONFIG_ID } from '../schema-for-type.ts';

function narrowed(document: unknown, type: string): unknown {
  if (typeof document !== 'object' || document === null || !('objects' in document) || !Array.isArray(document.objects)) return document;
  const objects: unknown[] = document.objects.filter((object: unknown) => typeof object === 'object' && object !== null && 'name' in object && object.name === type);
  return { ...document, objects };
}

/** `configs` with `get` memoized until the next write through this wrapper. */
export function readOnceConfigs(configs: ConfigRepository, options: { managedType?: string } = {}): ConfigRepository {
  const cache = new Map<string, Promise<unknown>>();
  return {
    get(id) {
      let value = cache.get(id);
      if (value === undefined) {
        const type = options.managedType;
        value = id === MANAGED_CONFIG_ID && type !== undefined ? configs.get(id).then((document) => narrowed(document, type)) : configs.get(id);
        cache.set(id, value);
        // A failed read is not remembered.
        value.catch(() => cache.delete(id));
      }
      return value;
    },
    async put(id, value) {
      cache.delete(id);
      await configs.put(id, value);
    },
    async delete(id) {
      cache.delete(id);
      return configs.delete(id);
    },
    list: (prefix) => configs.list(prefix),
  };
}
