/**
 * Failed itsme sign-ins end the `SocialLogin` journey as a failure (401, no session), create no
 * user, and tell the operator why: each case has its own misbehaving simulator and provider on
 * one Arbor, and checks the logged line's code and reason.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { StepType } from '@forgerock/javascript-sdk';
import type { FRLoginFailure } from '@forgerock/javascript-sdk';
import { type ItsmeSimulator, type ItsmeSimulatorOptions, startItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { createItsmeProvider, generateItsmeKeys, runSocialJourney, type SocialArbor, type SocialRun, startSocialArbor } from './social-harness.ts';

/** Closed after the suite. */
const servers: http.Server[] = [];

/**
 * The discovery document of `simulator` with its honest issuer, on a loopback server: the
 * provider was well configured; what it issues later names another issuer.
 */
async function honestDiscovery(simulator: ItsmeSimulator): Promise<string> {
  const document = (await (await fetch(simulator.discoveryUrl)).json()) as Record<string, unknown>;
  const body = JSON.stringify({ ...document, issuer: simulator.issuer });
  const server = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openid-configuration`;
}

describe('failed itsme sign-ins', () => {
  let arbor: SocialArbor;
  let redirectUri: string;

  before(async () => {
    arbor = await startSocialArbor();
    await generateItsmeKeys(arbor);
    redirectUri = `${arbor.baseUrl}/login`;
  });
  after(async () => {
    for (const server of servers) server.close();
    await arbor?.close();
  });

  let count = 0;
  /** Runs a sign-in that must fail with `code`; returns the run and the simulator (closed). */
  async function failedSignIn(code: string, simulatorOptions: Partial<ItsmeSimulatorOptions>, setUp: (simulator: ItsmeSimulator) => void = () => {}, beforeResume?: (url: string, simulator: ItsmeSimulator) => Promise<string>): Promise<{ run: SocialRun; simulator: ItsmeSimulator; reason: string }> {
    count += 1;
    const name = `bad${count}`;
    const mail = `${name}@example.be`;
    const simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks(), clientId: `client-${name}`, accounts: { [`user-${name}`]: { given_name: 'Jan', family_name: 'Peeters', email: mail, email_verified: true } }, ...simulatorOptions });
    try {
      await createItsmeProvider(arbor, name, simulator, redirectUri, simulatorOptions.misbehave?.wrongIssuer === true ? { wellKnownEndpoint: await honestDiscovery(simulator) } : {});
      setUp(simulator);
      const logged = arbor.failures.length;
      const run = await runSocialJourney(arbor, 'SocialLogin', name, redirectUri, beforeResume === undefined ? {} : { beforeResume: (url) => beforeResume(url, simulator) });
      assert.equal(run.result.type, StepType.LoginFailure, JSON.stringify((run.result as { payload?: unknown }).payload));
      const failure = run.result as FRLoginFailure;
      assert.equal(failure.getCode(), 401);
      assert.equal(failure.getMessage(), 'Login failure');
      assert.deepEqual(await arbor.usersWith('mail', mail), [], 'no user created');
      const lines = arbor.failures.slice(logged);
      assert.equal(lines.length, 1, JSON.stringify(lines));
      const [line] = lines;
      assert.ok(line !== undefined);
      assert.deepEqual({ realm: line.realm, provider: line.provider, code: line.code }, { realm: 'alpha', provider: name, code });
      assert.ok(line.reason.length > 10);
      return { run, simulator, reason: line.reason };
    } finally {
      await simulator.close();
    }
  }

  it('an ID token from another issuer', async () => {
    const { reason } = await failedSignIn('ISSUER_MISMATCH', { misbehave: { wrongIssuer: true } });
    assert.match(reason, /issuer/);
  });

  it('an ID token signed by a key the provider does not publish', async () => {
    await failedSignIn('UNKNOWN_SIGNING_KEY', { misbehave: { unknownSigningKey: true } });
  });

  it('an ID token with another nonce', async () => {
    await failedSignIn('NONCE_MISMATCH', { misbehave: { wrongNonce: true } });
  });

  it('an expired ID token', async () => {
    await failedSignIn('ID_TOKEN_EXPIRED', { misbehave: { expiredIdToken: true } });
  });

  it('a tampered state: the code is never redeemed', async () => {
    const { simulator } = await failedSignIn('STATE_MISMATCH', {}, () => {}, async (url) => {
      const tampered = new URL(url);
      tampered.searchParams.set('state', `${tampered.searchParams.get('state') ?? ''}x`);
      return tampered.href;
    });
    assert.equal(simulator.tokenRequests, 0);
  });

  it('the user denying at the provider', async () => {
    const { run, reason } = await failedSignIn('ACCESS_DENIED', {}, (simulator) => simulator.script({ deny: true }));
    assert.equal(new URL(run.resumedFrom).searchParams.get('error'), 'access_denied');
    assert.match(reason, /denied/);
  });

  it('the provider down when the code is redeemed', async () => {
    await failedSignIn('PROVIDER_UNREACHABLE', {}, () => {}, async (url, simulator) => {
      await simulator.close();
      return url;
    });
  });

  it('userinfo in another format than configured (JSON instead of signed-then-encrypted)', async () => {
    await failedSignIn('USERINFO_WRONG_FORMAT', { misbehave: { userinfoAsJson: true } });
  });
});
