/**
 * Verifies an authentication (assertion) answer against the user's stored credential with
 * `@simplewebauthn/server` (challenge, origin, rp id hash, user presence and verification, the
 * signature by the stored public key), then the signature counter: when either the stored or the
 * new counter is non-zero, the new one must be greater; otherwise the authenticator was probably
 * cloned (WEBAUTHN_CLONED_AUTHENTICATOR, or `signCountMismatch` when the caller only wants to know).
 */
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { AuthenticationAnswer } from './client-outcome.ts';
import type { RelyingParty } from './relying-party.ts';
import type { WebAuthnCredentialData } from './webauthn-credential.ts';
import { webAuthnError } from './webauthn-errors.ts';
import { type AuthenticatorFlags, flagsOf } from './verify-registration.ts';

/** What the assertion must match. */
export interface AuthenticationExpectation {
  /** base64url. */
  challenge: string;
  rp: RelyingParty;
  requireUserVerification: boolean;
  credential: WebAuthnCredentialData;
  /** `refuse` (default) throws for a counter that did not increase; `report` returns `signCountMismatch`. */
  counterMismatch?: 'refuse' | 'report';
}

/** A verified assertion. */
export interface VerifiedAuthentication {
  newCounter: number;
  signCountMismatch: boolean;
  flags: AuthenticatorFlags;
}

/** True when `next` is an acceptable successor of the stored counter `stored`. */
export function counterIncreased(stored: number, next: number): boolean {
  return (stored === 0 && next === 0) || next > stored;
}

/** Verifies `answer`; WEBAUTHN_NOT_VERIFIED or WEBAUTHN_CLONED_AUTHENTICATOR when it does not hold. */
export async function verifyAuthentication(answer: AuthenticationAnswer, expected: AuthenticationExpectation): Promise<VerifiedAuthentication> {
  if (answer.credentialId !== expected.credential.credentialId) throw webAuthnError('WEBAUTHN_NOT_VERIFIED', 'The assertion is of another credential');
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response: {
        id: answer.credentialId,
        rawId: answer.credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: Buffer.from(answer.clientDataJSON, 'utf8').toString('base64url'),
          authenticatorData: Buffer.from(answer.authenticatorData).toString('base64url'),
          signature: Buffer.from(answer.signature).toString('base64url'),
        },
      },
      expectedChallenge: expected.challenge,
      expectedOrigin: expected.rp.origins,
      expectedRPID: expected.rp.id,
      // The counter is checked below, so that a clone is told apart from a bad signature.
      credential: { id: expected.credential.credentialId, publicKey: new Uint8Array(Buffer.from(expected.credential.publicKey, 'base64url')), counter: 0, transports: expected.credential.transports },
      requireUserVerification: expected.requireUserVerification,
    });
    if (!result.verified) throw new Error('signature not verified');
    newCounter = result.authenticationInfo.newCounter;
  } catch (error) {
    throw webAuthnError('WEBAUTHN_NOT_VERIFIED', `Assertion not verified: ${error instanceof Error ? error.message : 'unknown reason'}`);
  }
  const increased = counterIncreased(expected.credential.counter, newCounter);
  if (!increased && expected.counterMismatch !== 'report') {
    throw webAuthnError('WEBAUTHN_CLONED_AUTHENTICATOR', `The signature counter went from ${expected.credential.counter} to ${newCounter}: cloned authenticator`);
  }
  return { newCounter, signCountMismatch: !increased, flags: flagsOf(answer.authenticatorData) };
}
