/**
 * What the signed-in caller may open in the admin app, from their internal roles
 * (`GET /openidm/info/login`'s `authorization.roles`): administrators and auditors of everything
 * see every realm; a realm administrator or realm auditor only their realms; auditors read only.
 */

/** What the app shows the caller. */
export interface AdminAccess {
  /** The realms the caller may open; undefined: every realm (the realms list answers them). */
  realms: string[] | undefined;
  /** True when the caller reads only (an auditor): saving is refused by the server anyway. */
  readOnly: boolean;
}

const PREFIX = 'internal/role/';

/** The access of a caller holding `roles` (role ids as `info/login` answers them); undefined: not an administrator at all. */
export function accessOf(roles: readonly string[]): AdminAccess | undefined {
  const names = roles.filter((role) => role.startsWith(PREFIX)).map((role) => role.slice(PREFIX.length));
  if (names.includes('openidm-admin')) return { realms: undefined, readOnly: false };
  const administered = names.flatMap((name) => /^realm-admin-([A-Za-z0-9_-]+)$/.exec(name)?.[1] ?? []);
  const audited = names.flatMap((name) => /^realm-auditor-([A-Za-z0-9_-]+)$/.exec(name)?.[1] ?? []);
  if (names.includes('auditor')) return { realms: undefined, readOnly: administered.length === 0 };
  if (administered.length > 0) return { realms: [...new Set([...administered, ...audited])].sort(), readOnly: false };
  if (audited.length > 0) return { realms: [...new Set(audited)].sort(), readOnly: true };
  return undefined;
}
