/**
 * Usernames in journeys: signing in normalizes the name typed as the store does (NFKC, trimmed),
 * so `José` typed decomposed, fullwidth or with spaces around it signs in to the `José` account;
 * the Registration journey's Validated Username callback reports Arbor's username rules in
 * `failedPolicies` (`VALID_USERNAME_FORMAT`, `MAX_LENGTH`), and an account it creates is stored
 * under the normalized name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';

const ALPHA = '/am/json/realms/root/realms/alpha/authenticate';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!', 'content-type': 'application/json' };

interface Step {
  authId?: string;
  tokenId?: string;
  callbacks?: { type: string; output: { name: string; value: unknown }[]; input?: { name: string; value: unknown }[] }[];
}

describe('Usernames in journeys', () => {
  let arbor: TestPlatform;
  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' });
    const created = await arbor.app.inject({
      method: 'POST',
      url: '/openidm/managed/alpha_user?_action=create',
      headers: ADMIN,
      payload: JSON.stringify({ userName: 'Jos\u00e9', givenName: 'Joan', sn: 'Silva', mail: 'jose@example.com', password: 'Secret-Passw0rd' }),
    });
    assert.equal(created.statusCode, 201, created.body);
    await acceptActiveTerms(arbor, 'alpha_user', 'Jos\u00e9');
  });
  after(async () => arbor?.close());

  async function post(tree: string, body?: Step): Promise<{ statusCode: number; step: Step; body: string }> {
    const response = await arbor.app.inject({
      method: 'POST',
      url: `${ALPHA}?authIndexType=service&authIndexValue=${tree}`,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }),
    });
    return { statusCode: response.statusCode, step: response.json<Step>(), body: response.body };
  }

  /** The step with `values` set on the first input of the callbacks of those types. */
  function answer(step: Step, values: Record<string, unknown>): Step {
    const callbacks = (step.callbacks ?? []).map((callback) => ({
      ...callback,
      input: (callback.input ?? []).map((input, index) => (index === 0 && Object.hasOwn(values, callback.type) ? { ...input, value: values[callback.type] } : input)),
    }));
    return { ...step, callbacks };
  }

  it('signs in to the José account whatever the spelling typed', async () => {
    for (const typed of ['Jose\u0301', ' Jos\u00e9', 'Jos\u00e9  ', '\uff2a\uff4f\uff53\u00e9', '\u3000Jose\u0301\u00a0', 'jos\u00e9']) {
      const first = await post('Login');
      assert.equal(first.statusCode, 200, first.body);
      const signedIn = await post('Login', answer(first.step, { NameCallback: typed, PasswordCallback: 'Secret-Passw0rd' }));
      assert.equal(signedIn.statusCode, 200, `${JSON.stringify(typed)}: ${signedIn.body}`);
      assert.ok(typeof signedIn.step.tokenId === 'string' || typeof signedIn.step.authId === 'string', signedIn.body);
      assert.notEqual(signedIn.step.callbacks?.[0]?.type, 'NameCallback', `${JSON.stringify(typed)} was not taken for the account: ${signedIn.body}`);
    }
    const first = await post('Login');
    const refused = await post('Login', answer(first.step, { NameCallback: 'Jos\u200b\u00e9', PasswordCallback: 'Secret-Passw0rd' }));
    assert.equal(refused.statusCode, 401, 'a zero-width space makes another name, which has no account');
    const again = await post('Login');
    const nul = await post('Login', answer(again.step, { NameCallback: 'Jos\u00e9\u0000', PasswordCallback: 'Secret-Passw0rd' }));
    assert.equal(nul.statusCode, 400, `U+0000 is refused before any lookup (PostgreSQL cannot hold it): ${nul.body}`);
  });

  it('reports the username rules in the Validated Username callback of Registration', async () => {
    const cases: [string, string[]][] = [
      ['ev\u200bil', ['{"policyRequirement":"VALID_USERNAME_FORMAT"}']],
      ['\u202enimda', ['{"policyRequirement":"VALID_USERNAME_FORMAT"}']],
      ['x'.repeat(300), ['{"params":{"maxLength":255},"policyRequirement":"MAX_LENGTH"}']],
      [' Jose\u0301 ', ['{"policyRequirement":"UNIQUE"}']],
      ['fresh-name ', []],
    ];
    for (const [name, failedPolicies] of cases) {
      const first = await post('Registration');
      assert.equal(first.statusCode, 200, first.body);
      const step = answer(first.step, { ValidatedCreateUsernameCallback: name });
      const username = step.callbacks?.find((callback) => callback.type === 'ValidatedCreateUsernameCallback');
      const validateOnly = username?.input?.find((input) => input.name.endsWith('validateOnly'));
      assert.ok(validateOnly !== undefined);
      validateOnly.value = true;
      const checked = await post('Registration', step);
      assert.equal(checked.statusCode, 200, checked.body);
      const echoed = checked.step.callbacks?.find((callback) => callback.type === 'ValidatedCreateUsernameCallback');
      assert.deepEqual(echoed?.output.find((output) => output.name === 'failedPolicies')?.value, failedPolicies, JSON.stringify(name.slice(0, 20)));
    }
  });
});
