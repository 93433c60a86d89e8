import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCliError } from './cli-error.ts';
import { realmOption } from './realm-option.ts';

describe('realmOption', () => {
  it('reads a realm as the server reads realm paths, keeping its case', () => {
    const cases: Record<string, string> = {
      alpha: 'alpha',
      '/alpha': 'alpha',
      'alpha/': 'alpha',
      'root/alpha': 'alpha',
      '/root/alpha': 'alpha',
      'root/realms/alpha': 'alpha',
      '/root/realms/alpha/realms/sub': 'alpha/sub',
      '/alpha/sub': 'alpha/sub',
      root: 'root',
      '/root': 'root',
      '/': 'root',
      Alpha: 'Alpha',
    };
    for (const [raw, name] of Object.entries(cases)) assert.equal(realmOption(raw), name, raw);
  });

  it('refuses an empty or malformed realm as a usage error', () => {
    for (const raw of ['', '  ', 'al pha', 'alpha.beta', '/alpha/../root']) {
      assert.throws(() => realmOption(raw), (error) => isCliError(error, 'USAGE') && error.exitCode === 2, raw);
    }
  });
});
