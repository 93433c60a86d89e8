/**
 * What an IDM caller may do. Administrators may do everything. A signed-in end user may read their
 * own object (viewable properties only) and change it with PUT or PATCH (user-editable properties
 * only; a protected property such as the password only with the current password in
 * `X-OpenIDM-Reauth-Password`), read their type's policies and validate their own object; nothing
 * else (403 "Access denied").
 */
import type { CrestAccess } from '../../identity/crest/crest-access.ts';
import { ADMIN_ACCESS } from '../../identity/crest/crest-access.ts';
import { crestError } from '../../identity/crest/errors.ts';
import { isProtected } from '../../identity/crest/schema-properties.ts';
import type { ManagedObjectSchema } from '../../identity/managed-schema.ts';
import { httpError } from '../errors.ts';
import type { IdmCaller } from './idm-caller.ts';

/** The header that carries the current password when a protected property changes. */
export const REAUTH_HEADER = 'x-openidm-reauth-password';

/** What a request does to managed objects. */
export type ManagedOperation = 'read' | 'create' | 'update' | 'patch' | 'delete' | 'query' | 'patchByQuery';

/** Checks the current password of the caller (and counts a wrong one toward the lockout). */
export type ReauthCheck = (password: string) => Promise<boolean>;

/** The 403 of a refused operation. */
export function forbidden(message = 'Access denied'): Error {
  return httpError(403, message);
}

function isOwnObject(caller: IdmCaller, type: string, id: string | undefined): boolean {
  return caller.kind === 'user' && caller.type === type && caller.id === id;
}

/** The realm of a managed type: `user`/`role`/`group` are the root realm's, `<r>_user`/`<r>_role`/`<r>_group` realm r's. */
export function realmOfManagedType(type: string): string | undefined {
  if (type === 'user' || type === 'role' || type === 'group') return 'root';
  return /^([A-Za-z0-9]+)_(user|role|group)$/.exec(type)?.[1];
}

/**
 * True when `caller` administers `realm`: every administrator (amadmin, openidm-admin) does; a realm
 * administrator (`authzRoles` holding `internal/role/realm-admin-<realm>`) only their realm. Without
 * a realm, only administrators of everything.
 */
export function mayAdminister(caller: IdmCaller, realm?: string): boolean {
  if (caller.kind === 'admin') return true;
  return realm !== undefined && (caller.administers ?? []).includes(realm);
}

/** Only administrators pass (config, queries, creates, deletes, the full policy list). */
export function requireAdmin(caller: IdmCaller): void {
  if (caller.kind !== 'admin') throw forbidden();
}

/** Reading the policies of `type`: administrators and the end users of that type. */
export function authorizePolicyRead(caller: IdmCaller, type: string): void {
  if (caller.kind !== 'admin' && caller.type !== type) throw forbidden();
}

/** validateObject / validateProperty on `managed/<type>/<id>`: administrators, and end users on their own object. */
export function authorizePolicyValidation(caller: IdmCaller, type: string, id: string): void {
  if (caller.kind !== 'admin' && !isOwnObject(caller, type, id)) throw forbidden();
}

function endUserAccess(schema: ManagedObjectSchema, reauthPassword: string | undefined, reauth: ReauthCheck): CrestAccess {
  return {
    readable: (name) => schema.properties[name]?.viewable === true,
    mayCreate: false,
    async checkWrite({ changed }) {
      for (const name of changed) {
        if (schema.properties[name]?.userEditable !== true) throw crestError('FORBIDDEN', `Access denied: ${name} is not user-editable`);
      }
      const protectedNames = changed.filter((name) => isProtected(schema.properties[name]));
      if (protectedNames.length === 0) return;
      const names = protectedNames.join(', ');
      if (reauthPassword === undefined) {
        throw crestError('FORBIDDEN', `Changing ${names} requires re-authentication: send the current password in the X-OpenIDM-Reauth-Password header`);
      }
      if (!(await reauth(reauthPassword))) throw crestError('FORBIDDEN', `Re-authentication failed: the current password is wrong, so ${names} was not changed`);
    },
  };
}

/** The access of `caller` to `managed/<type>[/<id>]` for `operation`; 403 when refused. */
export async function authorizeManaged(
  caller: IdmCaller,
  operation: ManagedOperation,
  target: { type: string; id?: string; schema: () => Promise<ManagedObjectSchema> },
  reauthPassword: string | undefined,
  reauth: ReauthCheck,
): Promise<CrestAccess> {
  if (mayAdminister(caller, realmOfManagedType(target.type))) return ADMIN_ACCESS;
  const selfService = operation === 'read' || operation === 'update' || operation === 'patch';
  if (!selfService || !isOwnObject(caller, target.type, target.id)) throw forbidden();
  return endUserAccess(await target.schema(), reauthPassword, reauth);
}
