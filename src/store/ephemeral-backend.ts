/** An ephemeral store together with the lifecycle of the connection behind it (Redis). */
import type { EphemeralStore } from './ephemeral-store.ts';

/** An ephemeral store that owns a connection: the store checks and closes it with its own. */
export interface EphemeralBackend {
  store: EphemeralStore;
  /** Throws when the backend does not answer. */
  health(): Promise<void>;
  close(): Promise<void>;
}
