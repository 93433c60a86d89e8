/**
 * Email through a real SMTP server on loopback: a real Arbor server (SQLite in a temporary data
 * directory) configured over `PUT /openidm/config/external.email` by the administrator, messages
 * kept in the outbox while there is no SMTP and while the SMTP server is down, then delivered
 * once it is back and the backoff has passed on the test clock — read with mailparser and with
 * `arbor mail list|show`. The SMTP password is shown only sealed (`$crypto`), and a message's body
 * is gone from the outbox once it is sent.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliContext } from '../../src/cli/command.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { runCli } from '../../src/main.ts';
import type { Platform } from '../../src/platform/create-platform.ts';
import { createPlatform } from '../../src/platform/create-platform.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import { defaultEmailTemplates } from '../../src/selfservice/email/default-email-templates.ts';
import type { OutboxMessage } from '../../src/selfservice/email/ports.ts';
import { startSmtpSink, type SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';

const RESUME_URI = 'https://id.example.be/login?realm=%2Falpha&authIndexType=service&authIndexValue=ResetPassword&suspendedId=Zm9vYmFy';

describe('email outbox to a real SMTP server', () => {
  let dataDir: string;
  let platform: Platform;
  let baseUrl: string;
  let sink: SmtpSink;
  let cookie: string;
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  let cliContext: (out: string[]) => CliContext;

  const api = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, 'accept-api-version': 'resource=1.0', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const outbox = async (): Promise<OutboxMessage[]> => {
    const out: string[] = [];
    assert.equal(await runCli(['mail', 'list', '--json'], cliContext(out)), 0);
    return out.map((line) => JSON.parse(line) as OutboxMessage);
  };

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-e2e-mail-'));
    const env = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ARBOR_PUBLIC_URL: 'https://id.example.be' };
    const settings = loadServerSettings(env, dataDir);
    const quiet = (): void => {};
    platform = await createPlatform({ settings, store: await openPlatformStore(settings, quiet, { clock }), clock, logger: false });
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const address = platform.app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    baseUrl = `http://127.0.0.1:${address.port}`;
    cliContext = (out) => ({ env, out: (line) => out.push(line), err: () => {}, openStore: () => openPlatformStore(settings, quiet, { clock }) });
    sink = await startSmtpSink({ credentials: { user: 'mailer', pass: 'Sm7p-Secret' } });
    await sink.stop(); // the mail server is down until the test brings it back
    const signIn = await fetch(`${baseUrl}/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login`, {
      method: 'POST',
      headers: { 'x-openam-username': 'amadmin', 'x-openam-password': 'Admin-Passw0rd!', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(signIn.status, 200);
    cookie = `iPlanetDirectoryPro=${((await signIn.json()) as { tokenId: string }).tokenId}`;
  });
  after(async () => {
    await sink?.stop();
    await platform?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps mail while SMTP is unconfigured or down, and delivers it after the backoff once the server is back', async () => {
    // 1. No SMTP yet: the outbox is the destination.
    const early = await api('POST', '/openidm/external/email?_action=send', { to: 'ops@example.be', subject: 'Before SMTP', body: 'Queued before any SMTP server was configured.' });
    assert.equal(early.status, 200);
    assert.equal((await platform.mailer.runOnce()).configured, false);
    assert.deepEqual((await outbox()).map((m) => [m.message.subject, m.status]), [['Before SMTP', 'stored']]);

    // 2. The administrator configures SMTP, then saves back what GET shows (the password sealed): the password stays.
    const put = await api('PUT', '/openidm/config/external.email', { host: '127.0.0.1', port: sink.port, auth: { enable: true, username: 'mailer', password: 'Sm7p-Secret' }, from: 'accounts@example.be', starttls: { enable: false }, ssl: { enable: false }, connectiontimeout: 5000, timeout: 5000 });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    const shown = await api('GET', '/openidm/config/external.email');
    const { password, ...auth } = shown.json.auth as { password: unknown };
    assert.deepEqual(auth, { enable: true, username: 'mailer' });
    assert.match(JSON.stringify(password), /^\{"\$crypto":\{"type":"x-arbor-sealed"/);
    assert.doesNotMatch(JSON.stringify(shown.json), /Sm7p-Secret/);
    assert.equal((await api('PUT', '/openidm/config/external.email', shown.json)).status, 200);
    if ((await api('GET', '/openidm/config/emailTemplate/resetPassword')).status === 404) {
      assert.equal((await api('PUT', '/openidm/config/emailTemplate/resetPassword', defaultEmailTemplates().resetPassword)).status, 200);
    }

    // 3. A templated mail while the SMTP server is down: attempted, then pending with a next attempt.
    const queued = await api('POST', '/openidm/external/email?_action=sendTemplate', { templateName: 'resetPassword', to: 'ann@example.be', object: { userName: 'ann', resumeURI: RESUME_URI } }, { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' });
    assert.equal(queued.status, 200, JSON.stringify(queued.json));
    const failedAt = clock.now();
    await platform.mailer.runOnce();
    const waiting = await outbox();
    assert.deepEqual(waiting.map((m) => m.status), ['pending', 'pending']);
    for (const message of waiting) {
      assert.equal(message.attempts, 1);
      assert.match(message.lastError ?? '', /ECONNREFUSED/);
      assert.ok(message.nextAttemptAt >= failedAt + 60_000 && message.nextAttemptAt <= clock.now() + 60_000, 'next attempt one minute after the failure');
    }
    const listed: string[] = [];
    await runCli(['mail', 'list', '--status', 'pending'], cliContext(listed));
    assert.match(listed.join('\n'), /Réinitialisez votre mot de passe\tattempts=1\tnext attempt .*ECONNREFUSED/);

    // 4. The server is back, but the backoff has not passed: nothing is sent yet.
    await sink.restart();
    assert.equal((await platform.mailer.runOnce()).claimed, 0);
    assert.equal(sink.messages.length, 0);

    // 5. Past the backoff: both messages are delivered, authenticated with the stored password.
    offset += 2 * 60_000;
    const run = await platform.mailer.runOnce();
    assert.deepEqual([run.sent, run.retried, run.failed], [2, 0, 0]);
    assert.deepEqual(sink.logins, ['mailer', 'mailer']);
    const reset = sink.messages.find((m) => m.subject === 'Réinitialisez votre mot de passe');
    assert.ok(reset, `received: ${sink.messages.map((m) => m.subject).join(', ')}`);
    assert.equal(reset.from?.text, 'accounts@example.be');
    assert.equal((Array.isArray(reset.to) ? reset.to[0] : reset.to)?.text, 'ann@example.be');
    // Handlebars escapes `=` and `&` in the attribute; a mail client reads it back as the link.
    const href = /href="([^"]*)"/.exec(String(reset.html))?.[1]?.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    assert.equal(href, RESUME_URI);
    assert.ok(reset.text?.includes(RESUME_URI), reset.text);
    assert.ok(reset.text?.includes('Choisir un nouveau mot de passe'), reset.text);
    const early2 = sink.messages.find((m) => m.subject === 'Before SMTP');
    assert.equal(early2?.text?.trim(), 'Queued before any SMTP server was configured.');
    assert.equal(early2?.from?.text, 'noreply@id.example.be', 'the sender is fixed when the message is queued: none was configured then');

    // 6. The outbox shows them sent; `mail show` prints the headers, and says the body (with its link) is gone.
    assert.deepEqual((await outbox()).map((m) => m.status), ['sent', 'sent']);
    const id = String(queued.json.outboxId);
    const shownMail: string[] = [];
    assert.equal(await runCli(['mail', 'show', id], cliContext(shownMail)), 0);
    assert.ok(shownMail.includes('Status: sent'));
    assert.ok(shownMail.includes('Subject: Réinitialisez votre mot de passe'));
    assert.ok(shownMail.includes('Template: resetPassword (fr)'));
    assert.match(shownMail.at(-1) ?? '', /^\(The body is no longer kept: Arbor drops it, with its links, once a message is sent\./);
    assert.ok(!shownMail.join('\n').includes(RESUME_URI));
    assert.equal((await platform.mailer.runOnce()).claimed, 0, 'nothing is sent twice');
  });
});
