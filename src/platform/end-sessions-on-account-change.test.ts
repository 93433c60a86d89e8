/**
 * The platform's account-change wiring: a password set through the platform's identity service
 * (the path of journeys and CLI commands) ends the account's sessions, and the ended generation is
 * remembered as long as the longest session any realm allows, so that a session of a realm with
 * 10-hour sessions does not come back once the default 120 minutes have passed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from './testing/in-memory-platform.ts';
import { inMemoryPlatform } from './testing/in-memory-platform.ts';

const MINUTE = 60_000;
const REALM_CACHE_MS = 6_000;

describe('sessions end when the account changes, for as long as sessions may live', () => {
  let arbor: TestPlatform;
  const signIn = async (): Promise<string> => {
    const response = await arbor.app.inject({
      method: 'POST',
      url: '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login',
      headers: { 'x-openam-username': 'lena', 'x-openam-password': 'Long-Sessi0ns' },
    });
    assert.equal(response.statusCode, 200, response.body);
    return String(response.json<{ tokenId: unknown }>().tokenId);
  };
  const valid = async (token: string): Promise<boolean> => {
    const response = await arbor.app.inject({ method: 'POST', url: '/am/json/realms/root/sessions?_action=validate', payload: { tokenId: token } });
    return response.json<{ valid: boolean }>().valid;
  };

  before(async () => {
    arbor = await inMemoryPlatform();
    const root = await arbor.store.realms.get('root');
    assert.ok(root !== undefined);
    await arbor.store.realms.put({ ...root, sessions: { maxIdleMinutes: 600, maxSessionMinutes: 600 } });
    arbor.clock.advance(REALM_CACHE_MS);
    await arbor.identity.createUser('user', { userName: 'lena', password: 'Long-Sessi0ns', givenName: 'Lena', sn: 'Berg', mail: 'lena@example.com' });
  });
  after(async () => arbor?.close());

  it('a password set through the identity service ends a 10-hour session for good', async () => {
    // One intruder session per check: a session presented after its end is also deleted, so each
    // is presented for the first time at its check, when only the remembered generation stops it.
    const checks = [{ minutes: 0 }, { minutes: 121 }, { minutes: 300 }, { minutes: 599 }];
    const intruders = [];
    for (const check of checks) intruders.push({ ...check, token: await signIn() });
    const [lena] = await arbor.identity.findByAttribute('user', 'userName', 'lena');
    assert.ok(lena !== undefined);
    await arbor.identity.patchUser('user', lena._id, { password: 'Long-Sessi0ns2' });
    let elapsed = 0;
    for (const { minutes, token } of intruders) {
      arbor.clock.advance((minutes - elapsed) * MINUTE);
      elapsed = minutes;
      assert.equal(await valid(token), false, `the session came back ${minutes} minutes later`);
    }
  });
});
