/**
 * The ways a journey authenticated its user, as RFC 8176 names them (`pwd`, `otp`, `hwk`…): a
 * node that verified something records it in the journey's shared state (`arbor.amr`), and the
 * session made at the end keeps the list in its `amr` property, from which the OpenID provider
 * issues the ID token's `amr` (adding `mfa` when two different ways were used).
 */
import type { JourneyStateData } from './node-context.ts';

/** The shared-state key of the recorded methods (not a name a journey's own data uses). */
export const AUTH_METHODS_KEY = 'arbor.amr';

/** The session property that keeps them. */
export const AUTH_METHODS_PROPERTY = 'amr';

/** The methods Arbor's nodes record. */
export type AuthMethod = 'pwd' | 'otp' | 'hwk' | 'sms' | 'fed';

const KNOWN: ReadonlySet<string> = new Set<AuthMethod>(['pwd', 'otp', 'hwk', 'sms', 'fed']);

/** The methods recorded in `shared`, in the order first used. */
export function recordedAuthMethods(shared: Record<string, unknown>): AuthMethod[] {
  const value = Object.hasOwn(shared, AUTH_METHODS_KEY) ? shared[AUTH_METHODS_KEY] : undefined;
  if (!Array.isArray(value)) return [];
  return value.filter((method): method is AuthMethod => typeof method === 'string' && KNOWN.has(method));
}

/** Records that the journey's user was authenticated by `method`. */
export function recordAuthMethod(state: Pick<JourneyStateData, 'shared'>, method: AuthMethod): void {
  const known = recordedAuthMethods(state.shared);
  if (!known.includes(method)) state.shared[AUTH_METHODS_KEY] = [...known, method];
}
