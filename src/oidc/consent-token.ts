/**
 * The token of the consent page's form: HMAC-SHA256, keyed with the Arbor SSO token of the
 * signed-in user (a secret only that browser holds, in an HttpOnly cookie), of the interaction's
 * uid and the user's id. So an answer is taken only from the browser of the session that was
 * shown the page, for that interaction and that user: another site cannot forge it, a token of
 * another interaction or an earlier session does not fit. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The token of the consent form of interaction `uid`, shown to `accountId` signed in with `ssoToken`. */
export function consentToken(ssoToken: string, uid: string, accountId: string): string {
  return createHmac('sha256', ssoToken).update('arbor oidc consent\0').update(uid).update('\0').update(accountId).digest('base64url');
}

/** True when `given` is the token of that form. */
export function consentTokenMatches(ssoToken: string, uid: string, accountId: string, given: string): boolean {
  const expected = Buffer.from(consentToken(ssoToken, uid, accountId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
