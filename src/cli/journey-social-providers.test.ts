/**
 * Social identity providers travel with journeys through the CLI, on a real SQLite data directory:
 * `arbor journey import` stores a Frodo export's `socialIdentityProviders` (secret sealed with the
 * master key, never printed, no longer listed as ignored), `arbor journey export` puts the
 * providers a tree offers back into its `socialIdentityProviders` without the secret, and that
 * export imports into another realm as it was.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { anyNode, defineNode } from '../journeys/engine/define-node.ts';
import { builtinNodes, createNodeRegistry } from '../journeys/nodes/registry.ts';
import { buildJourney, S } from '../journeys/trees/testing/build-journey.ts';
import { exportJourneys } from '../journeys/trees/export-journeys.ts';
import { createSocialProviderService } from '../social/providers/social-provider-service.ts';
import { journeyExportCommand } from './journey-export-command.ts';
import { createJourneyImportCommand } from './journey-import-command.ts';
import { readSecretSealer } from './read-secret-sealer.ts';
import { useUsersCliFixture } from './users-cli-testing.ts';

/** A Select Identity Provider node type as trees name it (the tree test's own: only its config matters here). */
const selectIdp = anyNode(
  defineNode({
  type: 'SelectIdPNode',
  displayName: 'Select Identity Provider',
  category: 'social',
  description: 'tree test node type',
  config: Type.Object({ filteredProviders: Type.Array(Type.String(), { default: [] }) }),
  outcomes: ['socialAuthentication', 'localAuthentication'],
  process: () => ({ kind: 'goTo', outcome: 'localAuthentication' }),
  }),
);
const importCommand = createJourneyImportCommand({ registry: createNodeRegistry([...builtinNodes, selectIdp]) });

const SECRET = 'Import-Secret-7q';

function frodoWithProviders(): Record<string, unknown> {
  const journey = buildJourney('SocialPick', 'pick', { pick: { type: 'SelectIdPNode', connections: { socialAuthentication: S, localAuthentication: S }, config: { filteredProviders: ['google'] } } });
  const frodo = exportJourneys([journey], { format: 'frodo' });
  const tree = frodo.trees.SocialPick;
  assert.ok(tree);
  tree.socialIdentityProviders = {
    google: { _id: 'google', _type: { _id: 'googleConfig', name: 'Client configuration for Google.', collection: true }, clientId: 'pick-client', clientSecret: SECRET, redirectURI: 'https://login.example.com/am', enabled: true },
    github: { _id: 'github', _type: { _id: 'gitHubConfig', name: 'Client configuration for GitHub.', collection: true }, clientId: 'gh-client', clientSecret: null, redirectURI: 'https://login.example.com/am', enabled: true },
  };
  return { ...frodo };
}

describe('arbor journey import/export with social identity providers', () => {
  const fixture = useUsersCliFixture();

  it('import stores the providers, the secret sealed and never printed; export carries the tree’s providers without it; the export imports into another realm', async () => {
    const path = await fixture().file('social.json', JSON.stringify(frodoWithProviders()));
    const imported = await fixture().run(importCommand, [path]);
    assert.equal(imported.code, 0, imported.err.join('\n'));
    assert.deepEqual(imported.out, ['imported SocialPick', 'imported social provider google', 'imported social provider github']);
    assert.ok(!imported.err.some((line) => line.startsWith('ignored')), 'providers are not listed as ignored');
    assert.match(imported.err.join('\n'), /WARNING: generated a new master key/);
    assert.ok(![...imported.out, ...imported.err].join('\n').includes(SECRET), 'the secret is never printed');

    const sealer = await readSecretSealer({ ARBOR_DATA_DIR: fixture().dir });
    assert.ok(sealer, 'the import made the master key the server will use');
    const store = await fixture().openStore();
    try {
      const service = createSocialProviderService({ configs: store.configs, sealer });
      assert.equal((await service.providerForJourney('alpha', 'google'))?.clientSecret, SECRET);
      const stored = JSON.stringify(await store.configs.get('realm/alpha/socialIdentityProviders/googleConfig/google'));
      assert.ok(!stored.includes(SECRET), 'the secret is sealed at rest');
    } finally {
      await store.close();
    }

    const exported = await fixture().run(journeyExportCommand, ['SocialPick']);
    assert.equal(exported.code, 0, exported.err.join('\n'));
    const text = exported.out.join('\n');
    assert.ok(!text.includes(SECRET), 'no secret in the export');
    const json = JSON.parse(text) as { trees: Record<string, { socialIdentityProviders: Record<string, Record<string, unknown>> }> };
    const providers = json.trees.SocialPick?.socialIdentityProviders ?? {};
    assert.deepEqual(Object.keys(providers), ['google'], 'only what the tree offers (filteredProviders)');
    assert.equal(providers.google?.clientId, 'pick-client');
    assert.deepEqual(providers.google?._type, { _id: 'googleConfig', name: 'Client configuration for Google.', collection: true });
    assert.equal(Object.hasOwn(providers.google ?? {}, 'clientSecret'), false);

    const again = await fixture().file('exported.json', text);
    const intoRoot = await fixture().run(importCommand, ['--realm', 'root', again]);
    assert.equal(intoRoot.code, 0, intoRoot.err.join('\n'));
    assert.deepEqual(intoRoot.out, ['imported SocialPick', 'imported social provider google']);
    const back = await fixture().run(journeyExportCommand, ['SocialPick', '--realm', 'root']);
    assert.deepEqual(JSON.parse(back.out.join('\n')).trees.SocialPick.socialIdentityProviders, providers, 'the round trip keeps every field');

    // Importing the export back into alpha keeps alpha's stored secret (the export has none).
    assert.equal((await fixture().run(importCommand, [again])).code, 0);
    const after = await fixture().openStore();
    try {
      assert.equal((await createSocialProviderService({ configs: after.configs, sealer }).providerForJourney('alpha', 'google'))?.clientSecret, SECRET);
    } finally {
      await after.close();
    }
  });

  it('a provider the service refuses is named with its reason and the exit status is 1; the trees are imported', async () => {
    const frodo = frodoWithProviders();
    const tree = (frodo.trees as Record<string, { socialIdentityProviders: Record<string, unknown> }>).SocialPick;
    assert.ok(tree);
    tree.socialIdentityProviders = { odd: { _id: 'odd', _type: { _id: 'carrierPigeonConfig' }, clientId: 'x' } };
    const path = await fixture().file('refused.json', JSON.stringify(frodo));
    const result = await fixture().run(importCommand, ['--realm', 'root', path]);
    assert.equal(result.code, 1);
    assert.deepEqual(result.out, ['imported SocialPick', 'refused social provider odd: unknown provider type "carrierPigeonConfig"']);
  });

  it('export without social nodes writes empty socialIdentityProviders', async () => {
    // Not Login: the default Login offers every enabled provider of the realm (its Select Identity Provider node).
    const exported = await fixture().run(journeyExportCommand, ['ResetPassword']);
    assert.equal(exported.code, 0, exported.err.join('\n'));
    assert.deepEqual(JSON.parse(exported.out.join('\n')).trees.ResetPassword.socialIdentityProviders, {});
  });
});
