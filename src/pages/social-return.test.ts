/** The kept step for the way back from a provider: read back only intact, under the browser's own key, and bounded in size; and the POST redirect page. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postRedirectDocument } from './page-document.ts';
import { clearReturnCookie, readReturnStep, returnCookie } from './social-return.ts';

const settings = { secureCookie: true };
const key = 'k'.repeat(43);
const step = { authId: 'eyJ.step.sig', realm: '/alpha', journey: 'SocialLogin', goto: '', types: ['RedirectCallback'] };

function header(setCookie: string | undefined): string {
  return (setCookie ?? '').split(';')[0] ?? '';
}

describe('the kept step of a social sign-in', () => {
  it('reads back what was kept, under the same browser key only', () => {
    const cookie = returnCookie(settings, key, step);
    assert.match(cookie ?? '', /^arbor-pages-return=[\w-]+\.[\w-]+; Path=\/login; HttpOnly; SameSite=Lax; Secure; Max-Age=3600$/);
    assert.deepEqual(readReturnStep(header(cookie), key), step);
    assert.equal(readReturnStep(header(cookie), 'o'.repeat(43)), undefined);
    assert.equal(readReturnStep(header(cookie), undefined), undefined);
  });

  it('refuses a changed step, and does not keep one too large for a cookie', () => {
    const [name, value = ''] = header(returnCookie(settings, key, step)).split('=');
    const [, mac] = value.split('.');
    const forged = Buffer.from(JSON.stringify({ ...step, authId: 'eyJ.other.sig' })).toString('base64url');
    assert.equal(readReturnStep(`${name}=${forged}.${mac}`, key), undefined);
    assert.equal(returnCookie(settings, key, { ...step, authId: 'a'.repeat(4000) }), undefined);
    assert.match(clearReturnCookie({ secureCookie: false }), /^arbor-pages-return=; Path=\/login; HttpOnly; SameSite=Lax; Max-Age=0$/);
  });

  it('shows a POST redirect as a Continue button posting the escaped data, with no script', () => {
    const html = postRedirectDocument({ lang: 'en', realmPath: '/alpha', journey: 'SocialLogin' }, 'https://idp.example.com/auth?a=1&b=2', { SAMLRequest: '"><x>' });
    assert.match(html, /<form method="post" action="https:\/\/idp\.example\.com\/auth\?a=1&amp;b=2"><input type="hidden" name="SAMLRequest" value="&quot;&gt;&lt;x&gt;"><div class="actions"><button type="submit">Continue<\/button>/);
    assert.doesNotMatch(html, /<script/);
  });
});
