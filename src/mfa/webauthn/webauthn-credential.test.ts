import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { credentialData, credentialOf, userHandleOf, userIdOfHandle } from './webauthn-credential.ts';

describe('webauthn credential data', () => {
  it('round-trips through a device’s data', () => {
    const credential = { credentialId: 'AQID', publicKey: 'pQECAyYgASFY', counter: 4, transports: ['internal'], aaguid: '00000000-0000-0000-0000-000000000000', algorithm: -7 };
    assert.deepEqual(credentialOf(credentialData(credential)), credential);
  });

  it('refuses data that is no credential', () => {
    assert.throws(() => credentialOf({ credentialId: 'AQID', counter: 0 }), { code: 'WEBAUTHN_DEVICE_INVALID' });
    assert.throws(() => credentialOf({ credentialId: 'AQID', publicKey: 'AQID', counter: -1 }), { code: 'WEBAUTHN_DEVICE_INVALID' });
    assert.throws(() => credentialOf(Object.create({ credentialId: 'AQID', publicKey: 'AQID', counter: 0 })), { code: 'WEBAUTHN_DEVICE_INVALID' }, 'inherited fields are not read');
  });

  it("the user handle is the user's _id in base64url, and only that decodes back", () => {
    const handle = userHandleOf('0a1b-ünï');
    assert.match(handle, /^[A-Za-z0-9_-]+$/);
    assert.equal(userIdOfHandle(handle), '0a1b-ünï');
    assert.equal(userIdOfHandle('not base64!'), undefined);
    assert.equal(userIdOfHandle(''), undefined);
  });
});
