import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FRWebAuthn } from '@forgerock/javascript-sdk';
import { authenticationMetadata, newChallenge, registrationMetadata } from './ceremony-options.ts';

const RP = { id: 'example.com', origins: ['https://login.example.com'] };
const CREDENTIAL_ID = Buffer.from([1, 200, 3, 255]).toString('base64url');

describe('ceremony options as the ForgeRock SDK reads them', () => {
  it('registration metadata becomes the creation options the browser is given', () => {
    const challenge = newChallenge();
    const metadata = registrationMetadata({
      rp: RP,
      rpName: 'ForgeRock',
      challenge,
      userHandle: 'dXNlci0x',
      userName: 'omar',
      displayName: 'Omar',
      attestation: 'none',
      userVerification: 'required',
      attachment: 'platform',
      residentKeyRequired: true,
      algorithms: [-7, -257],
      timeoutSeconds: 60,
      exclude: [CREDENTIAL_ID],
    });
    const options = FRWebAuthn.createRegistrationPublicKey(metadata as never);
    assert.deepEqual(Buffer.from(options.challenge as ArrayBuffer).toString('base64url'), challenge);
    assert.deepEqual(options.rp, { name: 'ForgeRock', id: 'example.com' });
    assert.deepEqual(options.pubKeyCredParams, [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }]);
    assert.deepEqual(options.authenticatorSelection, { userVerification: 'required', authenticatorAttachment: 'platform', residentKey: 'required', requireResidentKey: true });
    assert.equal(Buffer.from(options.user.id as Int8Array).toString('latin1'), 'dXNlci0x', 'user.id holds the user handle');
    assert.equal(options.user.name, 'Omar');
    assert.equal(options.attestation, 'none');
    const excluded = options.excludeCredentials?.[0];
    assert.deepEqual(Buffer.from(excluded?.id as ArrayBuffer), Buffer.from([1, 200, 3, 255]));
  });

  it('authentication metadata allows the user’s credentials, or none for a passkey', () => {
    const challenge = newChallenge();
    const known = FRWebAuthn.createAuthenticationPublicKey(authenticationMetadata({ rp: RP, challenge, userVerification: 'preferred', timeoutSeconds: 30, allow: [CREDENTIAL_ID] }) as never);
    assert.equal(known.rpId, 'example.com');
    assert.equal(Buffer.from(known.challenge as ArrayBuffer).toString('base64url'), challenge);
    assert.deepEqual(Buffer.from(known.allowCredentials?.[0]?.id as Int8Array), Buffer.from([1, 200, 3, 255]));
    const passkey = FRWebAuthn.createAuthenticationPublicKey(authenticationMetadata({ rp: RP, challenge, userVerification: 'required', timeoutSeconds: 30, allow: [] }) as never);
    assert.equal(passkey.allowCredentials, undefined, 'the browser offers its discoverable credentials');
    assert.equal(passkey.userVerification, 'required');
  });
});
