/**
 * Verifies a registration (attestation) answer with `@simplewebauthn/server`: the challenge, an
 * origin of the relying party, its rp id hash, user presence (and verification when required), an
 * accepted algorithm and the attestation statement (`none`, `packed`, `fido-u2f`, `tpm`…). The
 * credential it yields is what a `webauthn` device keeps.
 */
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { cose, decodeAttestationObject, decodeCredentialPublicKey, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import type { RegistrationAnswer } from './client-outcome.ts';
import type { RelyingParty } from './relying-party.ts';
import type { WebAuthnCredentialData } from './webauthn-credential.ts';
import { webAuthnError } from './webauthn-errors.ts';

/** The authenticator data flags, named as AM names them in `webauthnAttestationInfo`. */
export interface AuthenticatorFlags {
  UP: boolean;
  UV: boolean;
  AT: boolean;
  ED: boolean;
  BE: boolean;
  BS: boolean;
}

/** A verified registration. */
export interface VerifiedRegistration {
  credential: WebAuthnCredentialData;
  /** Attestation format (`none`, `packed`…). */
  format: string;
  /**
   * The kind of attestation, as AM names it: `NONE`, `SELF` (signed by the credential's own key) or
   * `BASIC` (signed by a certificate, not checked against a trust store).
   */
  attestationType: 'NONE' | 'SELF' | 'BASIC';
  flags: AuthenticatorFlags;
}

/** What the registration must match. */
export interface RegistrationExpectation {
  /** base64url. */
  challenge: string;
  rp: RelyingParty;
  requireUserVerification: boolean;
  algorithms: readonly number[];
}

/** The flags of authenticator data. */
export function flagsOf(authenticatorData: Uint8Array): AuthenticatorFlags {
  const { flags } = parseAuthenticatorData(new Uint8Array(authenticatorData));
  return { UP: flags.up, UV: flags.uv, AT: flags.at, ED: flags.ed, BE: flags.be, BS: flags.bs };
}

/** Verifies `answer`; WEBAUTHN_NOT_VERIFIED when it does not hold. */
export async function verifyRegistration(answer: RegistrationAnswer, expected: RegistrationExpectation): Promise<VerifiedRegistration> {
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: {
        id: answer.credentialId,
        rawId: answer.credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: Buffer.from(answer.clientDataJSON, 'utf8').toString('base64url'),
          attestationObject: Buffer.from(answer.attestationObject).toString('base64url'),
        },
      },
      expectedChallenge: expected.challenge,
      expectedOrigin: expected.rp.origins,
      expectedRPID: expected.rp.id,
      requireUserVerification: expected.requireUserVerification,
      supportedAlgorithmIDs: [...expected.algorithms],
    });
  } catch (error) {
    throw webAuthnError('WEBAUTHN_NOT_VERIFIED', `Registration not verified: ${error instanceof Error ? error.message : 'unknown reason'}`);
  }
  if (!result.verified) throw webAuthnError('WEBAUTHN_NOT_VERIFIED', 'Registration not verified');
  const info = result.registrationInfo;
  if (info.credential.id !== answer.credentialId) throw webAuthnError('WEBAUTHN_NOT_VERIFIED', 'The credential id is not the attested one');
  const attestation = decodeAttestationObject(info.attestationObject);
  const authenticatorData = attestation.get('authData');
  const attestationType = info.fmt === 'none' ? 'NONE' : (attestation.get('attStmt').get('x5c')?.length ?? 0) > 0 ? 'BASIC' : 'SELF';
  const publicKey = Buffer.from(info.credential.publicKey);
  return {
    credential: {
      credentialId: info.credential.id,
      publicKey: publicKey.toString('base64url'),
      counter: info.credential.counter,
      transports: info.credential.transports ?? [],
      aaguid: info.aaguid,
      ...algorithmOf(publicKey),
    },
    format: info.fmt,
    attestationType,
    flags: flagsOf(authenticatorData),
  };
}

/** The COSE `alg` of a COSE public key, when it names one. */
function algorithmOf(publicKey: Uint8Array): { algorithm?: number } {
  const alg = decodeCredentialPublicKey(new Uint8Array(publicKey)).get(cose.COSEKEYS.alg);
  return typeof alg === 'number' ? { algorithm: alg } : {};
}
