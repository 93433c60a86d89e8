import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { persistentCookieClears } from './persistent-cookie-clears.ts';

function token(claims: unknown): string {
  return `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
}

describe('persistent cookies cleared at sign-out', () => {
  it('clears each cookie holding a persistent token for the user under its own name, Secure when asked', () => {
    const header = `session-jwt=${token({ sub: 'u1', name: 'session-jwt' })}; remember=${token({ sub: 'u1', name: 'remember' })}; iPlanetDirectoryPro=abc`;
    assert.deepEqual(persistentCookieClears(header, 'u1', true), [
      'session-jwt=; Path=/; HttpOnly; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
      'remember=; Path=/; HttpOnly; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    ]);
  });

  it('leaves other users’ tokens, tokens under another name, and anything that is not a token', () => {
    const header = [`a=${token({ sub: 'u2', name: 'a' })}`, `b=${token({ sub: 'u1', name: 'c' })}`, 'c=not.a.token', `d=${token(['u1'])}`, 'e=x.eyJ9.y', '=orphan'].join('; ');
    assert.deepEqual(persistentCookieClears(header, 'u1', false), []);
    assert.deepEqual(persistentCookieClears(undefined, 'u1', false), []);
  });
});
