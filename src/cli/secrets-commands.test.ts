/**
 * `arbor secrets set|list|delete` against a real SQLite data directory: the value from standard
 * input (one final line break dropped), sealed at rest and read back by the script secrets, never
 * printed; a new value a new version; the listing without values; bad ids and usage errors as one
 * line with exit 2; deleting a missing secret exit 1; the commands registered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { scriptSecretDocumentId } from '../secrets/script-secret-document.ts';
import { createScriptSecrets } from '../secrets/script-secrets.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { runCli } from './cli-main.ts';
import { secretsDeleteCommand } from './secrets-delete-command.ts';
import { secretsListCommand } from './secrets-list-command.ts';
import { createSecretsSetCommand } from './secrets-set-command.ts';
import { assertUsageErrors, useUsersCliFixture } from './users-cli-testing.ts';

const VALUE = 'Risk-API-K3y-from-stdin';

describe('arbor secrets', () => {
  const fixture = useUsersCliFixture();
  const setFrom = (input: string | Buffer) => createSecretsSetCommand({ readValue: async () => Buffer.from(input) });

  /** The stored document as text, and the value the server's secrets open. */
  async function stored(id: string): Promise<{ raw: string; value: string | undefined }> {
    const store = await fixture().openStore();
    try {
      const masterKey = await loadCheckedMasterKey({ env: { ARBOR_DATA_DIR: fixture().dir }, dataDir: fixture().dir, keys: store.keys, realms: store.realms });
      const secrets = createScriptSecrets({ configs: store.configs, sealer: createSecretSealer(masterKey.key), clock: { now: () => Date.now() } });
      return { raw: JSON.stringify(await store.configs.get(scriptSecretDocumentId(id))), value: (await secrets.value(id))?.toString('utf8') };
    } finally {
      await store.close();
    }
  }

  it('set reads the value from standard input, seals it, and never prints it; list shows metadata only', async () => {
    const created = await fixture().run(setFrom(`${VALUE}\n`), ['esv-risk-api-key', '--description', 'Risk API key']);
    assert.equal(created.code, 0, created.err.join('\n'));
    assert.deepEqual(created.out, ['created secret esv-risk-api-key, version 1']);
    const first = await stored('esv-risk-api-key');
    assert.equal(first.value, VALUE, 'one final line break dropped');
    for (const clear of [VALUE, Buffer.from(VALUE).toString('base64')]) assert.equal(first.raw.includes(clear), false, 'sealed at rest');

    const same = await fixture().run(setFrom(VALUE), ['esv-risk-api-key']);
    assert.deepEqual([same.code, same.out], [0, ['replaced secret esv-risk-api-key, version 1']], 'the same value keeps its version');
    const multiLine = '-----BEGIN KEY-----\r\nabc\r\n-----END KEY-----\r\n\r\n';
    const rotated = await fixture().run(setFrom(multiLine), ['esv-risk-api-key']);
    assert.deepEqual([rotated.code, rotated.out], [0, ['replaced secret esv-risk-api-key, version 2']]);
    assert.equal((await stored('esv-risk-api-key')).value, multiLine.slice(0, -2), 'only the final line break is dropped');

    await fixture().run(setFrom('other'), ['esv-other']);
    const listed = await fixture().run(secretsListCommand, []);
    assert.equal(listed.code, 0, listed.err.join('\n'));
    assert.deepEqual(
      listed.out.map((line) => line.split('\t').filter((_, i) => i !== 2)),
      [
        ['esv-other', '1', 'arbor CLI', '-'],
        ['esv-risk-api-key', '2', 'arbor CLI', 'Risk API key'],
      ],
      'the description is kept when a new value is set without one',
    );
    assert.match(listed.out[0]?.split('\t')[2] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(listed.err, ['2 secrets']);
    const json = await fixture().run(secretsListCommand, ['--json']);
    assert.equal(JSON.parse(json.out[1] ?? '{}').activeVersion, '2');
    const printed = [...created.out, ...created.err, ...rotated.out, ...listed.out, ...listed.err, ...json.out].join('\n');
    for (const clear of [VALUE, 'BEGIN KEY', 'sealed']) assert.equal(printed.includes(clear), false, `${clear} printed`);
  });

  it('refuses bad ids and values in one line with exit 2, and usage errors', async () => {
    const bad = await fixture().run(setFrom(VALUE), ['risk-key']);
    assert.deepEqual([bad.code, bad.err], [2, ['arbor secrets set: "risk-key" is not a secret id: esv- then lower-case letters, digits and \'-\', 124 characters at most']]);
    const empty = await fixture().run(setFrom('\n'), ['esv-empty']);
    assert.equal(empty.code, 2);
    assert.match(empty.err[0] ?? '', /read no value from standard input/);
    const large = await fixture().run(setFrom(Buffer.alloc(64 * 1024 + 1, 0x61)), ['esv-large']);
    assert.equal(large.code, 2);
    assert.match(large.err[0] ?? '', /^arbor secrets set: the value on standard input is longer than 65536 bytes$/);
    await assertUsageErrors(fixture(), setFrom(VALUE), {
      '': 'arbor secrets set: name the secret: arbor secrets set <id> < value',
      'esv-x the-value': 'arbor secrets set: name one secret: the value is read from standard input, never from the command line',
    });
    await assertUsageErrors(fixture(), secretsDeleteCommand, { '': 'arbor secrets delete: name the secret: arbor secrets delete <id>' });
    assert.equal((await fixture().run(secretsListCommand, [])).out.some((line) => /esv-(empty|large|x)\t/.test(line)), false, 'nothing written');
  });

  it('delete removes a secret; a missing one is exit 1; the commands are registered', async () => {
    const removed = await fixture().run(secretsDeleteCommand, ['esv-other']);
    assert.deepEqual([removed.code, removed.out], [0, ['deleted secret esv-other']]);
    assert.equal((await stored('esv-other')).value, undefined);
    const again = await fixture().run(secretsDeleteCommand, ['esv-other']);
    assert.deepEqual([again.code, again.err], [1, ['arbor secrets delete: no secret esv-other']]);
    const cli = fixture().context();
    assert.equal(await runCli(['secrets', 'list'], cli.ctx), 0);
    assert.deepEqual(cli.out.map((line) => line.split('\t')[0]), ['esv-risk-api-key']);
  });
});
