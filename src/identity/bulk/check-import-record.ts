/**
 * Checks one import record against everything but the other records of the file: the password
 * fields, the schema and policies (`validateObject`, which asks the store for taken unique
 * values) and a given `_id`. Checks of several records may run at once; duplicates within the
 * file are the importer's, in file order.
 */
import type { PolicyService } from '../../policy/policy-service.ts';
import type { Store } from '../../store/store.ts';
import { isIdentityError } from '../errors.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import { parsePasswordHash } from '../password-schemes/parse-password-hash.ts';
import type { NewUserRecord } from '../prepare-new-user.ts';
import { prepareNewUser } from '../prepare-new-user.ts';
import type { ImportRecord } from './import-record.ts';
import { policyReasons } from './policy-reasons.ts';

/** A checked record: the user to write (and its plaintext password, to hash), or why not. */
export type CheckedRecord =
  | { line: number; ok: true; record: NewUserRecord; givenId: string | undefined; password: string | undefined }
  | { line: number; ok: false; reasons: string[] };

/** What a check reads. */
export interface CheckContext {
  type: string;
  schema: ManagedObjectSchema;
  policy: Pick<PolicyService, 'validateObject'>;
  store: Pick<Store, 'managedObjects'>;
  newId: () => string;
  now: () => number;
}

const UNSUPPORTED_HASH = 'passwordHash: not a supported hash (argon2, bcrypt, PBKDF2 in passlib, Django or ForgeRock DS encoding) or past the cost limits';

/** Checks `input` (a record or a reader's error). */
export async function checkImportRecord(input: ImportRecord, context: CheckContext): Promise<CheckedRecord> {
  const { line } = input;
  if ('error' in input) return { line, ok: false, reasons: [input.error] };
  const { _id: givenId, password, passwordHash, ...attributes } = input.attributes;
  if (password !== undefined && passwordHash !== undefined) return { line, ok: false, reasons: ['password: give either password or passwordHash, not both'] };
  if (passwordHash !== undefined && (typeof passwordHash !== 'string' || parsePasswordHash(passwordHash) === undefined)) return { line, ok: false, reasons: [UNSUPPORTED_HASH] };
  if (givenId !== undefined && (typeof givenId !== 'string' || givenId === '')) return { line, ok: false, reasons: ['_id: must be a non-empty string'] };

  const id = givenId ?? context.newId();
  let record: NewUserRecord;
  try {
    record = prepareNewUser({ schema: context.schema, id, attributes, now: context.now(), ...(typeof passwordHash === 'string' ? { passwordHash } : {}) });
  } catch (error) {
    if (isIdentityError(error, 'INVALID_ATTRIBUTE_NAME')) return { line, ok: false, reasons: [error.message] };
    throw error;
  }
  // A pre-hashed password skips the password-content policies: only the other properties are validated.
  const { password: _hash, ...others } = record.data;
  const result = await context.policy.validateObject(context.type, password === undefined ? { _id: id, ...others } : { _id: id, ...others, password });
  const reasons = policyReasons(result);
  if (givenId !== undefined && (await context.store.managedObjects.get(context.type, id)) !== undefined) reasons.push('_id: UNIQUE (an object with this id exists)');
  if (reasons.length > 0) return { line, ok: false, reasons };
  return { line, ok: true, record, givenId, password: typeof password === 'string' ? password : undefined };
}
