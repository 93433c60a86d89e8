/**
 * The stored record of a new managed user, built without side effects: the id, the attributes
 * with usernames normalized (NFKC, trimmed: `policy/usernames.ts`) and the schema's defaults
 * (such as `accountStatus: active`), the password as an encoded hash
 * (an imported one, or the hash of the plaintext made by the caller) and `_meta`'s timestamps
 * (`createDate`, `lastChanged: {date}`).
 * Validation and hashing stay with the caller, which validates the plaintext before hashing it.
 */
import { normalizeUsernames } from '../policy/usernames.ts';
import type { ManagedObjectSchema } from './managed-schema.ts';
import { fieldPath, withDefaults, withFields } from './object-fields.ts';

/** What a new user is built from. */
export interface NewUserInput {
  schema: ManagedObjectSchema;
  id: string;
  /** Attributes as given (`/`-paths allowed). `password` and `passwordHash` are never copied; nor are `_id`, `_rev`, `_meta`. */
  attributes: Record<string, unknown>;
  /** The encoded hash stored under `password`; without it the user has no password. */
  passwordHash?: string;
  /** Creation time, epoch milliseconds. */
  now: number;
}

/** A new user as the repository's `create` takes it. */
export interface NewUserRecord {
  id: string;
  data: Record<string, unknown>;
  /** IDM's tracked properties: `createDate`, and `lastChanged` as `{date}`, as the identity service writes them. */
  meta: { createDate: string; lastChanged: { date: string } };
}

/** Attribute names that never reach `data` as given: a plaintext must not be stored by mistake. */
const PASSWORD_FIELDS: readonly string[] = ['password', 'passwordHash'];

/** Builds the stored record of a new user. */
export function prepareNewUser(input: NewUserInput): NewUserRecord {
  const attributes = Object.fromEntries(Object.entries(input.attributes).filter(([key]) => !PASSWORD_FIELDS.includes(fieldPath(key)[0] ?? '')));
  const data = withDefaults(input.schema, normalizeUsernames(input.schema, withFields({}, attributes)));
  if (input.passwordHash !== undefined) data.password = input.passwordHash;
  const timestamp = new Date(input.now).toISOString();
  return { id: input.id, data, meta: { createDate: timestamp, lastChanged: { date: timestamp } } };
}
