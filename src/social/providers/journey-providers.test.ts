/** Providers in Frodo journey exports: imported (secrets absent or null keep what is stored), exported for the trees that use them. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { openStore } from '../../store/open-store.ts';
import { importExportProviders, providersForJourney, providersInExport } from './journey-providers.ts';
import { createSocialProviderService } from './social-provider-service.ts';

const FIXTURE = new URL('../../../test/fixtures/social/frodo-test-providers.json', import.meta.url);

function journeyWith(nodes: Record<string, Record<string, unknown>>): JourneyDefinition {
  const configs = Object.fromEntries(Object.entries(nodes).map(([id, config]) => [id, { _id: id, _type: { _id: String(config.type), name: '', collection: true }, ...config }]));
  return { tree: { _id: 'T', entryNodeId: Object.keys(nodes)[0] ?? '', nodes: {}, staticNodes: {} }, nodes: configs } as unknown as JourneyDefinition;
}

describe('providers in journey exports', () => {
  it('imports a Frodo export’s providers, keeps the stored secret, refuses a custom script, and round-trips on export', async () => {
    const store = await openStore({ memory: true, clock: { now: () => Date.now() } });
    try {
      const service = createSocialProviderService({ configs: store.configs, sealer: createSecretSealer(randomBytes(32)) });
      const exported: unknown = JSON.parse(await readFile(FIXTURE, 'utf8'));
      assert.deepEqual([...providersInExport(exported).keys()], ['google', 'apple_web', 'adfs']);
      await service.put('alpha', 'googleConfig', 'google', { clientId: 'old', clientSecret: 'Stored-Secret-9', redirectURI: 'https://login.example.com/am' }, { discovery: false });
      const results = await importExportProviders(service, 'alpha', exported);
      assert.deepEqual(results.map((result) => [result.name, result.status]), [['google', 'imported'], ['apple_web', 'imported'], ['adfs', 'refused']]);
      const adfs = results[2];
      assert.match(adfs?.status === 'refused' ? adfs.reason : '', /transform: no profile normalization script with id dbe0bf9a/);
      const google = await service.providerForJourney('alpha', 'google');
      assert.equal(google?.clientId, '297338177925-mho17cgnm540s2gre8h27feb6sbs1msd.apps.googleusercontent.com');
      assert.equal(google?.clientSecret, 'Stored-Secret-9', 'the export’s null secret keeps the stored one');
      assert.equal((await service.get('alpha', 'appleConfig', 'apple_web'))?.responseMode, 'FORM_POST');

      const all = await providersForJourney(service, 'alpha', journeyWith({ a: { type: 'SelectIdPNode', filteredProviders: [] }, b: { type: 'SocialProviderHandlerNode' } }));
      assert.deepEqual(Object.keys(all).sort(), ['apple_web', 'google']);
      assert.equal('clientSecret' in (all.google ?? {}), false);
      const filtered = await providersForJourney(service, 'alpha', journeyWith({ a: { type: 'SelectIdPNode', filteredProviders: ['google'] } }));
      assert.deepEqual(Object.keys(filtered), ['google']);
      assert.deepEqual(await providersForJourney(service, 'alpha', journeyWith({ a: { type: 'UsernameCollectorNode' } })), {});

      const other = await openStore({ memory: true, clock: { now: () => Date.now() } });
      const target = createSocialProviderService({ configs: other.configs, sealer: createSecretSealer(randomBytes(32)) });
      assert.deepEqual((await importExportProviders(target, 'alpha', { socialIdentityProviders: all })).map((result) => result.status), ['imported', 'imported']);
      assert.deepEqual(await target.list('alpha'), await service.list('alpha'));
      await other.close();
    } finally {
      await store.close();
    }
  });
});
