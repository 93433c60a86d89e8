/**
 * A one-time password by text message, driven by the ForgeRock SDK against a real Arbor on
 * loopback: a small journey imported with `arbor journey import` (password, HOTP Generator, OTP
 * SMS Sender, OTP Collector Decision) and the alpha realm's `sms` setting pointing at a webhook on
 * loopback. The code in the webhook's body signs in; the webhook got the user's number and the
 * realm; a wrong code fails.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { FRStep, PasswordCallback } from '@forgerock/javascript-sdk';
import type { CliContext } from '../../src/cli/command.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { runCli } from '../../src/main.ts';
import { startWebhookTestServer, type WebhookTestServer } from '../../src/mfa/sms/testing/webhook-test-server.ts';
import { announceWrites } from '../../src/platform/announce-writes.ts';
import { createPlatform, type Platform } from '../../src/platform/create-platform.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import type { StepResult } from '../helpers/self-service.ts';
import { asFailure, asStep, asSuccess, buildJourney, callbackTypes, startStep, submitCredentials, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';

const PASSWORD = 'Secret-Passw0rd';
const PHONE = '+32 470 12 34 56';

describe('a code by text message through the realm’s SMS webhook, with the ForgeRock SDK', () => {
  let dataDir: string;
  let platform: Platform;
  let webhook: WebhookTestServer;
  let server: Pick<TestServer, 'baseUrl'>;
  let cli: (args: string[]) => Promise<{ code: number; out: string }>;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-e2e-sms-'));
    const env = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' };
    const settings = loadServerSettings(env, dataDir);
    const quiet = (): void => {};
    const clock = { now: () => Date.now() };
    const store = await openPlatformStore(settings, quiet, { clock });
    platform = await createPlatform({ settings, store, clock, logger: false });
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const address = platform.app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    server = { baseUrl: `http://127.0.0.1:${address.port}` };
    cli = async (args) => {
      let out = '';
      const ctx: CliContext = { env, out: (line) => (out += `${line}\n`), err: (line) => (out += `${line}\n`), openStore: async () => announceWrites(await openPlatformStore(settings, quiet, { clock }), platform.cacheInvalidation) };
      return { code: await runCli(args, ctx), out };
    };

    webhook = await startWebhookTestServer();
    const announced = announceWrites(store, platform.cacheInvalidation);
    const alpha = await store.realms.get('alpha');
    assert.ok(alpha);
    await announced.realms.put({ ...alpha, sms: { webhookUrl: webhook.url, headers: { Authorization: 'Bearer sms-test-token' }, allowLoopbackHttp: true } });

    const added = await cli(['user', 'add', '--realm', 'alpha', '--username', 'sami', '--password', PASSWORD, '--set', 'mail=sami@example.com', '--set', 'givenName=Sami', '--set', 'sn=User', '--set', `telephoneNumber=${PHONE}`]);
    assert.equal(added.code, 0, added.out);

    const journey = buildJourney('SmsOtpLogin', 'managed/alpha_user', [
      { type: 'PageNode', connections: { outcome: 'DataStoreDecisionNode' }, children: [{ type: 'ValidatedUsernameNode', config: { usernameAttribute: 'userName', validateInput: false } }, { type: 'ValidatedPasswordNode', config: { passwordAttribute: 'password', validateInput: false } }] },
      { type: 'DataStoreDecisionNode', connections: { true: 'OneTimePasswordGeneratorNode', false: 'failure' } },
      { type: 'OneTimePasswordGeneratorNode', config: { length: 8 }, connections: { outcome: 'OneTimePasswordSmsSenderNode' } },
      { type: 'OneTimePasswordSmsSenderNode', config: { mobilePhoneAttributeName: 'telephoneNumber', smsContent: { en: 'Your sign-in code is {{OTP}}.' } }, connections: { outcome: 'OneTimePasswordCollectorDecisionNode' } },
      { type: 'OneTimePasswordCollectorDecisionNode', config: { passwordExpiryTime: 5 }, connections: { true: 'success', false: 'failure' } },
    ]);
    const file = path.join(dataDir, 'sms-otp-login.json');
    await writeFile(file, JSON.stringify(journey));
    const imported = await cli(['journey', 'import', file, '--realm', 'alpha']);
    assert.equal(imported.code, 0, imported.out);
  });
  after(async () => {
    await webhook?.close();
    await platform?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  /** Signs in with the password; resolves to the OTP step (the text already sent). */
  async function otpStep(): Promise<FRStep> {
    useTree(server as TestServer, 'SmsOtpLogin');
    const step = asStep(await submitCredentials(await startStep(), 'sami', PASSWORD));
    assert.deepEqual(callbackTypes(step), ['PasswordCallback']);
    return step;
  }

  async function answer(step: FRStep, code: string): Promise<StepResult> {
    step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword(code);
    return FRAuth.next(step);
  }

  it('the code in the webhook body signs in; the webhook got the number, the realm and the bearer token', async () => {
    const before = webhook.received.length;
    const step = await otpStep();
    assert.equal(webhook.received.length, before + 1, 'one text message');
    const sent = webhook.received.at(-1);
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.headers.authorization, 'Bearer sms-test-token');
    const body = sent?.body as { to?: string; message?: string; realm?: string };
    assert.equal(body.to, PHONE);
    assert.equal(body.realm, 'alpha');
    const code = /^Your sign-in code is (\d{8})\.$/.exec(body.message ?? '')?.[1];
    assert.ok(code !== undefined, body.message);
    assert.ok((asSuccess(await answer(step, code)).getSessionToken() ?? '').length > 20);
  });

  it('a wrong code fails, and a code from an earlier text does not sign in a new journey', async () => {
    const first = await otpStep();
    const earlier = /(\d{8})/.exec((webhook.received.at(-1)?.body as { message: string }).message)?.[1] ?? '';
    asFailure(await answer(first, earlier === '00000000' ? '11111111' : '00000000'));
    const second = await otpStep();
    const current = /(\d{8})/.exec((webhook.received.at(-1)?.body as { message: string }).message)?.[1] ?? '';
    assert.notEqual(current, earlier, 'each text carries a new code');
    asFailure(await answer(second, earlier));
  });
});
