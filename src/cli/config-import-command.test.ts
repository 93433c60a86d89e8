/** `arbor config import`: usage errors exit 2 before opening the store, --help answers the usage, unreadable inputs are one line and exit 2. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configExportCommand } from './config-export-command.ts';
import { configImportCommand as command } from './config-import-command.ts';
import { assertUsageErrors, useUsersCliFixture } from './users-cli-testing.ts';

describe('arbor config import', () => {
  const fixture = useUsersCliFixture();

  it('exits 2 for usage errors, without opening the store, and answers --help', async () => {
    await assertUsageErrors(fixture(), command, {
      '': 'arbor config import: name one directory',
      'a b': 'arbor config import: name one directory',
      'a --bogus': 'arbor config import: unknown option --bogus',
      'a --secrets': 'arbor config import: --secrets needs a value',
      'a --prune=yes': 'arbor config import: --prune takes no value',
      'a --realm ': 'arbor config import: --realm needs a realm name (alpha, /alpha or / for root)',
    }, '-h');
  });

  it('exits 2 with one line for a directory that cannot be read', async () => {
    const missing = join(fixture().dir, 'missing');
    const run = await fixture().run(command, [missing]);
    assert.equal(run.code, 2);
    assert.equal(run.opened(), 0);
    assert.equal(run.err.length, 1);
    assert.ok(run.err[0]?.startsWith(`arbor config import: ${missing}: cannot be read: ENOENT`), run.err[0]);
  });

  it('exits 2 with one line for a bad --secrets file, without echoing its content', async () => {
    const dir = join(fixture().dir, 'export');
    assert.equal((await fixture().run(configExportCommand, [dir])).code, 0);
    const secrets = await fixture().file('secrets.json', '{"global/email/auth.password": hunter2}');
    const run = await fixture().run(command, [dir, '--secrets', secrets]);
    assert.equal(run.code, 2);
    assert.deepEqual(run.err, [`arbor config import: ${secrets}: not JSON`]);
    assert.equal(run.opened(), 0);
  });

  it('imports its own export with nothing to change', async () => {
    const dir = join(fixture().dir, 'same');
    assert.equal((await fixture().run(configExportCommand, [dir])).code, 0);
    const run = await fixture().run(command, [dir]);
    assert.deepEqual([run.code, run.out, run.err], [0, [], ['nothing to change']]);
    assert.deepEqual([run.opened(), run.closed()], [1, 1]);
  });
});
