/**
 * The log of a running Arbor (`arbor start` with `ARBOR_LOG=true`, read from its standard output)
 * over a realistic sequence: the administrator's zero-page sign-in, users created over IDM with
 * `X-OpenIDM-Password`, self-registration, a sign-in with callbacks, session calls, a password
 * reset by email (SMTP) and a sign-in with the new password. Every line is JSON; every line of a
 * request carries its `reqId` (the caller's `X-Request-ID` when safe), a deep warning too; and no
 * password, session token, authId, suspendedId or emailed link appears anywhere in it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import { startSmtpSink, type SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import type { ArborChild } from '../helpers/start-arbor-child.ts';
import { startArborChild } from '../helpers/start-arbor-child.ts';
import { mailTo, resumeLinkOf } from '../helpers/self-service.ts';

const ADMIN_PASSWORD = 'Admin-Log-Scan-Passw0rd!';
const SMTP_PASSWORD = 'Smtp-Log-Scan-S3cret';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD, 'content-type': 'application/json' };
const AM = '/am/json/realms/root/realms/alpha';

interface WireCallback {
  type: string;
  output: { name: string; value: unknown }[];
  input?: { name: string; value: unknown }[];
}
interface Answer {
  status: number;
  json: Record<string, unknown>;
}

/** What a user types into a journey's callbacks. */
interface Typing {
  username?: string;
  password?: string;
  attributes?: Record<string, string>;
}

describe('the log of a realistic run: request ids on every line, no secret anywhere', () => {
  let arbor: ArborChild;
  let dataDir: string;
  let sink: SmtpSink;
  /** Every secret the run used or was given, to be searched for in the log. */
  const secrets = new Set<string>([ADMIN_PASSWORD, SMTP_PASSWORD]);

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-log-scan-'));
    arbor = await startArborChild({ ARBOR_DATA_DIR: dataDir, ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_LOG: 'true' });
    sink = await startSmtpSink({ credentials: { user: 'mailer', pass: SMTP_PASSWORD } });
  });
  after(async () => {
    await arbor?.stop();
    await sink?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  const call = async (method: string, target: string, headers: Record<string, string>, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${arbor.baseUrl}${target}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };

  /** Records the secrets an authenticate answer carries (authId, tokenId). */
  const keep = (answer: Answer): Answer => {
    for (const key of ['authId', 'tokenId']) if (typeof answer.json[key] === 'string') secrets.add(answer.json[key]);
    return answer;
  };

  /** Answers each step of a journey with what `typing` says until it ends or suspends; the last answer. */
  const drive = async (first: Answer, typing: Typing): Promise<Answer> => {
    let answer = keep(first);
    for (let steps = 0; steps < 8 && typeof answer.json.authId === 'string'; steps += 1) {
      const callbacks = (answer.json.callbacks ?? []) as WireCallback[];
      if (callbacks.some((callback) => callback.type === 'SuspendedTextOutputCallback')) return answer;
      const kba = { asked: 0 };
      for (const callback of callbacks) fill(callback, typing, kba);
      answer = keep(await call('POST', `${AM}/authenticate`, {}, answer.json));
    }
    return answer;
  };

  it('signs in, registers, resets a password by email and signs in again; the log holds none of it', async () => {
    // The administrator, zero-page, with a request id of the caller's.
    const admin = keep(await call('POST', '/am/json/realms/root/authenticate', { 'x-openam-username': 'amadmin', 'x-openam-password': ADMIN_PASSWORD, 'x-request-id': 'scan-signin-1' }));
    assert.equal(admin.status, 200, JSON.stringify(admin.json));
    const adminToken = String(admin.json.tokenId);
    assert.equal((await call('POST', '/am/json/realms/root/sessions?_action=validate', { cookie: `iPlanetDirectoryPro=${adminToken}` })).json.valid, true);
    // SMTP, configured with its password over IDM.
    const smtp = await call('PUT', '/openidm/config/external.email', ADMIN, {
      host: '127.0.0.1',
      port: sink.port,
      auth: { enable: true, username: 'mailer', password: SMTP_PASSWORD },
      from: 'accounts@example.be',
      starttls: { enable: false },
      ssl: { enable: false },
    });
    assert.equal(smtp.status, 200, JSON.stringify(smtp.json));
    // A user created over IDM, and one registering themselves.
    const firstPassword = 'Orchid-First-Passw0rd!';
    secrets.add(firstPassword);
    const created = await call('POST', '/openidm/managed/alpha_user?_action=create', ADMIN, { userName: 'ann.scan', givenName: 'Ann', sn: 'Scan', mail: 'ann.scan@example.com', password: firstPassword });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const registeredPassword = 'Tulip-Registered-Passw0rd!';
    secrets.add(registeredPassword);
    const registration = await drive(await call('POST', `${AM}/authenticate?authIndexType=service&authIndexValue=Registration`, {}), {
      username: 'bob.scan',
      password: registeredPassword,
      attributes: { givenName: 'Bob', sn: 'Scan', mail: 'bob.scan@example.com' },
    });
    assert.equal(typeof registration.json.successUrl, 'string', JSON.stringify(registration.json));
    // Ann signs in with callbacks, then checks who she is with her session.
    const signIn = await drive(await call('POST', `${AM}/authenticate?authIndexType=service&authIndexValue=Login`, {}), { username: 'ann.scan', password: firstPassword });
    assert.equal(typeof signIn.json.tokenId, 'string', JSON.stringify(signIn.json));
    await call('POST', `${AM}/users?_action=idFromSession`, { cookie: `iPlanetDirectoryPro=${String(signIn.json.tokenId)}` });
    await call('GET', '/openidm/info/login', { cookie: `iPlanetDirectoryPro=${String(signIn.json.tokenId)}` });
    // Ann forgets her password: the emailed link resumes into the new-password page.
    const suspended = await drive(await call('POST', `${AM}/authenticate?authIndexType=service&authIndexValue=ResetPassword`, {}), { attributes: { mail: 'ann.scan@example.com' } });
    assert.ok(JSON.stringify(suspended.json).includes('SuspendedTextOutputCallback'), JSON.stringify(suspended.json));
    const deadline = Date.now() + 20_000;
    while (mailTo(sink, 'ann.scan@example.com').length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const [mail] = mailTo(sink, 'ann.scan@example.com');
    assert.ok(mail !== undefined, 'the reset email arrived');
    const link = resumeLinkOf(mail);
    const suspendedId = link.searchParams.get('suspendedId') ?? '';
    secrets.add(suspendedId);
    const newPassword = 'Maple-Second-Passw0rd!';
    secrets.add(newPassword);
    const reset = await drive(await call('POST', `${AM}/authenticate?authIndexType=service&authIndexValue=ResetPassword&suspendedId=${encodeURIComponent(suspendedId)}`, {}), { password: newPassword });
    assert.equal(typeof reset.json.successUrl, 'string', JSON.stringify(reset.json));
    const again = keep(await call('POST', `${AM}/authenticate`, { 'x-openam-username': 'ann.scan', 'x-openam-password': newPassword }));
    assert.equal(typeof again.json.tokenId, 'string', JSON.stringify(again.json));
    // IDM with the user's own password headers, and a wrong one.
    await call('GET', '/openidm/info/login', { 'x-openidm-username': 'ann.scan', 'x-openidm-password': newPassword });
    await call('GET', '/openidm/info/login', { 'x-openidm-username': 'ann.scan', 'x-openidm-password': 'Wrong-Guess-Passw0rd!' });
    secrets.add('Wrong-Guess-Passw0rd!');
    await call('POST', '/am/json/realms/root/sessions?_action=logout', { cookie: `iPlanetDirectoryPro=${adminToken}` });

    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = arbor.output();
    const lines = log.split('\n').filter((line) => line.startsWith('{'));
    assert.ok(lines.length > 20, `the run was logged:\n${log}`);
    for (const secret of secrets) {
      assert.ok(secret.length >= 8, 'a secret worth searching for');
      assert.ok(!log.includes(secret), `a secret is in the log:\n${log.split('\n').filter((line) => line.includes(secret)).join('\n')}`);
    }
    assert.ok(!log.includes(link.toString()), 'the emailed link is not logged');

    // The administrator's sign-in: its lines carry the caller's request id, as the answer named it.
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string; req?: { url?: string } });
    const signInLines = entries.filter((entry) => entry.reqId === 'scan-signin-1');
    assert.deepEqual(signInLines.map((entry) => entry.msg), ['incoming request', 'request completed']);
    assert.equal(signInLines[0]?.req?.url, '/am/json/realms/root/authenticate');
    // Every line written during a request names one.
    const requestLines = entries.filter((entry) => entry.msg === 'incoming request' || entry.msg === 'request completed');
    assert.ok(requestLines.every((entry) => typeof entry.reqId === 'string' && entry.reqId !== ''));
  });
});

/** Fills one callback the way a person would, from `typing`. */
function fill(callback: WireCallback, typing: Typing, kba: { asked: number }): void {
  const input = callback.input ?? [];
  const output = (name: string): unknown => callback.output.find((entry) => entry.name === name)?.value;
  const set = (index: number, value: unknown): void => {
    const field = input[index];
    if (field !== undefined) field.value = value;
  };
  switch (callback.type) {
    case 'NameCallback':
    case 'ValidatedCreateUsernameCallback':
      if (typing.username !== undefined) set(0, typing.username);
      break;
    case 'PasswordCallback':
    case 'ValidatedCreatePasswordCallback':
      if (typing.password !== undefined) set(0, typing.password);
      break;
    case 'StringAttributeInputCallback': {
      const value = typing.attributes?.[String(output('name'))];
      if (value !== undefined) set(0, value);
      break;
    }
    case 'BooleanAttributeInputCallback':
    case 'TermsAndConditionsCallback':
      set(0, true);
      break;
    case 'KbaCreateCallback': {
      const questions = output('predefinedQuestions');
      // Each security question of a page a different one.
      const question: unknown = Array.isArray(questions) ? questions[kba.asked] : undefined;
      set(0, typeof question === 'string' ? question : `My own question number ${kba.asked}?`);
      set(1, `a long answer number ${kba.asked}`);
      kba.asked += 1;
      break;
    }
    default:
      break;
  }
}
