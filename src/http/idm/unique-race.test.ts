/**
 * Two parallel creates of one userName over HTTP: both pass the `unique` policy's lookup, the
 * database keeps one, and the loser gets IDM's 403 "Policy validation failed" with UNIQUE. Checked
 * on the platform as bootstrapped, and after the managed config was PUT back (which re-applies the
 * unique constraints), each on a platform of its own.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';

function body(userName: string, i: number): Record<string, unknown> {
  return { userName, givenName: 'Race', sn: `Runner${i}`, mail: `${userName.toLowerCase()}.${i}@example.com` };
}

function raceSuite(title: string, prepare: (arbor: TestPlatform, admin: Record<string, string>) => Promise<void>): void {
  onEveryDatabase(title, (platform) => {
    let arbor: TestPlatform;
    let admin: Record<string, string>;

    before(async () => {
      arbor = platform();
      admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
      await prepare(arbor, admin);
    });

    const race = (name: string, request: (userName: string, i: number) => Promise<LightMyRequestResponse>) =>
      it(`${name}: one 201, the other 403 UNIQUE, one stored user`, async () => {
        for (const round of [1, 2, 3]) {
          const userName = `racer-${name.replace(/[^a-z]/gi, '').toLowerCase()}-${round}`;
          const responses = await Promise.all([0, 1].map((i) => request(i === 0 ? userName : userName.toUpperCase(), i)));
          assert.deepEqual(responses.map((response) => response.statusCode).sort(), [201, 403], responses.map((response) => response.body).join('\n'));
          assert.deepEqual(responses.find((response) => response.statusCode === 403)?.json(), {
            code: 403,
            reason: 'Forbidden',
            message: 'Policy validation failed',
            detail: { result: false, failedPolicyRequirements: [{ property: 'userName', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }] },
          });
          const stored = await call(arbor, 'GET', `${USERS}?_queryFilter=${encodeURIComponent(`userName eq "${userName}"`)}`, admin);
          assert.equal(stored.json<{ resultCount: number }>().resultCount, 1);
        }
      });

    race('POST ?_action=create', (userName, i) => call(arbor, 'POST', `${USERS}?_action=create`, admin, body(userName, i)));
    race('PUT with client ids', (userName, i) => call(arbor, 'PUT', `${USERS}/race-${userName}-${i}`, { ...admin, 'if-none-match': '*' }, body(userName, i)));
  });
}

raceSuite('unique userName under concurrent creates, as bootstrapped', async () => {});

raceSuite('unique userName under concurrent creates, after PUT /openidm/config/managed', async (arbor, admin) => {
  const config = await call(arbor, 'GET', '/openidm/config/managed', admin);
  const replaced = await call(arbor, 'PUT', '/openidm/config/managed', admin, config.json());
  assert.equal(replaced.statusCode, 200, replaced.body);
});
