import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRegistrationAnswer } from './client-outcome.ts';
import { newChallenge } from './ceremony-options.ts';
import { newCredential, registrationOutcome } from './testing/fake-authenticator.ts';
import { verifyRegistration } from './verify-registration.ts';

const RP = { id: 'example.com', origins: ['https://login.example.com'] };

function ceremony(challenge: string, extra: Partial<{ origin: string; rpId: string; userVerified: boolean; type: string }> = {}) {
  return { origin: 'https://login.example.com', rpId: 'example.com', challenge: Buffer.from(challenge, 'base64url').toString('base64'), ...extra };
}

describe('verifyRegistration', () => {
  it("verifies a 'none' attestation and yields the credential to keep", async () => {
    const challenge = newChallenge();
    const credential = newCredential('aGFuZGxl', 3);
    const verified = await verifyRegistration(parseRegistrationAnswer(registrationOutcome(credential, ceremony(challenge))), { challenge, rp: RP, requireUserVerification: true, algorithms: [-7, -257] });
    assert.equal(verified.credential.credentialId, credential.id);
    assert.equal(verified.credential.publicKey, credential.cosePublicKey.toString('base64url'));
    assert.equal(verified.credential.counter, 3);
    assert.equal(verified.credential.algorithm, -7);
    assert.equal(verified.credential.aaguid, '00000000-0000-0000-0000-000000000000');
    assert.equal(verified.format, 'none');
    assert.equal(verified.attestationType, 'NONE');
    assert.deepEqual(verified.flags, { UP: true, UV: true, AT: true, ED: false, BE: false, BS: false });
  });

  it('refuses another challenge, origin, rp id or ceremony type, a missing user verification, an algorithm not accepted', async () => {
    const challenge = newChallenge();
    const expected = { challenge, rp: RP, requireUserVerification: true, algorithms: [-7] };
    const cases: [string, string, Partial<typeof expected>][] = [
      ['other challenge', registrationOutcome(newCredential('h'), ceremony(newChallenge())), {}],
      ['other origin', registrationOutcome(newCredential('h'), ceremony(challenge, { origin: 'https://evil.example.net' })), {}],
      ['other rp id', registrationOutcome(newCredential('h'), ceremony(challenge, { rpId: 'evil.example.net' })), {}],
      ['a get as a create', registrationOutcome(newCredential('h'), ceremony(challenge, { type: 'webauthn.get' })), {}],
      ['no user verification', registrationOutcome(newCredential('h'), ceremony(challenge, { userVerified: false })), {}],
      ['RS256 only', registrationOutcome(newCredential('h'), ceremony(challenge)), { algorithms: [-257] }],
    ];
    for (const [name, outcome, change] of cases) {
      await assert.rejects(verifyRegistration(parseRegistrationAnswer(outcome), { ...expected, ...change }), { code: 'WEBAUTHN_NOT_VERIFIED' }, name);
    }
  });

  it('refuses an answer whose credential id is not the attested one', async () => {
    const challenge = newChallenge();
    const credential = newCredential('h');
    const outcome = registrationOutcome(credential, ceremony(challenge)).replace(`::${credential.id}`, '::AAAAAAAAAAAAAAAAAAAAAA');
    await assert.rejects(verifyRegistration(parseRegistrationAnswer(outcome), { challenge, rp: RP, requireUserVerification: false, algorithms: [-7] }), { code: 'WEBAUTHN_NOT_VERIFIED' });
  });
});
