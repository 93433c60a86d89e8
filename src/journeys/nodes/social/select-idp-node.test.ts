import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createCapabilityRegistry } from '../../engine/capabilities.ts';
import type { NodeServices } from '../../engine/node-context.ts';
import { runNode } from '../../engine/node-testing.ts';
import { createFormPostEntries } from '../../../platform/social/form-post-entries.ts';
import { createSocialGatewayAdapter } from '../../../platform/social/social-gateway-adapter.ts';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { createSecretSealer } from '../../../secrets/secret-sealer.ts';
import { createSocialProviderService } from '../../../social/providers/social-provider-service.ts';
import { createRelyingParty } from '../../../social/rp/relying-party.ts';
import { ephemeralRequestObjectStore } from '../../../social/rp/request-object-store.ts';
import { generateRpKeys } from '../../../social/testing/generated-rp-keys.ts';
import { selectIdPNode } from './select-idp-node.ts';
import { SOCIAL, type SocialSignInFailure } from './social-gateway.ts';

/** The real node services with the real social gateway over `google` and `github` (enabled) and `apple` (disabled) in alpha. */
async function socialServices(): Promise<{ services: NodeServices; logged: SocialSignInFailure[] }> {
  const test = await nodeTestServices({ users: [{ _id: 'ann', attributes: { userName: 'ann', mail: 'ann@example.com', aliasList: ['google-1234'] }, password: 'Secret-Passw0rd' }] });
  const sealer = createSecretSealer(randomBytes(32));
  const providers = createSocialProviderService({ configs: test.store.configs, sealer });
  const common = { clientSecret: 'secret', redirectURI: 'https://login.example.com/callback' };
  await providers.put('alpha', 'googleConfig', 'google', { ...common, clientId: 'g', enabled: true, uiConfig: { buttonDisplayName: 'Google' } }, { discovery: false });
  await providers.put('alpha', 'gitHubConfig', 'github', { ...common, clientId: 'h', enabled: true }, { discovery: false });
  await providers.put('alpha', 'appleConfig', 'apple', { ...common, clientId: 'a', enabled: false }, { discovery: false });
  const logged: SocialSignInFailure[] = [];
  const registry = createCapabilityRegistry();
  registry.register(
    SOCIAL,
    createSocialGatewayAdapter({
      providers,
      rp: createRelyingParty({ keys: await generateRpKeys(), requestObjects: ephemeralRequestObjectStore(test.store.ephemeral) }),
      formPosts: createFormPostEntries(test.store.ephemeral, sealer),
      managedObjects: test.store.managedObjects,
      realmOAuth2BaseUrl: () => 'https://id.example.com/am/oauth2/realms/root/realms/alpha',
      log: (failure) => logged.push(failure),
    }),
  );
  return { services: { ...test.services, capabilities: registry.seal() }, logged };
}

function offered(action: Awaited<ReturnType<typeof runNode>>['action']): unknown {
  assert.equal(action.kind, 'send');
  if (action.kind !== 'send') return undefined;
  assert.equal(action.callbacks[0]?.type, 'SelectIdPCallback');
  return action.callbacks[0]?.output.find((output) => output.name === 'providers')?.value;
}

describe('SelectIdPNode', () => {
  it('offers the enabled providers with their uiConfig, then local sign-in, in AM’s SelectIdPCallback', async () => {
    const { services } = await socialServices();
    const { action } = await runNode(selectIdPNode, { services });
    const providers = offered(action) as { provider: string; uiConfig?: Record<string, unknown> }[];
    assert.deepEqual(providers.map((entry) => entry.provider), ['github', 'google', 'localAuthentication']);
    assert.equal(providers[1]?.uiConfig?.buttonDisplayName, 'Google');
    assert.equal('uiConfig' in (providers[2] ?? {}), false);
    assert.ok(action.kind === 'send' && action.callbacks[0]?.output.some((output) => output.name === 'value' && output.value === ''));
  });

  it('leaves through socialAuthentication with the chosen provider in shared state, or localAuthentication; asks again for anything else', async () => {
    const { services } = await socialServices();
    const answer = (value: string) => [{ type: 'SelectIdPCallback', output: [], inputs: { '': value } }];
    const social = await runNode(selectIdPNode, { services, callbacks: answer('google') });
    assert.deepEqual(social.action, { kind: 'goTo', outcome: 'socialAuthentication' });
    assert.equal(social.state.shared.selectedIdp, 'google');
    const local = await runNode(selectIdPNode, { services, callbacks: answer('localAuthentication') });
    assert.deepEqual(local.action, { kind: 'goTo', outcome: 'localAuthentication' });
    for (const value of ['apple', 'nobody', '']) assert.equal((await runNode(selectIdPNode, { services, callbacks: answer(value) })).action.kind, 'send', value);
  });

  it('filteredProviders narrows the list; a single option is taken without asking', async () => {
    const { services } = await socialServices();
    const { action, state } = await runNode(selectIdPNode, { services, config: { filteredProviders: ['github'], includeLocalAuthentication: false } });
    assert.deepEqual(action, { kind: 'goTo', outcome: 'socialAuthentication' });
    assert.equal(state.shared.selectedIdp, 'github');
  });

  it('offerOnlyExisting offers the providers the user is linked to, and local sign-in when they have a password', async () => {
    const { services } = await socialServices();
    const { action } = await runNode(selectIdPNode, { services, config: { offerOnlyExisting: true }, shared: { objectAttributes: { mail: 'ann@example.com' } } });
    assert.deepEqual((offered(action) as { provider: string }[]).map((entry) => entry.provider), ['google', 'localAuthentication']);
  });

  it('in a realm with no provider enabled, local sign-in is taken at once: no callback, localAuthentication (what the default Login relies on)', async () => {
    const { services, logged } = await socialServices();
    for (const callbacks of [undefined, []]) {
      const { action, state } = await runNode(selectIdPNode, { services, request: { realm: '/bravo' }, ...(callbacks === undefined ? {} : { callbacks }) });
      assert.deepEqual(action, { kind: 'goTo', outcome: 'localAuthentication' });
      assert.equal(state.shared.selectedIdp, 'localAuthentication');
    }
    assert.deepEqual(logged, []);
  });

  it('with nothing to offer the journey fails, saying why in the log', async () => {
    const { services, logged } = await socialServices();
    const { action } = await runNode(selectIdPNode, { services, config: { offerOnlyExisting: true, includeLocalAuthentication: false }, shared: { objectAttributes: { mail: 'nobody@example.com' } } });
    assert.deepEqual(action, { kind: 'fail' });
    assert.equal(logged[0]?.code, 'NO_PROVIDER_OFFERED');
  });
});
