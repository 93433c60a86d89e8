/** An in-memory `ConfigRepository` for unit tests. */
import type { ConfigRepository } from '../../config/ports.ts';

/** Builds a fake config repository, optionally holding `initial` documents. */
export function createFakeConfigs(initial: Record<string, unknown> = {}): ConfigRepository & { reads: number } {
  const documents = new Map<string, unknown>(Object.entries(initial).map(([id, value]) => [id, structuredClone(value)]));
  const fake = {
    reads: 0,
    async get(id: string) {
      fake.reads++;
      const value = documents.get(id);
      return value === undefined ? undefined : structuredClone(value);
    },
    async put(id: string, value: unknown) {
      documents.set(id, structuredClone(value));
    },
    async delete(id: string) {
      return documents.delete(id);
    },
    async list(prefix: string) {
      return [...documents.keys()].filter((id) => id.startsWith(prefix)).sort();
    },
  };
  return fake;
}
