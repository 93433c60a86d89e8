/**
 * The authId is signed and checked with Node's HMAC, no longer through `jose` (WebCrypto): these
 * tests hold it to what `jose` wrote and accepted. The tokens are byte for byte those of `SignJWT`,
 * and every token of a table (expired, tampered, another key, not a JWS, odd claims and headers)
 * gets the answer `jwtVerify` gave it through the previous code, error code included.
 */
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { AuthIdClaims, AuthIdKeys, KeyMaterial } from './auth-id.ts';
import { signAuthId, verifyAuthId } from './auth-id.ts';

const NOW = 1_700_000_000_000;
const CLAIMS: AuthIdClaims = { authIndexType: 'service', authIndexValue: 'Login', realm: '/alpha', sessionId: 'state-1', step: 2 };
const SECRET = randomBytes(32);
const OTHER = randomBytes(32);

function keysOf(...materials: { kid: string; secret: Uint8Array }[]): AuthIdKeys {
  const all: KeyMaterial[] = materials.map(({ kid, secret }) => ({ kid, key: createSecretKey(secret) }));
  return {
    active: async () => all[0] ?? assert.fail('no key'),
    all: async () => all,
  };
}

const KEYS = keysOf({ kid: 'k1', secret: SECRET });

/** What the previous code answered (jose's `jwtVerify`, same error mapping): the claims, or the error code. */
async function previousAnswer(authId: string, materials: { kid: string; secret: Uint8Array }[], nowMs: number): Promise<unknown> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(authId);
    if (header.alg !== 'HS256') throw new Error('alg');
    kid = header.kid;
  } catch {
    return 'AUTH_ID_MALFORMED';
  }
  for (const candidate of materials.filter((k) => kid === undefined || k.kid === kid)) {
    try {
      const { payload } = await jwtVerify(authId, candidate.secret, { algorithms: ['HS256'], currentDate: new Date(nowMs) });
      const { authIndexType, authIndexValue, realm, sessionId, step } = payload;
      if (typeof authIndexType !== 'string' || typeof authIndexValue !== 'string' || typeof realm !== 'string' || typeof sessionId !== 'string' || typeof step !== 'number') break;
      return { authIndexType, authIndexValue, realm, sessionId, step, expiresAt: (typeof payload.exp === 'number' ? payload.exp : 0) * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return 'AUTH_ID_EXPIRED';
    }
  }
  return 'AUTH_ID_INVALID';
}

/** What the new code answers: the claims, or the error code. */
async function answer(authId: string, keys: AuthIdKeys, nowMs: number): Promise<unknown> {
  try {
    return await verifyAuthId(authId, 'alpha', keys, nowMs);
  } catch (error) {
    if (error instanceof Error && 'code' in error) return error.code;
    throw error;
  }
}

/** A token signed by jose with `header` and `payload`, as an attacker holding the key (or a test) could make it. */
function joseToken(header: Record<string, unknown>, payload: Record<string, unknown>, secret: Uint8Array = SECRET): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', ...header }).sign(secret);
}

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authId', () => {
  it('is the token jose signs, byte for byte, and reads as the claims with their expiry', async () => {
    const signed = await signAuthId(CLAIMS, 'alpha', KEYS, NOW + 999, NOW + 60_000);
    const jose = await new SignJWT({ ...CLAIMS })
      .setProtectedHeader({ typ: 'JWT', alg: 'HS256', kid: 'k1' })
      .setIssuedAt(Math.floor((NOW + 999) / 1000))
      .setExpirationTime(Math.floor((NOW + 60_000) / 1000))
      .sign(SECRET);
    assert.equal(signed, jose);
    assert.deepEqual(await verifyAuthId(signed, 'alpha', KEYS, NOW), { ...CLAIMS, expiresAt: NOW + 60_000 });
  });

  it('expires at its exp second, and not before', async () => {
    const signed = await signAuthId(CLAIMS, 'alpha', KEYS, NOW, NOW + 60_000);
    assert.equal((await verifyAuthId(signed, 'alpha', KEYS, NOW + 59_999)).step, 2);
    await assert.rejects(verifyAuthId(signed, 'alpha', KEYS, NOW + 60_000), { code: 'AUTH_ID_EXPIRED' });
  });

  it('is read with each key the realm still accepts, found by its kid', async () => {
    const rotated = keysOf({ kid: 'k2', secret: OTHER }, { kid: 'k1', secret: SECRET });
    const signed = await signAuthId(CLAIMS, 'alpha', KEYS, NOW, NOW + 60_000);
    assert.equal((await verifyAuthId(signed, 'alpha', rotated, NOW)).sessionId, 'state-1');
    await assert.rejects(verifyAuthId(signed, 'alpha', keysOf({ kid: 'k1', secret: OTHER }), NOW), { code: 'AUTH_ID_INVALID' });
    await assert.rejects(verifyAuthId(signed, 'alpha', keysOf({ kid: 'k2', secret: SECRET }), NOW), { code: 'AUTH_ID_INVALID' });
  });

  it('answers every token of the table as jose did', async () => {
    const payload = { ...CLAIMS, iat: NOW / 1000, exp: NOW / 1000 + 60 };
    const good = await signAuthId(CLAIMS, 'alpha', KEYS, NOW, NOW + 60_000);
    const [header = '', body = '', signature = ''] = good.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    const cases: Record<string, string> = {
      good,
      'without a kid': await joseToken({ typ: 'JWT' }, payload),
      'signed with another key': await joseToken({ kid: 'k1' }, payload, OTHER),
      'of another kid': await joseToken({ kid: 'k9' }, payload),
      'a payload changed': `${header}.${part({ ...payload, step: 3 })}.${signature}`,
      'a signature changed': `${header}.${body}.${flipped}`,
      'a signature cut': `${header}.${body}.${signature.slice(0, -1)}`,
      'no signature': `${header}.${body}.`,
      'alg none': `${part({ alg: 'none' })}.${body}.`,
      'HS512': await new SignJWT(payload).setProtectedHeader({ alg: 'HS512' }).sign(SECRET),
      'two parts': `${header}.${body}`,
      'four parts': `${good}.${signature}`,
      'a header that is not JSON': `${Buffer.from('{alg').toString('base64url')}.${body}.${signature}`,
      'a header that is an array': `${part(['HS256'])}.${body}.${signature}`,
      'not base64url': `${header}!.${body}.${signature}`,
      'empty': '',
      'expired': await joseToken({ kid: 'k1' }, { ...payload, exp: NOW / 1000 }),
      'expired, another key': await joseToken({ kid: 'k1' }, { ...payload, exp: NOW / 1000 - 5 }, OTHER),
      'exp a string': await joseToken({ kid: 'k1' }, { ...payload, exp: String(NOW / 1000 + 60) }),
      'iat a string': await joseToken({ kid: 'k1' }, { ...payload, iat: 'now' }),
      'not before a later time': await joseToken({ kid: 'k1' }, { ...payload, nbf: NOW / 1000 + 30 }),
      'not before an earlier time': await joseToken({ kid: 'k1' }, { ...payload, nbf: NOW / 1000 - 30 }),
      'no exp': await joseToken({ kid: 'k1' }, { ...CLAIMS }),
      'a claim missing': await joseToken({ kid: 'k1' }, { ...payload, sessionId: undefined }),
      'step a string': await joseToken({ kid: 'k1' }, { ...payload, step: '2' }),
      'expired, a claim missing': await joseToken({ kid: 'k1' }, { ...payload, exp: NOW / 1000 - 1, step: undefined }),
      'a payload that is an array': `${header}.${part([1])}.${signature}`,
    };
    const materials = [{ kid: 'k1', secret: SECRET }];
    for (const [name, token] of Object.entries(cases)) {
      assert.deepEqual(await answer(token, KEYS, NOW), await previousAnswer(token, materials, NOW), name);
    }
    // Stricter than jose, which decoded a signature leniently: a signature is exactly the one Arbor makes.
    const padded = `${header}.${body}.${signature}=`;
    assert.equal(typeof (await previousAnswer(padded, materials, NOW)), 'object');
    assert.equal(await answer(padded, KEYS, NOW), 'AUTH_ID_INVALID');
    assert.equal(typeof (await answer(good, KEYS, NOW)), 'object', 'the good token reads');
  });
});
