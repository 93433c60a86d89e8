/**
 * Server-side request forgery through what administrators configure, against a real Arbor on
 * loopback: a provider whose discovery document is at the cloud metadata address is refused with a
 * 400 naming the host and why (over the provider REST endpoint and the admin app's "fill from
 * well-known URL"), nothing sent and nothing stored; and a sign-in whose provider is on loopback,
 * with the relying party limited to public addresses, fails before the code is redeemed, the
 * operator told why (`PROVIDER_UNREACHABLE`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StepType } from '@forgerock/javascript-sdk';
import { createSocialCapability } from '../../src/platform/social/social-capability.ts';
import { startItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { ADMIN, createItsmeProvider, generateItsmeKeys, runSocialJourney, SERVICE, type SocialArbor, startSocialArbor } from './social-harness.ts';

const METADATA_DISCOVERY = 'http://169.254.169.254/.well-known/openid-configuration';

describe('outbound requests', () => {
  let arbor: SocialArbor;
  let redirectUri: string;

  before(async () => {
    // The settings' default (all but link-local) for provider writes; the relying party on public addresses only.
    arbor = await startSocialArbor({ capabilities: (log) => [createSocialCapability({ log, http: { outboundNetworks: 'public' } })] });
    await generateItsmeKeys(arbor);
    redirectUri = `${arbor.baseUrl}/login`;
  });
  after(async () => {
    await arbor?.close();
  });

  it('a provider whose discovery is at the metadata service is refused with a 400 naming the host and why, and not stored', async () => {
    const written = await arbor.putProvider('oidcConfig', 'imds', { clientId: 'rp', redirectURI: redirectUri, wellKnownEndpoint: METADATA_DISCOVERY });
    assert.equal(written.status, 400, JSON.stringify(written.json));
    assert.match(JSON.stringify(written.json), /169\.254\.169\.254 is a link-local address, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow/);
    const stored = await fetch(`${arbor.baseUrl}${SERVICE}/oidcConfig/imds`, { headers: ADMIN });
    assert.equal(stored.status, 404);
    const discovered = await fetch(`${arbor.baseUrl}${SERVICE}/discovery?_action=discover`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ wellKnownEndpoint: METADATA_DISCOVERY }) });
    const body = (await discovered.json()) as { message?: unknown };
    assert.equal(discovered.status, 400, JSON.stringify(body));
    assert.match(String(body.message), /169\.254\.169\.254 is a link-local address/);
  });

  it('a sign-in at a provider on loopback fails when the relying party may reach public addresses only, before the code is redeemed', async () => {
    const simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks(), clientId: 'client-loopback' });
    try {
      await createItsmeProvider(arbor, 'loopback', simulator, redirectUri);
      const logged = arbor.failures.length;
      const run = await runSocialJourney(arbor, 'SocialLogin', 'loopback', redirectUri);
      assert.equal(run.result.type, StepType.LoginFailure, JSON.stringify((run.result as { payload?: unknown }).payload));
      assert.equal(simulator.tokenRequests, 0, 'the code was never redeemed');
      const lines = arbor.failures.slice(logged);
      assert.deepEqual(lines.map((line) => [line.provider, line.code]), [['loopback', 'PROVIDER_UNREACHABLE']]);
      assert.match(lines[0]?.reason ?? '', /127\.0\.0\.1 is a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow/);
    } finally {
      await simulator.close();
    }
  });
});
