/**
 * What a caller may do with managed objects, as the HTTP layer's authorization decides it and the
 * CREST service applies it: which properties it reads, a check of every write, whether it creates.
 */
import type { ManagedObjectSchema } from '../managed-schema.ts';
import type { ReadableProperty } from './project-resource.ts';

/** A write about to happen, after the request was applied to the stored object. */
export interface ProposedWrite {
  type: string;
  id: string;
  schema: ManagedObjectSchema;
  /** The stored data (the password as its hash); undefined for a create. */
  before: Record<string, unknown> | undefined;
  /** The data to store, a new password still in clear. */
  after: Record<string, unknown>;
  /** Top-level properties whose value changes (added, removed or different). */
  changed: string[];
}

/** A caller's access; the empty object is an administrator's (everything). */
export interface CrestAccess {
  /** Top-level properties (and `_meta`) the caller may read; all when absent. */
  readable?: ReadableProperty;
  /** Runs before policy validation; throws (FORBIDDEN…) to refuse the write. */
  checkWrite?: (write: ProposedWrite) => Promise<void>;
  /** False when the caller may only change existing objects (a PUT then never creates). */
  mayCreate?: boolean;
}

/** Full access. */
export const ADMIN_ACCESS: Readonly<CrestAccess> = Object.freeze({});
