/**
 * The optional password history over HTTP: off by default; `PUT /openidm/config/managed` with
 * `is-new {historyLength}` on the password turns it on, after which REST PATCH and PUT refuse the
 * last `historyLength` passwords (403 IS_NEW), the UpdatePassword journey shows IS_NEW in its
 * callback, and no read ever returns the hashes kept in `_meta.passwordHistory`.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const JO = { userName: 'jo', givenName: 'Jo', sn: 'March', mail: 'jo@example.com', password: 'First-Passw0rd' };

type ManagedDocument = { objects: { name: string; schema: { properties: Record<string, { policies?: { policyId?: unknown; params?: unknown }[] }> } }[] };

const isNewRefusal = (historyLength: number) => ({
  code: 403,
  reason: 'Forbidden',
  message: 'Policy validation failed',
  detail: { result: false, failedPolicyRequirements: [{ property: 'password', policyRequirements: [{ policyRequirement: 'IS_NEW', params: { historyLength } }] }] },
});

onEveryDatabase('password history (is-new)', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let id: string;
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) => call(arbor, method, url, admin, body);
  const patchPassword = (password: string) => send('PATCH', `${USERS}/${id}`, [{ operation: 'replace', field: '/password', value: password }]);
  const putPassword = (password: string) => send('PUT', `${USERS}/${id}`, { ...JO, password });

  /** PUTs the managed config with `is-new` on alpha_user's password (or without it, for `undefined`). */
  async function configureHistory(historyLength: number | undefined): Promise<void> {
    const managed = (await send('GET', '/openidm/config/managed')).json<ManagedDocument>();
    const password = managed.objects.find((object) => object.name === 'alpha_user')?.schema.properties.password;
    assert.ok(password !== undefined);
    const others = (password.policies ?? []).filter((policy) => policy.policyId !== 'is-new');
    password.policies = historyLength === undefined ? others : [...others, { policyId: 'is-new', params: { historyLength } }];
    const replaced = await send('PUT', '/openidm/config/managed', managed);
    assert.equal(replaced.statusCode, 200, replaced.body);
  }

  async function assertStatus(response: Promise<{ statusCode: number; body: string }>, status: number): Promise<void> {
    const answer = await response;
    assert.equal(answer.statusCode, status, answer.body);
  }

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
    const created = await send('POST', `${USERS}?_action=create`, JO);
    assert.equal(created.statusCode, 201, created.body);
    id = created.json<{ _id: string }>()._id;
    await acceptActiveTerms(arbor, 'alpha_user', JO.userName); // so that the alpha Login's terms step does not ask
  });

  it('is off by default: no is-new policy, and an old password may come back', async () => {
    const policies = (await send('GET', '/openidm/policy/managed/alpha_user')).json<{ properties: { name: string; policyRequirements: string[] }[] }>();
    assert.equal(policies.properties.find((property) => property.name === 'password')?.policyRequirements.includes('IS_NEW'), false);
    await assertStatus(patchPassword('Second-Passw0rd'), 200);
    await assertStatus(patchPassword(JO.password), 200);
  });

  it('turned on by PUT /openidm/config/managed: PATCH and PUT refuse the last historyLength passwords with 403 IS_NEW', async () => {
    await configureHistory(3);
    const policies = (await send('GET', '/openidm/policy/managed/alpha_user')).json<{ properties: { name: string; policies: unknown[] }[] }>();
    assert.deepEqual(policies.properties.find((property) => property.name === 'password')?.policies.at(-1), { policyId: 'is-new', params: { historyLength: 3 }, policyRequirements: ['IS_NEW'] });
    // Second-Passw0rd was used while the history was off: nothing remembers it.
    await assertStatus(patchPassword('Second-Passw0rd'), 200);
    const reusedByPatch = await patchPassword(JO.password);
    assert.equal(reusedByPatch.statusCode, 403, reusedByPatch.body);
    assert.deepEqual(reusedByPatch.json(), isNewRefusal(3));
    const currentByPut = await putPassword('Second-Passw0rd');
    assert.equal(currentByPut.statusCode, 403, currentByPut.body);
    assert.deepEqual(currentByPut.json(), isNewRefusal(3));
    await assertStatus(putPassword('Third-Passw0rd'), 200);
    await assertStatus(patchPassword('Fourth-Passw0rd'), 200);
    // The last 3 are Fourth (current), Third, Second: First is old enough, Second is not.
    assert.deepEqual((await patchPassword('Second-Passw0rd')).json(), isNewRefusal(3));
    await assertStatus(patchPassword(JO.password), 200);
    assert.deepEqual((await send('POST', `/openidm/policy/managed/alpha_user/${id}?_action=validateProperty`, { password: 'Third-Passw0rd' })).json(), {
      result: false,
      failedPolicyRequirements: [{ property: 'password', policyRequirements: [{ policyRequirement: 'IS_NEW', params: { historyLength: 3 } }] }],
    });
  });

  it('the UpdatePassword journey shows IS_NEW in the ValidatedCreatePasswordCallback, then takes a new password', async () => {
    const current = 'First-Passw0rd';
    const token = await signIn(arbor, 'alpha', JO.userName, current);
    const journey = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=UpdatePassword';
    type Step = { authId?: string; tokenId?: string; callbacks?: { type: string; output: { name: string; value: unknown }[]; input: { name: string; value: unknown }[] }[] };
    const next = async (step: Step | undefined, value?: string): Promise<Step> => {
      const input = step?.callbacks?.[0]?.input[0];
      if (input !== undefined && value !== undefined) input.value = value;
      const answer = await call(arbor, 'POST', journey, sessionCookie(token), step ?? {});
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json<Step>();
    };
    const verify = await next(undefined);
    assert.equal(verify.callbacks?.[0]?.type, 'PasswordCallback');
    const update = await next(verify, current);
    assert.equal(update.callbacks?.[0]?.type, 'ValidatedCreatePasswordCallback');
    const policies = update.callbacks?.[0]?.output.find((output) => output.name === 'policies')?.value as { policies: unknown[] };
    assert.deepEqual(policies.policies.at(-1), { policyId: 'is-new', params: { historyLength: 3 }, policyRequirements: ['IS_NEW'] });
    let step = update;
    for (const reused of [current, 'Fourth-Passw0rd', 'Third-Passw0rd']) {
      step = await next(step, reused);
      const failed = step.callbacks?.[0]?.output.find((output) => output.name === 'failedPolicies')?.value;
      assert.deepEqual(failed, [JSON.stringify({ params: { historyLength: 3 }, policyRequirement: 'IS_NEW' })], reused);
    }
    const done = await next(step, 'Sixth-Passw0rd');
    assert.equal(typeof done.tokenId, 'string', JSON.stringify(done));
    assert.deepEqual((await patchPassword(current)).json(), isNewRefusal(3), 'the journey pushed the replaced hash');
  });

  it('never returns the history: reads and queries with _meta/* or _meta/passwordHistory', async () => {
    const reads = [
      await send('GET', `${USERS}/${id}?_fields=*,_meta/*`),
      await send('GET', `${USERS}/${id}?_fields=_meta/passwordHistory`),
      await send('GET', `${USERS}/${id}?_fields=*,*_ref,_meta,passwordHistory`),
      await send('GET', `${USERS}?_queryFilter=true&_fields=*,_meta/*`),
      await send('GET', `${USERS}?_queryFilter=${encodeURIComponent(`userName eq "jo"`)}&_fields=_meta/passwordHistory,_meta/createDate`),
      await patchPassword('Fifth-Passw0rd'),
    ];
    for (const read of reads) {
      assert.equal(read.statusCode, 200, read.body);
      assert.doesNotMatch(read.body, /passwordHistory|argon2|\$2[aby]\$/, read.body);
    }
    assert.deepEqual(reads[1]?.json(), { _id: id, _rev: reads[1]?.json<{ _rev: string }>()._rev, _meta: {} });
    assert.equal(typeof reads[0]?.json<{ _meta: { createDate?: unknown } }>()._meta.createDate, 'string', '_meta is still returned');
  });

  it('the progressive-profile sign-in (third) succeeds with the history on: it never writes back the password typed', async () => {
    const { password: _omitted, ...profile } = JO;
    const created = await send('POST', `${USERS}?_action=create`, { ...profile, userName: 'meg', mail: 'meg@example.com', password: 'Meg-Passw0rd1' });
    assert.equal(created.statusCode, 201, created.body);
    await acceptActiveTerms(arbor, 'alpha_user', 'meg');
    const hashOf = async (): Promise<unknown> => (await arbor.store.managedObjects.findByAttribute('alpha_user', 'userName', 'meg'))[0]?.data.password;
    const before = await hashOf();
    const url = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login';
    type Step = { tokenId?: string; header?: string; callbacks?: { type: string; input: { name: string; value: unknown }[] }[] };
    let preferencesAsked = false;
    for (let signIn = 1; signIn <= 3; signIn++) {
      const first = await arbor.app.inject({ method: 'POST', url, headers: { 'x-openam-username': 'meg', 'x-openam-password': 'Meg-Passw0rd1' } });
      let step = first.json<Step>();
      if (step.tokenId === undefined) {
        assert.equal(step.header, 'Please select your preferences', first.body);
        preferencesAsked = true;
        for (const callback of step.callbacks ?? []) {
          const value = callback.input[0];
          if (value !== undefined) value.value = true;
        }
        const answered = await call(arbor, 'POST', '/am/json/realms/root/realms/alpha/authenticate', {}, step);
        assert.equal(answered.statusCode, 200, answered.body);
        step = answered.json<Step>();
      }
      assert.equal(typeof step.tokenId, 'string', JSON.stringify(step));
    }
    assert.ok(preferencesAsked, 'the third sign-in asked for the preferences');
    assert.equal(await hashOf(), before, 'the password hash was not rewritten');
  });

  it('turned off again: no history is kept, old passwords come back', async () => {
    await configureHistory(undefined);
    await assertStatus(patchPassword('Fourth-Passw0rd'), 200);
    await configureHistory(2);
    // The history was dropped with the policy: only the current password counts now.
    await assertStatus(patchPassword('Fifth-Passw0rd'), 200);
    assert.deepEqual((await patchPassword('Fourth-Passw0rd')).json(), isNewRefusal(2));
    await configureHistory(undefined);
  });
});
