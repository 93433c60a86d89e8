/** A memory store's ConfigRepository holding given documents: the starting point of tests of config readers. */
import type { ConfigRepository } from '../../../config/ports.ts';
import type { Store } from '../../store.ts';
import { openMemoryStore } from '../open-memory-store.ts';

/** The configs of `store` (a new memory store by default) after putting each of `documents` (id → value). */
export async function configsWith(documents: Readonly<Record<string, unknown>> = {}, store: Pick<Store, 'configs'> = openMemoryStore()): Promise<ConfigRepository> {
  for (const [id, value] of Object.entries(documents)) await store.configs.put(id, value);
  return store.configs;
}
