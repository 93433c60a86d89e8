/**
 * How a memory repository reaches the state: the store's committed state (writes wait their turn
 * on the store's mutex), or one transaction's fork (writes apply at once, while the transaction
 * holds the mutex). A write is one synchronous change that validates before it changes anything,
 * so each write is atomic like one SQL statement.
 */
import type { MemoryState } from './memory-state.ts';

/** Reads and writes of one memory state. */
export interface MemoryStateAccess {
  /** The state to read now (reads never wait). */
  read(): MemoryState;
  /** Applies `change` to the state when it is this writer's turn; its result, or its error. */
  write<T>(change: (state: MemoryState) => T): Promise<T>;
}
