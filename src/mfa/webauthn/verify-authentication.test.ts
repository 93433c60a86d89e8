import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAuthenticationAnswer } from './client-outcome.ts';
import { newChallenge } from './ceremony-options.ts';
import { authenticationOutcome, type FakeCredential, newCredential } from './testing/fake-authenticator.ts';
import { counterIncreased, verifyAuthentication } from './verify-authentication.ts';
import type { WebAuthnCredentialData } from './webauthn-credential.ts';

const RP = { id: 'example.com', origins: ['https://login.example.com'] };

function stored(credential: FakeCredential, counter: number): WebAuthnCredentialData {
  return { credentialId: credential.id, publicKey: credential.cosePublicKey.toString('base64url'), counter, transports: [], aaguid: '', algorithm: -7 };
}

function ceremony(challenge: string, extra: Partial<{ origin: string; userVerified: boolean; keepCounter: boolean }> = {}) {
  return { origin: 'https://login.example.com', rpId: 'example.com', challenge: Buffer.from(challenge, 'base64url').toString('base64'), ...extra };
}

describe('verifyAuthentication', () => {
  it('verifies an ES256 assertion by the stored key and returns the new counter', async () => {
    const challenge = newChallenge();
    const credential = newCredential('h', 5);
    const verified = await verifyAuthentication(parseAuthenticationAnswer(authenticationOutcome(credential, ceremony(challenge))), { challenge, rp: RP, requireUserVerification: true, credential: stored(credential, 5) });
    assert.equal(verified.newCounter, 6);
    assert.equal(verified.signCountMismatch, false);
    assert.equal(verified.flags.UV, true);
  });

  it('accepts authenticators that keep no counter (0 then 0)', async () => {
    const challenge = newChallenge();
    const credential = newCredential('h', 0);
    const verified = await verifyAuthentication(parseAuthenticationAnswer(authenticationOutcome(credential, ceremony(challenge))), { challenge, rp: RP, requireUserVerification: false, credential: stored(credential, 0) });
    assert.equal(verified.newCounter, 0);
  });

  it('refuses a counter that did not increase: a cloned authenticator (or reports it when asked)', async () => {
    const challenge = newChallenge();
    const credential = newCredential('h', 7);
    const answer = parseAuthenticationAnswer(authenticationOutcome(credential, ceremony(challenge, { keepCounter: true })));
    await assert.rejects(verifyAuthentication(answer, { challenge, rp: RP, requireUserVerification: false, credential: stored(credential, 9) }), { code: 'WEBAUTHN_CLONED_AUTHENTICATOR' });
    await assert.rejects(verifyAuthentication(answer, { challenge, rp: RP, requireUserVerification: false, credential: stored(credential, 7) }), { code: 'WEBAUTHN_CLONED_AUTHENTICATOR' });
    const reported = await verifyAuthentication(answer, { challenge, rp: RP, requireUserVerification: false, credential: stored(credential, 9), counterMismatch: 'report' });
    assert.equal(reported.signCountMismatch, true);
    assert.equal(counterIncreased(0, 3), true);
    assert.equal(counterIncreased(3, 0), false);
  });

  it("refuses another key's signature, another challenge or origin, missing user verification, another credential", async () => {
    const challenge = newChallenge();
    const credential = newCredential('h', 1);
    const impostor = newCredential('h', 1);
    impostor.id = credential.id;
    const expected = { challenge, rp: RP, requireUserVerification: true, credential: stored(credential, 1) };
    const cases: [string, string, Partial<typeof expected>][] = [
      ['another key', authenticationOutcome(impostor, ceremony(challenge)), {}],
      ['another challenge', authenticationOutcome(credential, ceremony(newChallenge())), {}],
      ['another origin', authenticationOutcome(credential, ceremony(challenge, { origin: 'https://evil.example.net' })), {}],
      ['no user verification', authenticationOutcome(credential, ceremony(challenge, { userVerified: false })), {}],
      ['another credential', authenticationOutcome(newCredential('h', 1), ceremony(challenge)), {}],
    ];
    for (const [name, outcome, change] of cases) {
      await assert.rejects(verifyAuthentication(parseAuthenticationAnswer(outcome), { ...expected, ...change }), { code: 'WEBAUTHN_NOT_VERIFIED' }, name);
    }
  });
});
