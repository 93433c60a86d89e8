/** Storage port for realms and their configuration. */
import type { RealmConfig } from './realm-config.ts';

/** Realms, keyed by name (`root`, `alpha`). */
export interface RealmRepository {
  list(): Promise<RealmConfig[]>;
  get(name: string): Promise<RealmConfig | undefined>;
  /** Creates or replaces the realm's configuration. */
  put(realm: RealmConfig): Promise<void>;
}

/**
 * IDM-style configuration documents by id (`managed`, `selfservice.kba`, `external.email`,
 * `emailTemplate/resetPassword`…), stored as JSON.
 */
export interface ConfigRepository {
  get(id: string): Promise<unknown>;
  put(id: string, value: unknown): Promise<void>;
  delete(id: string): Promise<boolean>;
  /** Ids starting with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}
