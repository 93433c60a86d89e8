/**
 * Two parallel creates of one userName over HTTP: both pass the `unique` policy's lookup, the
 * database keeps one, and the loser gets IDM's 403 "Policy validation failed" with UNIQUE.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';

onEveryDatabase('unique userName under concurrent creates', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
  });

  const race = (name: string, request: (userName: string, i: number) => Promise<{ statusCode: number; body: string; json(): unknown }>) =>
    it(`${name}: one 201, the other 403 UNIQUE, one stored user`, async () => {
      const userName = `racer-${name.replace(/[^a-z]/gi, '').toLowerCase()}`;
      const responses = await Promise.all([0, 1].map((i) => request(i === 0 ? userName : userName.toUpperCase(), i)));
      const statuses = responses.map((response) => response.statusCode).sort();
      assert.deepEqual(statuses, [201, 403], responses.map((response) => response.body).join('\n'));
      const loser = responses.find((response) => response.statusCode === 403);
      assert.deepEqual(loser?.json(), {
        code: 403,
        reason: 'Forbidden',
        message: 'Policy validation failed',
        detail: { result: false, failedPolicyRequirements: [{ property: 'userName', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }] },
      });
      const stored = await call(arbor, 'GET', `${USERS}?_queryFilter=${encodeURIComponent(`userName eq "${userName}"`)}`, admin);
      assert.equal(stored.json<{ resultCount: number }>().resultCount, 1);
    });
  const create = (userName: string, i: number) => call(arbor, 'POST', `${USERS}?_action=create`, admin, body(userName, i));
  const put = (userName: string, i: number) => call(arbor, 'PUT', `${USERS}/race-${userName}-${i}`, { ...admin, 'if-none-match': '*' }, body(userName, i));

  race('as bootstrapped, POST ?_action=create', create);
  race('as bootstrapped, PUT with client ids', put);
  it('PUT /openidm/config/managed of the same config keeps the constraint', async () => {
    const config = await call(arbor, 'GET', '/openidm/config/managed', admin);
    const replaced = await call(arbor, 'PUT', '/openidm/config/managed', admin, config.json());
    assert.equal(replaced.statusCode, 200, replaced.body);
  });
  race('after a config PUT, POST ?_action=create', create);
  race('after a config PUT, PUT with client ids', put);
});

function body(userName: string, i: number): Record<string, unknown> {
  return { userName, givenName: 'Race', sn: `Runner${i}`, mail: `runner${i}@example.com` };
}
