/** ConfigRepository in memory: JSON documents by id, listed by exact prefix in code point order. */
import type { ConfigRepository } from '../../config/ports.ts';
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import { fromJsonText, toJsonText } from './json-text.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** Configuration documents in the state `access` reaches. */
export function memoryConfigRepository(access: MemoryStateAccess): ConfigRepository {
  return {
    async get(id) {
      const text = access.read().configs.get(id);
      return text === undefined ? undefined : fromJsonText(text);
    },

    async put(id, value) {
      const text = toJsonText(value);
      await access.write((state) => {
        state.configs.set(id, text);
      });
    },

    async delete(id) {
      return access.write((state) => state.configs.delete(id));
    },

    async list(prefix) {
      return [...access.read().configs.keys()].filter((id) => id.startsWith(prefix)).sort(compareCodePoints);
    },
  };
}
