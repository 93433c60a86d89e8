/** Storage port for realms and their configuration. */
import type { RealmConfig } from './realm-config.ts';

/** Realms, keyed by name (`root`, `alpha`). */
export interface RealmRepository {
  list(): Promise<RealmConfig[]>;
  get(name: string): Promise<RealmConfig | undefined>;
  /** Creates or replaces the realm's configuration. */
  put(realm: RealmConfig): Promise<void>;
  /**
   * Deletes the realm and every record kept under its name: its journeys with all their versions,
   * its realm keys and key pairs, its users' devices and its OpenID provider records (configuration
   * documents and managed objects are the caller's). False when there was no such realm. Every
   * store has it; it is optional for views of a store that cannot delete realms (a staged import).
   */
  delete?(name: string): Promise<boolean>;
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
