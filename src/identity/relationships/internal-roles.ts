/**
 * IDM's internal authorization roles as Arbor knows them: the built-in ones (`openidm-admin`,
 * `openidm-authorized`…), Arbor's realm administrator roles, `realm-admin-<realm>`, one per
 * realm: a user whose `authzRoles` hold it administers that realm only; and the read-only
 * auditors: `auditor` reads everything an administrator reads, `realm-auditor-<realm>` one realm's.
 */

/** The internal roles IDM defines by default. */
export const BUILTIN_INTERNAL_ROLES: readonly string[] = ['openidm-admin', 'openidm-authorized', 'openidm-reg', 'openidm-cert', 'openidm-tasks-manager', 'platform-provisioning'];

/** The administrator of everything. */
export const OPENIDM_ADMIN = 'openidm-admin';

/** Reads everything administrators read, changes nothing. */
export const AUDITOR = 'auditor';

const REALM_ADMIN = /^realm-admin-([A-Za-z0-9_-]{1,64})$/;
const REALM_AUDITOR = /^realm-auditor-([A-Za-z0-9_-]{1,64})$/;

/** The realm-admin role of `realm`. */
export function realmAdminRole(realm: string): string {
  return `realm-admin-${realm}`;
}

/** The realm a realm-admin role administers, or undefined for any other role. */
export function realmOfAdminRole(role: string): string | undefined {
  return REALM_ADMIN.exec(role)?.[1];
}

/** The realm a realm-auditor role reads, or undefined for any other role. */
export function realmOfAuditorRole(role: string): string | undefined {
  return REALM_AUDITOR.exec(role)?.[1];
}

/** True for an internal role id Arbor knows. */
export function isKnownInternalRole(id: string): boolean {
  return BUILTIN_INTERNAL_ROLES.includes(id) || id === AUDITOR || realmOfAdminRole(id) !== undefined || realmOfAuditorRole(id) !== undefined;
}
