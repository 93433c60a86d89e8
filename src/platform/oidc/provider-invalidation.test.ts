/**
 * What drops a realm's provider besides the platform's invalidations: a written client of the
 * realm, every client after a lost connection, and a client with a scope the provider does not
 * know (once per 30 seconds per realm); the platform's own invalidations pass through unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCacheInvalidation, EVERY_KEY } from '../../cache/cache-invalidation.ts';
import { providerInvalidation, realmOfClientDocument } from './provider-invalidation.ts';

function setUp(): { platform: ReturnType<typeof createCacheInvalidation>; heard: string[]; clock: { ms: number; now(): number }; drops: ReturnType<typeof providerInvalidation> } {
  const platform = createCacheInvalidation();
  const clock = { ms: 1_000_000, now: () => clock.ms };
  const drops = providerInvalidation(platform, clock);
  const heard: string[] = [];
  drops.invalidation.subscribe((kind, key) => void heard.push(`${kind} ${key}`));
  return { platform, heard, clock, drops };
}

describe('providerInvalidation', () => {
  it('reads the realm of a client document, and nothing else', () => {
    assert.equal(realmOfClientDocument('realm/alpha/oauth2Clients/shop'), 'alpha');
    assert.equal(realmOfClientDocument('realm/root/oauth2Clients/a.b'), 'root');
    for (const id of ['oauth2-provider/alpha', 'realm/alpha/oauth2Clients/', 'realm//oauth2Clients/x', 'realm/alpha/social/x', 'realm/alpha/oauth2Clients/x/y', 'x/realm/alpha/oauth2Clients/y']) {
      assert.equal(realmOfClientDocument(id), undefined, id);
    }
  });

  it('passes the platform’s invalidations on, and drops the realm’s provider when one of its clients is written', () => {
    const { platform, heard } = setUp();
    platform.invalidate('keys', 'alpha');
    platform.invalidate('config', 'oauth2-provider/alpha');
    platform.invalidate('config', 'realm/alpha/oauth2Clients/shop');
    platform.invalidate('config', EVERY_KEY);
    assert.deepEqual(heard, ['keys alpha', 'config oauth2-provider/alpha', 'config realm/alpha/oauth2Clients/shop', 'realm alpha', `config ${EVERY_KEY}`, `realm ${EVERY_KEY}`]);
  });

  it('drops a provider for a scope it does not know at most once every 30 seconds per realm', () => {
    const { heard, clock, drops } = setUp();
    drops.unknownScope('alpha');
    drops.unknownScope('alpha');
    drops.unknownScope('beta');
    clock.ms += 29_999;
    drops.unknownScope('alpha');
    clock.ms += 1;
    drops.unknownScope('alpha');
    assert.deepEqual(heard, ['realm alpha', 'realm beta', 'realm alpha']);
  });
});
