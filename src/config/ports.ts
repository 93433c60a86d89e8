/** Storage port for realms and their configuration. */
import type { RealmConfig } from './realm-config.ts';

/** Realms, keyed by name (`root`, `alpha`). */
export interface RealmRepository {
  list(): Promise<RealmConfig[]>;
  get(name: string): Promise<RealmConfig | undefined>;
  /** Creates or replaces the realm's configuration. */
  put(realm: RealmConfig): Promise<void>;
}
