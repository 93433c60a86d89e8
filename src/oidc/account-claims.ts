/**
 * The claims of a managed user as the OpenID provider releases them: `sub` is the user's `_id`;
 * `given_name`, `family_name`, `name`, `preferred_username`, `email`, `phone_number` come from
 * IDM's `givenName`, `sn`, `cn` (else given name and surname), `userName`, `mail`,
 * `telephoneNumber` when they are non-empty strings. Which of them a token carries follows the
 * scopes (`SCOPE_CLAIMS`; `openid` also releases the ID token's `amr`), as oidc-provider filters them. An inactive user has no account here.
 */

/** The claims each scope releases (oidc-provider's `claims` configuration). */
export const SCOPE_CLAIMS: Record<string, string[]> = {
  openid: ['sub', 'amr'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  email: ['email'],
  phone: ['phone_number'],
};

function text(data: Record<string, unknown>, name: string): string | undefined {
  if (!Object.hasOwn(data, name)) return undefined;
  const value = data[name];
  return typeof value === 'string' && value !== '' && value.length <= 1024 ? value : undefined;
}

/** Whether a stored user may receive tokens (IDM's `accountStatus`, active when absent). */
export function isActiveUser(data: Record<string, unknown>): boolean {
  const status = text(data, 'accountStatus');
  return status === undefined || status.toLowerCase() === 'active';
}

/** The claims of user `id` with attributes `data`. */
export function claimsOfUser(id: string, data: Record<string, unknown>): { sub: string; [claim: string]: string } {
  const given = text(data, 'givenName');
  const family = text(data, 'sn');
  const name = text(data, 'cn') ?? ([given, family].filter((part) => part !== undefined).join(' ') || undefined);
  const entries: [string, string | undefined][] = [
    ['given_name', given],
    ['family_name', family],
    ['name', name],
    ['preferred_username', text(data, 'userName')],
    ['email', text(data, 'mail')],
    ['phone_number', text(data, 'telephoneNumber')],
  ];
  const claims: { sub: string; [claim: string]: string } = { sub: id };
  for (const [claim, value] of entries) if (value !== undefined) claims[claim] = value;
  return claims;
}
