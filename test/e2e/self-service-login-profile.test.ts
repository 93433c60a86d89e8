/**
 * Progressive profile through the default alpha `Login` journey (its inner tree
 * `ProgressiveProfile`), driven by the ForgeRock SDK: the third sign-in of a user without
 * preferences shows "Please select your preferences", the answers are saved on the user, and the
 * fourth sign-in goes straight to success.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback } from '@forgerock/javascript-sdk';
import type { RestApi } from '../helpers/self-service.ts';
import { addUser, adminClient, asStep, asSuccess, callbackTypes, readUser, signInWithSdk, validateSession } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

describe('progressive profile in the default Login journey', () => {
  let server: TestServer;
  let admin: RestApi;
  const user = (userName: string): Promise<Record<string, unknown>> => readUser(admin, 'alpha_user', userName);

  before(async () => {
    server = await startTestServer();
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'gail', 'Secret-Passw0rd', {}, { termsAccepted: true }); // this test is not about the terms step
  });
  after(async () => server?.close());

  it('asks for preferences at the third sign-in, saves them, and goes straight to success at the fourth', async () => {
    assert.equal((await user('gail')).preferences, undefined, 'no preferences yet');
    for (const attempt of [1, 2]) {
      const success = asSuccess(await signInWithSdk(server, 'gail', 'Secret-Passw0rd'));
      assert.ok(success.getSessionToken(), `sign-in ${attempt}`);
    }

    const third = asStep(await signInWithSdk(server, 'gail', 'Secret-Passw0rd'));
    assert.equal(third.getHeader(), 'Please select your preferences');
    assert.deepEqual(callbackTypes(third), ['BooleanAttributeInputCallback', 'BooleanAttributeInputCallback']);
    const preferences = third.getCallbacksOfType<AttributeInputCallback<boolean>>(CallbackType.BooleanAttributeInputCallback);
    assert.deepEqual(preferences.map((callback: AttributeInputCallback<boolean>) => callback.getName()).sort(), ['preferences/marketing', 'preferences/updates']);
    for (const callback of preferences) callback.setValue(callback.getName() === 'preferences/updates');
    const saved = asSuccess(await FRAuth.next(third));
    const token = saved.getSessionToken();
    assert.ok(token !== undefined);
    assert.equal((await validateSession(server, token)).uid, 'gail');

    const profile = await user('gail');
    assert.deepEqual(profile.preferences, { marketing: false, updates: true });
    assert.equal((profile._meta as { loginCount?: number }).loginCount, 3);

    const fourth = asSuccess(await signInWithSdk(server, 'gail', 'Secret-Passw0rd'));
    assert.ok(fourth.getSessionToken());
    assert.equal(((await user('gail'))._meta as { loginCount?: number }).loginCount, 4);
  });
});
