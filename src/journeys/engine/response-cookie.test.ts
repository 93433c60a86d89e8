import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkedResponseCookie, isArborCookie, setCookieHeaders, setCookieValue } from './response-cookie.ts';

const plain = { name: 'seen', value: 'yes', secure: false, httpOnly: false };

describe('response cookies', () => {
  it('writes every attribute, SameSite=None always Secure', () => {
    assert.equal(setCookieValue({ ...plain, maxAgeSeconds: 60, domain: 'example.com', path: '/app', secure: true, httpOnly: true, sameSite: 'Lax' }), 'seen=yes; Max-Age=60; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Lax');
    assert.equal(setCookieValue({ ...plain, sameSite: 'None' }), 'seen=yes; Secure; SameSite=None');
    assert.equal(setCookieValue({ ...plain, value: '' }), 'seen=');
  });

  it('refuses what could break out of the header', () => {
    for (const bad of [
      { ...plain, name: 'a b' },
      { ...plain, name: 'a=b' },
      { ...plain, name: '' },
      { ...plain, value: 'x\r\nSet-Cookie: y=1' },
      { ...plain, value: 'x;Domain=evil.example' },
      { ...plain, value: '"quoted"' },
      { ...plain, domain: 'evil.example;Secure' },
      { ...plain, path: 'relative' },
      { ...plain, path: '/a;b' },
      { ...plain, maxAgeSeconds: -1 },
      { ...plain, maxAgeSeconds: 1.5 },
      { ...plain, value: 'x'.repeat(5000) },
    ]) {
      assert.throws(() => checkedResponseCookie(bad), TypeError, JSON.stringify(bad));
    }
  });

  it('never writes the session cookie or Arbor’s own, whatever the case; the last of one name wins', () => {
    const headers = setCookieHeaders(
      [
        { ...plain, name: 'iPlanetDirectoryPro', value: 'forged' },
        { ...plain, name: 'IPLANETDIRECTORYPRO', value: 'forged' },
        { ...plain, name: 'arbor-locale', value: 'fr' },
        { ...plain, value: 'first' },
        { ...plain, name: 'other', value: '1' },
        { ...plain, value: 'second' },
      ],
      'iPlanetDirectoryPro',
    );
    assert.deepEqual(headers, ['other=1', 'seen=second']);
    assert.deepEqual(setCookieHeaders(undefined, 'iPlanetDirectoryPro'), []);
  });

  it('tells Arbor’s cookies from others', () => {
    assert.equal(isArborCookie('iplanetdirectorypro', 'iPlanetDirectoryPro'), true);
    assert.equal(isArborCookie('arbor-pages-csrf', 'iPlanetDirectoryPro'), true);
    assert.equal(isArborCookie('session-jwt', 'iPlanetDirectoryPro'), false);
  });
});
