/**
 * What `openidm` and `idRepository` reach: managed objects by type and id, as plain JSON
 * (`_id`, `_rev` and the properties, never a password). The platform implements it over the
 * identity service the node's request uses (`src/platform/scripting/script-identity-adapter.ts`).
 */

/** A managed object as a script sees it. */
export type ScriptObject = Record<string, unknown>;

/** Managed objects for scripts; failures a script may catch are `ScriptHostError`s. */
export interface ScriptIdentity {
  /** Creates an object (policies checked, a `password` hashed). */
  create(type: string, content: Record<string, unknown>): Promise<ScriptObject>;
  read(type: string, id: string): Promise<ScriptObject | null>;
  /** The object whose `attribute` is `value` (one match), or null. */
  findBy(type: string, attribute: string, value: string): Promise<ScriptObject | null>;
  /** Writes `fields` (`/`-paths allowed; `null` removes), policies checked; the object after. */
  patch(type: string, id: string, fields: Record<string, unknown>): Promise<ScriptObject>;
  /** The objects matching a `_queryFilter`, at most `limit`. */
  query(type: string, filter: string, limit: number): Promise<ScriptObject[]>;
  /** Deletes the object; the object as it was, or null when there was none. */
  delete(type: string, id: string): Promise<ScriptObject | null>;
}
