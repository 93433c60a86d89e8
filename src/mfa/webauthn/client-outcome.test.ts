import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_OUTCOME_LENGTH, parseAuthenticationAnswer, parseRegistrationAnswer, readClientOutcome } from './client-outcome.ts';
import { authenticationOutcome, jsonOutcome, newCredential, registrationOutcome } from './testing/fake-authenticator.ts';

const CEREMONY = { origin: 'https://login.example.com', rpId: 'example.com', challenge: Buffer.alloc(32, 7).toString('base64') };

describe('readClientOutcome', () => {
  it('reads what the SDK writes when nothing happened, WebAuthn is missing, or the browser refused', () => {
    assert.deepEqual(readClientOutcome(undefined), { kind: 'none' });
    assert.deepEqual(readClientOutcome('webAuthnOutcome'), { kind: 'none' }, 'the value AM pre-fills');
    assert.deepEqual(readClientOutcome('false'), { kind: 'none' });
    assert.deepEqual(readClientOutcome('unsupported'), { kind: 'unsupported' });
    assert.deepEqual(readClientOutcome('ERROR::NotAllowedError:The operation either timed out or was not allowed.'), {
      kind: 'error',
      error: 'NotAllowedError:The operation either timed out or was not allowed.',
    });
  });

  it('reads the legacy string, which starts with the client data (JSON) but is no JSON object', () => {
    const legacy = registrationOutcome(newCredential('dXNlcg'), CEREMONY);
    assert.deepEqual(readClientOutcome(legacy), { kind: 'data', legacyData: legacy });
  });

  it('unwraps the JSON form and keeps the authenticator attachment', () => {
    assert.deepEqual(readClientOutcome(jsonOutcome('a::1::b', 'cross-platform')), { kind: 'data', legacyData: 'a::1::b', authenticatorAttachment: 'cross-platform' });
    assert.deepEqual(readClientOutcome(JSON.stringify({ authenticatorAttachment: null, legacyData: 'unsupported' })), { kind: 'unsupported' });
  });

  it('refuses what is not the SDK’s: no text, a JSON object without legacyData, too large', () => {
    for (const bad of [42, '{"authenticatorAttachment":"platform"}', JSON.stringify({ legacyData: 7 }), 'x'.repeat(MAX_OUTCOME_LENGTH + 1)]) {
      assert.throws(() => readClientOutcome(bad), { code: 'WEBAUTHN_MALFORMED' });
    }
  });
});

describe('parseRegistrationAnswer / parseAuthenticationAnswer', () => {
  it('splits a registration, with or without a device name (which may hold "::")', () => {
    const credential = newCredential('dXNlcg');
    const plain = parseRegistrationAnswer(registrationOutcome(credential, CEREMONY));
    assert.equal(plain.credentialId, credential.id);
    assert.equal(JSON.parse(plain.clientDataJSON).type, 'webauthn.create');
    assert.equal(plain.deviceName, undefined);
    assert.ok(plain.attestationObject.length > 100);
    assert.equal(parseRegistrationAnswer(registrationOutcome(credential, CEREMONY, 'My :: key')).deviceName, 'My :: key');
  });

  it('finds the client data even when its origin holds "::" (IPv6)', () => {
    const credential = newCredential('dXNlcg');
    const answer = parseAuthenticationAnswer(authenticationOutcome(credential, { ...CEREMONY, origin: 'http://[::1]:8080', withUserHandle: true }));
    assert.equal(JSON.parse(answer.clientDataJSON).origin, 'http://[::1]:8080');
    assert.equal(answer.credentialId, credential.id);
    assert.equal(answer.userHandle, 'dXNlcg');
  });

  it('refuses answers of the wrong shape', () => {
    for (const bad of ['{"a":1}', 'notjson::1,2::abc', '{"a":1}::1,2,999::abc', '{"a":1}::1,2::not base64!', '{"a":1}::1::2::abc::h::extra']) {
      assert.throws(() => (bad.split('::').length > 4 ? parseAuthenticationAnswer(bad) : parseRegistrationAnswer(bad)), { code: 'WEBAUTHN_MALFORMED' }, bad);
    }
  });
});
