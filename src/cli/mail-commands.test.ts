/**
 * `arbor mail list` and `arbor mail show`, in-process, on a SQLite store in a temporary data
 * directory; bodies sealed with the master key in `ARBOR_MASTER_KEY`, as the server seals them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMasterKeyText, decodeMasterKey } from '../secrets/master-key.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { createEmailSecrets } from '../selfservice/email/email-secrets.ts';
import { openStore } from '../store/open-store.ts';
import type { CliContext } from './command.ts';
import { mailListCommand } from './mail-list-command.ts';
import { mailShowCommand } from './mail-show-command.ts';
import { runCli } from '../main.ts';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);
const MASTER_KEY = generateMasterKeyText();
const secrets = createEmailSecrets(createSecretSealer(decodeMasterKey(MASTER_KEY, 'test')));

describe('arbor mail list / show', () => {
  let dataDir: string;
  const ids: Record<string, string> = {};

  const run = async (args: string[], env: Record<string, string> = { ARBOR_MASTER_KEY: MASTER_KEY }) => {
    const out: string[] = [];
    const err: string[] = [];
    const ctx: CliContext = { env: { ARBOR_DATA_DIR: dataDir, ...env }, out: (l) => out.push(l), err: (l) => err.push(l), openStore: () => openStore({ dataDir }) };
    const code = await runCli(args, ctx);
    return { code, out, err };
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arbor-mail-cli-'));
    const store = await openStore({ dataDir });
    const mail = { from: 'noreply@arbor.test', to: ['ann@example.com'], cc: [], bcc: [], subject: 'Reset your password', text: 'Choose a new password (https://id.test/x)', html: '<p><a href="https://id.test/x">Choose a new password</a></p>' };
    const { html: _html, ...plain } = mail;
    ids.pending = (await store.outbox.enqueue(secrets.sealMessage({ ...plain, to: ['bob@example.com', 'bo@example.com'], cc: ['c@example.com'], subject: 'Plain', text: 'Hello' }), { status: 'pending', now: T0 })).id;
    const [claimed] = await store.outbox.claim({ now: T0, limit: 1, leaseMs: 60_000 });
    assert.equal(claimed?.id, ids.pending);
    await store.outbox.markRetry(claimed.id, claimed.lease, { now: T0 + 2000, nextAttemptAt: T0 + 62_000, error: 'connect ECONNREFUSED 127.0.0.1:25' });
    ids.stored = (await store.outbox.enqueue(secrets.sealMessage(mail), { status: 'stored', now: T0 + 1000, template: 'resetPassword', locale: 'en' })).id;

    await store.close();
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('lists newest first, one tab-separated line per message, the count on stderr', async () => {
    const { code, out, err } = await run(['mail', 'list']);
    assert.equal(code, 0);
    assert.deepEqual(out, [
      `${ids.stored}\tstored\t2025-01-02T03:04:06.000Z\tann@example.com\tReset your password\tattempts=0\tkept: no SMTP server configured`,
      `${ids.pending}\tpending\t2025-01-02T03:04:05.000Z\tbob@example.com, bo@example.com\tPlain\tattempts=1\tnext attempt 2025-01-02T03:05:07.000Z; error: connect ECONNREFUSED 127.0.0.1:25`,
    ]);
    assert.deepEqual(err, ['2 messages']);
  });

  it('filters by status, limits, and prints JSON lines', async () => {
    assert.deepEqual((await run(['mail', 'list', '--status', 'stored'])).out.map((l) => l.split('\t')[0]), [ids.stored]);
    assert.deepEqual((await run(['mail', 'list', '--status', 'sent'])).err, ['0 messages sent']);
    assert.equal((await run(['mail', 'list', '--limit', '1'])).out.length, 1);
    const json = (await run(['mail', 'list', '--json', '--status', 'pending'])).out.map((l) => JSON.parse(l) as { id: string; lastError: string });
    assert.deepEqual(json.map((m) => [m.id, m.lastError]), [[ids.pending, 'connect ECONNREFUSED 127.0.0.1:25']]);
  });

  it('refuses a bad status or limit with exit code 2', async () => {
    const bad = await run(['mail', 'list', '--status', 'lost']);
    assert.equal(bad.code, 2);
    assert.match(bad.err.join('\n'), /--status must be one of stored, pending, sent, failed/);
    assert.equal((await run(['mail', 'list', '--limit', '0'])).code, 2);
    assert.equal((await run(['mail', 'list', '--nope'])).code, 2);
  });

  it('shows a message: delivery facts, headers, a blank line and the text body; --html the HTML', async () => {
    const { code, out } = await run(['mail', 'show', ids.stored ?? '']);
    assert.equal(code, 0);
    assert.deepEqual(out, [
      `Id: ${ids.stored}`,
      'Status: stored',
      'Created: 2025-01-02T03:04:06.000Z',
      'Attempts: 0',
      'Next attempt: 2025-01-02T03:04:06.000Z',
      'Template: resetPassword (en)',
      'From: noreply@arbor.test',
      'To: ann@example.com',
      'Subject: Reset your password',
      'Content-Type: text/html (with a text/plain alternative)',
      '',
      'Choose a new password (https://id.test/x)',
    ]);
    assert.equal((await run(['mail', 'show', ids.stored ?? '', '--html'])).out.at(-1), '<p><a href="https://id.test/x">Choose a new password</a></p>');
    const pending = await run(['mail', 'show', ids.pending ?? '']);
    assert.ok(pending.out.includes('Last error: connect ECONNREFUSED 127.0.0.1:25'));
    assert.ok(pending.out.includes('Cc: c@example.com'));
    assert.ok(pending.out.includes('Content-Type: text/plain'));
  });

  it('says a sent message’s body is no longer kept: only its headers remain', async () => {
    const store = await openStore({ dataDir });
    const delivered = { from: 'noreply@arbor.test', to: ['ann@example.com'], cc: [], bcc: [], subject: 'Delivered', text: 'Choose (https://id.test/x)', html: '<p><a href="https://id.test/x">Choose</a></p>' };
    ids.sent = (await store.outbox.enqueue(secrets.sealMessage(delivered), { status: 'pending', now: T0 - 1000 })).id;
    const [delivering] = await store.outbox.claim({ now: T0 + 3000, limit: 1, leaseMs: 60_000 });
    assert.equal(delivering?.id, ids.sent);
    await store.outbox.markSent(delivering.id, delivering.lease, T0 + 4000);
    await store.close();
    const { code, out } = await run(['mail', 'show', ids.sent ?? '']);
    assert.equal(code, 0);
    assert.deepEqual(out.slice(-3), [
      'Content-Type: text/html (with a text/plain alternative)',
      '',
      '(The body is no longer kept: Arbor drops it, with its links, once a message is sent. The headers above are all the outbox keeps.)',
    ]);
    assert.ok(out.includes('Sent: 2025-01-02T03:04:09.000Z'));
    assert.ok(!out.join('\n').includes('https://id.test/x'));
  });

  it('needs the master key for a body still kept, and says so; the wrong key is refused', async () => {
    const keyless = await run(['mail', 'show', ids.stored ?? ''], {});
    assert.equal(keyless.code, 1);
    assert.match(keyless.err.join('\n'), /sealed with the master key, which is not here: set ARBOR_MASTER_KEY/);
    const wrong = await run(['mail', 'show', ids.stored ?? ''], { ARBOR_MASTER_KEY: generateMasterKeyText() });
    assert.equal(wrong.code, 1);
    assert.match(wrong.err.join('\n'), /sealed with another master key/);
    assert.ok(!wrong.out.join('\n').includes('https://id.test/x'));
  });

  it('exits 1 for an unknown id or --html on a plain message, 2 without an id', async () => {
    const unknown = await run(['mail', 'show', 'nope']);
    assert.deepEqual([unknown.code, unknown.err], [1, ['arbor mail show: no message nope in the outbox']]);
    assert.equal((await run(['mail', 'show', ids.pending ?? '', '--html'])).code, 1);
    assert.equal((await run(['mail', 'show'])).code, 2);
    assert.equal((await run(['mail', 'show', 'a', 'b'])).code, 2);
  });

  it('are registered, with help', async () => {
    const help = await run(['--help']);
    assert.match(help.out.join('\n'), /mail list +List the email outbox/);
    assert.match(help.out.join('\n'), /mail show +Print one outbox message/);
    assert.equal((await run(['mail', 'show', '--help'])).out[0], mailShowCommand.usage);
    assert.equal((await run(['mail', 'list', '-h'])).out[0], mailListCommand.usage);
  });
});
