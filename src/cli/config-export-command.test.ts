/** `arbor config export`: usage errors exit 2 before opening the store, --help answers the usage, an unwritable directory is one line and exit 2. */
import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configExportCommand as command } from './config-export-command.ts';
import { assertUsageErrors, useUsersCliFixture } from './users-cli-testing.ts';

describe('arbor config export', () => {
  const fixture = useUsersCliFixture();

  it('exits 2 for usage errors, without opening the store, and answers --help', async () => {
    await assertUsageErrors(fixture(), command, {
      '': 'arbor config export: name one directory',
      'a b': 'arbor config export: name one directory',
      'a --bogus': 'arbor config export: unknown option --bogus',
      'a --realm': 'arbor config export: --realm needs a value',
      'a --global=yes': 'arbor config export: --global takes no value',
      'a --realm a.b': 'arbor config export: --realm "a.b" is not a realm name: a realm name has letters, digits, - and _ only',
    });
  });

  it('exits 2 with one line for an unknown realm', async () => {
    const run = await fixture().run(command, [join(fixture().dir, 'out'), '--realm', 'nosuch']);
    assert.equal(run.code, 2);
    assert.deepEqual(run.err, ['arbor config export: realm /nosuch does not exist (the realms are alpha (/alpha), root (/))']);
    assert.deepEqual([run.opened(), run.closed()], [1, 1]);
  });

  it('exits 2 with one line when the directory cannot be written (a symbolic link inside it)', async () => {
    const dir = join(fixture().dir, 'linked');
    await mkdir(dir);
    await symlink(fixture().dir, join(dir, 'journeys'));
    const run = await fixture().run(command, [dir]);
    assert.equal(run.code, 2);
    assert.equal(run.err.length, 1, run.err.join('\n'));
    assert.match(run.err[0] ?? '', /^arbor config export: .*linked: cannot be written: journeys\/.*: passes through a symbolic link: refused$/);
  });

  it('writes the realm and the global documents, saying how many files', async () => {
    const dir = join(fixture().dir, 'export');
    const run = await fixture().run(command, [dir]);
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.match(run.err.join('\n'), new RegExp(`^wrote \\d+ files to ${dir.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });
});
