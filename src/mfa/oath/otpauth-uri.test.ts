import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBase32 } from './base32.ts';
import { otpauthUri } from './otpauth-uri.ts';

const SECRET = Buffer.from('0123456789ABCDEF0123456789ABCDEF', 'hex');

describe('otpauthUri', () => {
  it("writes a TOTP URI in AM's parameter order: secret (base32 as Python's b32encode, unpadded), period, digits, b, image (even empty)", () => {
    const uri = otpauthUri({ type: 'totp', issuer: 'ForgeRock', account: 'bob', secret: SECRET, digits: 6, periodSeconds: 30, backgroundColor: '032b75', image: '' });
    assert.equal(uri, 'otpauth://totp/ForgeRock:bob?secret=AERUKZ4JVPG66AJDIVTYTK6N54&period=30&digits=6&b=032b75&image=');
    const secret = new URL(uri).searchParams.get('secret') ?? '';
    assert.deepEqual(decodeBase32(secret), SECRET, 'the secret is unpadded base32 of the bytes');
  });

  it('writes HOTP with counter, drops the # of the colour, adds algorithm only for a TOTP hash other than SHA1', () => {
    assert.equal(
      otpauthUri({ type: 'hotp', issuer: 'Acme', account: 'ann', secret: SECRET, digits: 8, counter: 0, backgroundColor: '#ff0000', image: 'https://acme.example/logo.png', hash: 'SHA256' }),
      'otpauth://hotp/Acme:ann?secret=AERUKZ4JVPG66AJDIVTYTK6N54&counter=0&digits=8&b=ff0000&image=https://acme.example/logo.png',
    );
    assert.match(otpauthUri({ type: 'totp', issuer: 'A', account: 'b', secret: SECRET, digits: 6, hash: 'SHA512' }), /&algorithm=SHA512$/);
    assert.doesNotMatch(otpauthUri({ type: 'totp', issuer: 'A', account: 'b', secret: SECRET, digits: 6, hash: 'SHA1' }), /algorithm/);
  });

  it('percent-encodes what would break the URI: spaces, & and # in the label and values, non-ASCII as UTF-8', () => {
    const uri = otpauthUri({ type: 'totp', issuer: 'Acme & Co', account: 'jo#é', secret: SECRET, digits: 6, image: 'https://x.example/a?b=1&c=2' });
    assert.ok(uri.startsWith('otpauth://totp/Acme%20%26%20Co:jo%23%C3%A9?'));
    assert.equal(new URL(uri).searchParams.get('image'), 'https://x.example/a?b=1&c=2');
    assert.equal([...new URL(uri).searchParams.keys()].join(), 'secret,period,digits,b,image');
  });
});
