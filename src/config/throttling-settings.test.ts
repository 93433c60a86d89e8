import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRealmConfig } from './realm-config.ts';
import { DEFAULT_THROTTLING, throttlingOf } from './throttling-settings.ts';

describe('throttlingOf', () => {
  it('is the defaults for a realm stored without throttling, and new realms carry them', () => {
    assert.deepEqual(defaultRealmConfig('alpha').throttling, DEFAULT_THROTTLING);
    assert.deepEqual(throttlingOf({}), { clientFailures: 30, clientWindowSeconds: 60, administratorFailures: 5, administratorWindowMinutes: 15 });
  });

  it('keeps the values given, 0 included (no throttling), and replaces unusable ones by their default', () => {
    assert.deepEqual(throttlingOf({ throttling: { clientFailures: 0, clientWindowSeconds: 10, administratorFailures: 3, administratorWindowMinutes: 1 } }), {
      clientFailures: 0,
      clientWindowSeconds: 10,
      administratorFailures: 3,
      administratorWindowMinutes: 1,
    });
    const broken = JSON.parse('{"clientFailures":"many","clientWindowSeconds":0,"administratorFailures":-1,"administratorWindowMinutes":null}');
    assert.deepEqual(throttlingOf({ throttling: broken }), DEFAULT_THROTTLING);
  });
});
