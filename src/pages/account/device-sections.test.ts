/**
 * The account page's sign-in devices through `app.inject` on an in-memory Arbor with the MFA
 * capability (the device service reached through the platform's capabilities), as a browser uses
 * it: the user's devices and recovery codes are listed, never another user's and never a secret;
 * a device is renamed (bad names refused next to the field, in the page's language) and removed
 * after a confirmation, and another user's device ids change nothing; new recovery codes replace
 * the old ones and are shown once; a user without devices is pointed to the MFALogin journey; and
 * every new text exists in all four languages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeviceService } from '../../devices/device-service.ts';
import { createDeviceService } from '../../devices/device-service.ts';
import { generateRecoveryCodes, storeRecoveryCodes, useRecoveryCode } from '../../devices/recovery-codes.ts';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { decodeMasterKey, generateMasterKeyText } from '../../secrets/master-key.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { accountCatalog } from '../i18n/account-messages.ts';
import { placeholdersOf } from '../i18n/define-catalog.ts';
import { Browser, textOf } from './account-test-browser.ts';

const PASSWORD = 'Secret-Passw0rd';
const SHARED_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('the account page’s sign-in devices', () => {
  let arbor: TestPlatform;
  let devices: DeviceService;
  let count = 0;

  before(async () => {
    const key = generateMasterKeyText();
    arbor = await inMemoryPlatform({ ARBOR_MASTER_KEY: key });
    // The platform's own store and master key: what the account page reads through the MFA capability.
    devices = createDeviceService({ repository: arbor.store.devices, sealer: createSecretSealer(decodeMasterKey(key, 'test')), clock: arbor.clock });
  });
  after(async () => arbor?.close());

  /** A new root user signed in in a new browser speaking `language`. */
  async function signedIn(language = 'en-GB'): Promise<{ browser: Browser; id: string }> {
    count += 1;
    const userName = `grace${count}`;
    const user = await arbor.identity.createUser('user', { userName, password: PASSWORD, givenName: 'Grace', sn: 'Hopper', mail: `${userName}@example.com` });
    const response = await arbor.app.inject({
      method: 'POST',
      url: '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login',
      headers: { 'x-openam-username': userName, 'x-openam-password': PASSWORD },
    });
    assert.equal(response.statusCode, 200, response.body);
    const browser = new Browser(arbor, language);
    browser.cookies.set('iPlanetDirectoryPro', String(response.json<{ tokenId: unknown }>().tokenId));
    return { browser, id: user._id };
  }

  const addOath = (userId: string, name: string) => devices.add('root', userId, 'oath', { deviceName: name, data: { algorithm: 'SHA1', digits: 6 }, secret: { sharedSecret: SHARED_SECRET } });

  /** The `replaces` field of the "Make new codes" form for `kind` on `html`. */
  function replacesOf(html: string, kind: 'oath' | 'webauthn'): string {
    const value = new RegExp(`name="kind" value="${kind}"><input type="hidden" name="replaces" value="([^"]*)"`).exec(html)?.[1];
    assert.ok(value !== undefined, `a "Make new codes" form for ${kind}`);
    return value;
  }

  it('lists the user’s devices and recovery codes, never another user’s and never a secret', async () => {
    const { browser, id } = await signedIn();
    const other = await signedIn();
    await addOath(id, 'Work phone');
    await devices.add('root', id, 'webauthn', { deviceName: 'Blue key', data: { credentialId: 'Y3JlZGVudGlhbA' } });
    await devices.add('root', id, 'profile', { deviceName: 'Home laptop', data: { identifier: 'profile-1', lastSelectedDate: Date.UTC(2026, 0, 5, 9, 30) } });
    const codes = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'root', id, 'oath', codes);
    const foreign = await addOath(other.id, 'Bob’s <b>tablet</b>');

    const page = (await browser.get('/account')).body;
    assert.ok(page.includes('>Sign-in devices</h2>') && page.includes('>Recovery codes</h2>'));
    for (const text of ['<strong>Work phone</strong>', 'Authenticator app', '<strong>Blue key</strong>', 'Security key or passkey', '<strong>Home laptop</strong>', 'Remembered device']) {
      assert.ok(page.includes(text), text);
    }
    assert.ok(page.includes('<time datetime="2026-01-05T09:30:00.000Z">'), 'a remembered device was last used when last selected');
    assert.equal(page.match(/Codes left: 10/g)?.length, 1, 'codes for the authenticator app');
    assert.equal(page.match(/Codes left: 0/g)?.length, 1, 'none yet for the security key');
    assert.ok(page.includes('Remove<span class="visually-hidden"> Work phone</span>'));
    assert.ok(!page.includes('tablet') && !page.includes(foreign.id), 'another user’s device is not listed');
    assert.ok(!page.includes(SHARED_SECRET), 'no shared secret');
    for (const code of codes) assert.ok(!page.includes(code), 'no recovery code');
    assert.ok(!/hashes|sharedSecret/.test(page));
    assert.ok(!page.includes('MFALogin'), 'no hint for a user who has devices');

    const theirs = (await other.browser.get('/account')).body;
    assert.ok(theirs.includes('Bob’s &lt;b&gt;tablet&lt;/b&gt;'), 'the name is escaped');
    assert.ok(!theirs.includes('Work phone') && !theirs.includes('Codes left: 10'));
  });

  it('points a user without devices to the MFALogin journey, with no recovery codes section', async () => {
    const { browser } = await signedIn();
    const page = (await browser.get('/account')).body;
    assert.ok(page.includes('>Sign-in devices</h2>'));
    assert.ok(page.includes('You have no sign-in devices yet.'));
    assert.ok(page.includes('href="/login?realm=%2F&amp;journey=MFALogin&amp;goto=%2Faccount"'));
    assert.ok(!page.includes('>Recovery codes</h2>'));
  });

  it('renames a device, refuses an empty or too long name next to the field in the page’s language, and another user’s device', async () => {
    const { browser, id } = await signedIn();
    const other = await signedIn();
    const device = await addOath(id, 'Phone');
    const foreign = await addOath(other.id, 'Their phone');

    const empty = await browser.submit('devices/rename', { kind: 'oath', id: device.id, name: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<input type="text" id="device-1-name" name="name" value="   " maxlength="100" autocomplete="off" aria-invalid="true" aria-describedby="device-1-name-errors">/);
    assert.equal(textOf(empty.body, 'device-1-name-errors'), 'Enter a name.');
    assert.match(empty.body, /<details class="rename" open>/, 'the form with the problem is open');

    const french = new Browser(arbor, 'fr-FR');
    french.cookies.set('iPlanetDirectoryPro', browser.cookies.get('iPlanetDirectoryPro') ?? '');
    const long = await french.submit('devices/rename', { kind: 'oath', id: device.id, name: 'x'.repeat(101) });
    assert.equal(long.statusCode, 400);
    assert.equal(textOf(long.body, 'device-1-name-errors'), 'Utilisez au plus 100 caractères.');
    assert.equal((await devices.views('root', id, 'oath'))[0]?.deviceName, 'Phone', 'nothing was renamed');

    const renamed = await browser.submit('devices/rename', { kind: 'oath', id: device.id, name: '  Ada’s phone  ' });
    assert.equal(renamed.statusCode, 303);
    assert.equal((await devices.views('root', id, 'oath'))[0]?.deviceName, 'Ada’s phone');
    const after = (await browser.get('/account')).body;
    assert.match(after, /role="status">The device has been renamed\./);
    assert.ok(after.includes('<strong>Ada’s phone</strong>'));

    for (const fields of [{ kind: 'oath', id: foreign.id, name: 'Mine now' }, { kind: 'recovery', id: device.id, name: 'Mine now' }, { kind: 'oath', id: 'x'.repeat(500), name: 'Mine now' }]) {
      const refused = await browser.submit('devices/rename', fields);
      assert.equal(refused.statusCode, 303);
      assert.match((await browser.get('/account')).body, /role="status">That device was not found\./);
    }
    assert.equal((await devices.views('root', other.id, 'oath'))[0]?.deviceName, 'Their phone', 'another user’s device is untouched');
  });

  it('removes a device after a confirmation step, and never another user’s', async () => {
    const { browser, id } = await signedIn();
    const other = await signedIn();
    const device = await devices.add('root', id, 'webauthn', { deviceName: 'Old key', data: { credentialId: 'b2xk' } });
    const foreign = await addOath(other.id, 'Their phone');

    const confirm = await browser.submit('devices/remove', { kind: 'webauthn', id: device.id });
    assert.equal(confirm.statusCode, 200);
    assert.ok(confirm.body.includes('<h1>Remove this device?</h1>'));
    assert.ok(confirm.body.includes('“Old key” (Security key or passkey) will no longer sign you in.'));
    assert.equal((await devices.views('root', id)).length, 1, 'nothing is removed before the confirmation');
    const token = /name="csrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const removed = await browser.post('/account/devices/remove', { csrf: token, realm: '/', kind: 'webauthn', id: device.id, confirm: 'yes' });
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await devices.views('root', id), []);
    assert.match((await browser.get('/account')).body, /role="status">The device has been removed\./);

    const refused = await browser.submit('devices/remove', { kind: 'oath', id: foreign.id, confirm: 'yes' });
    assert.equal(refused.statusCode, 303);
    assert.match((await browser.get('/account')).body, /role="status">That device was not found\./);
    assert.equal((await devices.views('root', other.id)).length, 1, 'another user’s device is still there');
  });

  it('makes new recovery codes that replace the old ones, shown once; the same form posted again makes none', async () => {
    const { browser, id } = await signedIn();
    await addOath(id, 'Phone');
    const old = generateRecoveryCodes();
    await storeRecoveryCodes(devices, 'root', id, 'oath', old);
    assert.equal(await useRecoveryCode(devices, 'root', id, 'oath', old[0] ?? ''), true);
    const page = await browser.get('/account');
    assert.ok(page.body.includes('Codes left: 9'));
    const fields = { csrf: /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '', realm: '/', kind: 'oath', replaces: replacesOf(page.body, 'oath') };

    const made = await browser.post('/account/recovery-codes/new', fields);
    assert.equal(made.statusCode, 200);
    assert.equal(made.headers['cache-control'], 'no-store');
    assert.ok(made.body.includes('These codes replace your old codes, which no longer work. Keep them somewhere safe'));
    const codes = [...made.body.matchAll(/<li><code>([A-Za-z0-9]{10})<\/code><\/li>/g)].map((match) => match[1] ?? '');
    assert.equal(codes.length, 10);
    assert.equal(await useRecoveryCode(devices, 'root', id, 'oath', old[1] ?? ''), false, 'an old code no longer works');

    const again = await browser.get('/account');
    for (const code of codes) assert.ok(!again.body.includes(code), 'the new codes are not shown again');
    assert.ok(again.body.includes('Codes left: 10'));
    const reloaded = await browser.post('/account/recovery-codes/new', fields);
    assert.equal(reloaded.statusCode, 303, 'posting the same form again makes no codes');
    assert.match((await browser.get('/account')).body, /role="status">Those recovery codes had already been replaced\./);
    assert.equal(await useRecoveryCode(devices, 'root', id, 'oath', codes[0] ?? ''), true, 'the codes shown still work');
  });

  it('has every new text in English, French, Dutch and German, with the same placeholders', () => {
    const ids = Object.keys(accountCatalog.texts.en).filter((id) => /^(devices\.|codes\.|status\.device|status\.codes)/.test(id));
    assert.ok(ids.length >= 30);
    for (const id of ids as (keyof typeof accountCatalog.texts.en)[]) {
      const english = accountCatalog.texts.en[id];
      for (const language of ['fr', 'nl', 'de'] as const) {
        const text = accountCatalog.texts[language][id];
        assert.ok(text.trim() !== '' && (text !== english || id === 'devices.kind.webauthn'), `${language} ${id}`);
        assert.deepEqual(placeholdersOf(text), placeholdersOf(english), `${language} ${id}`);
      }
    }
  });
});
