/**
 * Password checks through the credential guard, for every way a password arrives: a journey's
 * Data Store Decision (zero-page login included), `X-OpenIDM-Username`/`X-OpenIDM-Password` and
 * `X-OpenIDM-Reauth-Password`. The account is read once (with its hash), its budget taken from
 * the lockout service, and the password verified only for an attempt the guard reserved. A name
 * that designates no account goes the same way, with a dummy verification and a budget of its
 * own, so that it answers (and costs) exactly what a wrong password does, lockout included.
 */
import type { CredentialGuard } from './credential-guard.ts';
import type { IdentityService, SignInCandidate } from './identity-service.ts';
import type { LockoutService } from './lockout-service.ts';
import { isInactive } from './lockout-service.ts';
import type { ManagedObjectView } from './managed-object-view.ts';

/** What became of a password check (throttling and overload are thrown retry-later errors). */
export type PasswordCheck =
  | { outcome: 'verified'; user: ManagedObjectView }
  /** A wrong password, or no such account; `remaining` attempts only once the realm warns. */
  | { outcome: 'wrong'; remaining: number | undefined }
  /** Locked out (nothing verified), locked by this failure, or the right password of an inactive account. */
  | { outcome: 'locked' };

/** The password checks. */
export interface PasswordChecks {
  /** The password of the user named `username` (their `userName`, as sign-ins look it up). */
  checkPassword(type: string, username: string, password: string, clientIp: string): Promise<PasswordCheck>;
  /** The password of the user `id` (re-authentication of a signed-in user). */
  checkUserPassword(type: string, id: string, password: string, clientIp: string): Promise<PasswordCheck>;
}

/** What the checks are built from. */
export interface PasswordChecksDeps {
  identity: Pick<IdentityService, 'signInCandidate' | 'candidateById'>;
  lockout: Pick<LockoutService, 'passwordBudget'>;
  guard: CredentialGuard;
}

/** Builds the password checks. */
export function createPasswordChecks(deps: PasswordChecksDeps): PasswordChecks {
  async function check(type: string, candidate: SignInCandidate, name: string, password: string, clientIp: string): Promise<PasswordCheck> {
    const { user } = candidate;
    const budget = await deps.lockout.passwordBudget(type, user === undefined ? { unknownName: name } : { user }, clientIp);
    const result = await deps.guard.attempt({ type, clientIp, budget, verify: () => candidate.verify(password) });
    if (result.kind === 'locked') return { outcome: 'locked' };
    if (result.kind === 'verified' && user !== undefined) {
      // As AM answers an inactive account, but only to whoever knows its password: a wrong one answers as for anyone.
      return isInactive(user) ? { outcome: 'locked' } : { outcome: 'verified', user };
    }
    const attempt = result.kind === 'failed' ? result.attempt : undefined;
    const warns = budget.warnFrom > 0 && attempt !== undefined && attempt >= budget.warnFrom;
    return { outcome: 'wrong', remaining: warns ? budget.limit - attempt : undefined };
  }

  return {
    async checkPassword(type, username, password, clientIp) {
      return check(type, await deps.identity.signInCandidate(type, 'userName', username), username, password, clientIp);
    },
    async checkUserPassword(type, id, password, clientIp) {
      return check(type, await deps.identity.candidateById(type, id), `id:${id}`, password, clientIp);
    },
  };
}
