/**
 * For HTTP tests about who may administer what: alpha users made on the test platform, each with
 * `ALPHA_PEOPLE_PASSWORD`, their active terms accepted and signed in through alpha's Login; the one
 * named `realmAdmin` is granted `internal/role/realm-admin-alpha` by `admin` (the headers of an
 * administrator) first.
 */
import assert from 'node:assert/strict';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from './accept-active-terms.ts';
import { injectCall, injectSignIn } from './inject-client.ts';

export const ALPHA_PEOPLE_PASSWORD = 'Secret-Passw0rd';

/** One alpha user of the test: their id and the headers of their session. */
export interface AlphaPerson {
  id: string;
  session: Record<string, string>;
}

/** Makes `realmAdmin` (alpha's administrator) and `others` (plain users) in alpha; answers each by name. */
export async function alphaPeople(arbor: TestPlatform, admin: Record<string, string>, realmAdmin: string, others: readonly string[]): Promise<Map<string, AlphaPerson>> {
  const call = injectCall(() => arbor.app);
  const people = new Map<string, AlphaPerson>();
  for (const userName of [realmAdmin, ...others]) {
    const made = await arbor.identity.createUser('alpha_user', { userName, password: ALPHA_PEOPLE_PASSWORD, givenName: userName, sn: 'A', mail: `${userName}@example.com` });
    if (userName === realmAdmin) {
      const granted = await call('POST', `/openidm/managed/alpha_user/${made._id}/authzRoles`, admin, { _ref: 'internal/role/realm-admin-alpha' });
      assert.equal(granted.statusCode, 201, granted.body);
    }
    await acceptActiveTerms(arbor, 'alpha_user', userName);
    people.set(userName, { id: made._id, session: await injectSignIn(arbor.app, '/realms/alpha', userName, ALPHA_PEOPLE_PASSWORD) });
  }
  return people;
}

/** The person of `people` named `userName`; a test mistake when there is none. */
export function personOf(people: ReadonlyMap<string, AlphaPerson>, userName: string): AlphaPerson {
  const person = people.get(userName);
  assert.ok(person !== undefined, `no alpha person ${userName} in this test`);
  return person;
}
