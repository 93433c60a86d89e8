/**
 * `arbor users import` at scale against a running Arbor: 100,000 users with one pre-hashed
 * (bcrypt) password and a handful of bad lines, imported through the CLI while the server runs;
 * the rejects come with their line numbers, and imported users sign in over HTTP through the
 * alpha Login journey, which upgrades their hash to argon2id (and, since an import carries no
 * accepted terms, asks them to accept the active terms once).
 */
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const LINES = 100_000;
const PASSWORD = 'Imported-Passw0rd';
const ADMIN_PASSWORD = 'Admin-Passw0rd!';
/** The deliberately bad lines, by line number, and what the import must say about each. */
const BAD: Readonly<Record<number, { text: string; reasons: string }>> = {
  17: { text: JSON.stringify({ userName: 'bad-mail', givenName: 'Bad', sn: 'Mail', mail: 'not-an-email' }), reasons: 'mail: VALID_EMAIL_ADDRESS_FORMAT' },
  4_242: { text: JSON.stringify({ userName: 'no-surname', givenName: 'No', mail: 'no-surname@example.com' }), reasons: 'sn: REQUIRED' },
  50_001: { text: JSON.stringify({ userName: 'USER00003', givenName: 'Dup', sn: 'Licate', mail: 'dup@example.com' }), reasons: 'userName: UNIQUE' },
  99_999: { text: '{"userName": "broken", "mail": ', reasons: 'malformed JSON: ' },
};

function userLine(line: number, hash: string): string {
  const name = `user${String(line).padStart(5, '0')}`;
  return JSON.stringify({ userName: name, givenName: 'Given', sn: `Sn${line}`, mail: `${name}@example.com`, passwordHash: hash });
}

async function writeUsers(path: string, hash: string): Promise<void> {
  const out = createWriteStream(path);
  for (let line = 1; line <= LINES; line += 1) {
    if (!out.write(`${BAD[line]?.text ?? userLine(line, hash)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function signIn(server: TestServer, username: string, password: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0', 'x-openam-username': username, 'x-openam-password': password },
    body: '{}',
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Answers the Login journey's terms step (one TermsAndConditionsCallback) with the terms accepted. */
async function acceptTerms(server: TestServer, step: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const callbacks = step.callbacks as { type: string; input: { value: unknown }[] }[];
  assert.deepEqual(callbacks.map((callback) => callback.type), ['TermsAndConditionsCallback'], JSON.stringify(step));
  const [input] = callbacks[0]?.input ?? [];
  assert.ok(input !== undefined);
  input.value = true;
  const response = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
    body: JSON.stringify(step),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * The import runs while the module loads, before node:test starts running tests: once it runs
 * them it tracks every asynchronous resource a test creates, which doubles the cost of the
 * import's million awaits (about 100 s instead of 50 s on a 2-CPU machine).
 */
const dir = await mkdtemp(join(tmpdir(), 'arbor-users-import-'));
await writeUsers(join(dir, 'users.jsonl'), bcrypt.hashSync(PASSWORD, 10));
const server: TestServer = await startTestServer({ env: { ARBOR_DATA_DIR: join(dir, 'data'), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD } });
let imported: { code: number; out: string; err: string };
try {
  imported = await server.cli(['users', 'import', join(dir, 'users.jsonl'), '--realm', 'alpha', '--batch', '1000']);
} catch (error) {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  throw error;
}

describe('arbor users import: 100,000 users into a running Arbor', () => {
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports progress on stderr, each bad line with its number and reasons, and a summary; exits 1', () => {
    assert.equal(imported.code, 1, imported.err);
    const progress = imported.err.trim().split('\n');
    assert.ok(progress.length >= 10, progress.join('\n'));
    for (const line of progress) assert.match(line, /^imported [\d,]+ \/ rejected \d \([\d,]+ users\/s\)$/);
    // After 10,000 records: lines 17 and 4,242 rejected, nine full batches of 1,000 written.
    assert.equal(progress[0]?.replace(/ \(.*/, ''), 'imported 9,000 / rejected 2');
    assert.equal(progress.at(-1)?.replace(/ \(.*/, ''), 'imported 99,996 / rejected 4');
    const out = imported.out.trim().split('\n');
    assert.equal(out.length, 5);
    assert.deepEqual(out.slice(0, 4).map((line) => line.replace(/^(line \d+: malformed JSON: ).*/, '$1')), Object.entries(BAD).map(([line, bad]) => `line ${line}: ${bad.reasons}`));
    assert.match(out[4] ?? '', /^imported 99,996 users into realm alpha, rejected 4 of 100,000 records in [\d.]+ s \([\d,]+ users\/s\)$/);
  });

  it('stores every good line', async () => {
    const listed = await server.cli(['user', 'list', '--realm', 'alpha', '--limit', '1']);
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.err, /^1 of 99996 users in realm alpha$/m);
  });

  it('imported users sign in through the alpha Login journey, which upgrades their bcrypt hash to argon2id', async () => {
    const store = await openPlatformStore(loadServerSettings({ ARBOR_DATA_DIR: join(dir, 'data'), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD }, dir), () => undefined);
    const storedHash = async (name: string) => String((await store.managedObjects.findByAttribute('alpha_user', 'userName', name, 1))[0]?.data.password);
    try {
      for (const name of ['user00001', 'user99998']) {
        assert.match(await storedHash(name), /^\$2b\$10\$/);
        const wrong = await signIn(server, name, 'Wrong-Passw0rd');
        assert.equal(wrong.status, 401);
        assert.match(await storedHash(name), /^\$2b\$10\$/, 'a failed sign-in changes nothing');
        // The password is verified (and its hash upgraded); an imported user has accepted no terms yet, so the terms step follows.
        const terms = await signIn(server, name, PASSWORD);
        assert.equal(terms.status, 200, JSON.stringify(terms.body));
        assert.equal(terms.body.header, 'Terms and Conditions', JSON.stringify(terms.body));
        assert.match(await storedHash(name), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        const success = await acceptTerms(server, terms.body);
        assert.equal(success.status, 200, JSON.stringify(success.body));
        assert.equal(typeof success.body.tokenId, 'string');
        const again = await signIn(server, name, PASSWORD);
        assert.equal(typeof again.body.tokenId, 'string', `the upgraded hash verifies and the terms are not asked again: ${JSON.stringify(again.body)}`);
      }
      assert.match(await storedHash('user00002'), /^\$2b\$10\$/, 'users who did not sign in keep their imported hash');
    } finally {
      await store.close();
    }
  });
});
