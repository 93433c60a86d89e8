/**
 * Rate limits and the administrator (security review, item 6), over real HTTP on SQLite,
 * PostgreSQL and Redis, with client addresses given by `X-Forwarded-For` through a trusted proxy:
 * failed credential checks are throttled per client address (429 with `Retry-After`, on the AM
 * and the IDM APIs alike, the step kept for a later retry); the administrator is never locked by
 * failures, which anyone could cause, but throttled per client address; a legitimate sign-in
 * from another address gets through a flood; password hashing is bounded (503 with `Retry-After`
 * past the queue); a lockout ends through `POST …?_action=unlock` or `arbor user unlock`; and
 * `arbor admin reset-password` gives the administrator back from the machine, ending its sessions.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { CliContext } from '../../src/cli/command.ts';
import { runCli } from '../../src/main.ts';
import type { ListeningPlatform } from '../../src/platform/testing/listening-platforms.ts';
import { LISTENING_ADMIN_PASSWORD, onEveryBackend } from '../../src/platform/testing/listening-platforms.ts';
import { cookieOf, requestJson, sessionWorks } from '../../src/http/testing/session-http.ts';
import type { Store } from '../../src/store/store.ts';
import { countingHasher } from '../helpers/counting-hasher.ts';
import { ADMIN_HEADERS, answerLogin, configureRealm, createUser, from, heldBurst, startLogin, USER_PASSWORD, zeroPage } from '../helpers/guard-http.ts';
import { fixedWindow } from '../../src/identity/fixed-window.ts';

const TOO_MANY = { code: 429, reason: 'Too Many Requests' };
const LOCKED_OUT = { code: 401, reason: 'Unauthorized', message: 'User Locked Out.', detail: { failureUrl: '' } };

/** `Retry-After` of a fetch answer, in seconds. */
async function retryAfter(url: string, init: RequestInit): Promise<{ status: number; retryAfter: number | undefined; body: unknown }> {
  const response = await fetch(url, init);
  const header = response.headers.get('retry-after');
  return { status: response.status, retryAfter: header === null ? undefined : Number(header), body: await response.json() };
}

/** Runs an `arbor` command against the platform's own store (which it must not close). */
async function cli(arbor: ListeningPlatform, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const store = new Proxy(arbor.store, { get: (target, property) => (property === 'close' ? async () => {} : Reflect.get(target, property)) }) as Store;
  const ctx: CliContext = { env: {}, out: (line) => out.push(line), err: (line) => err.push(line), openStore: async () => store };
  return { code: await runCli(args, ctx), out, err };
}

const hasher = countingHasher();

onEveryBackend(
  'throttling and the administrator',
  (platform) => {
    let arbor: ListeningPlatform;
    before(() => {
      arbor = platform();
    });
    const idmAs = (username: string, password: string, ip: string) =>
      retryAfter(`${arbor.baseUrl}/openidm/info/login`, { headers: { 'x-openidm-username': username, 'x-openidm-password': password, ...from(ip) } });

    it('anonymous failures never lock the administrator: they throttle the address they come from (429, Retry-After), no other', async () => {
      const attacker = '203.0.113.10';
      const answers = [];
      for (let attempt = 0; attempt < 8; attempt++) answers.push(await idmAs('amadmin', `guess-${attempt}`, attacker));
      assert.deepEqual(answers.slice(0, 5).map((answer) => answer.status), [401, 401, 401, 401, 401]);
      for (const answer of answers.slice(5)) {
        assert.equal(answer.status, 429);
        assert.deepEqual({ ...(answer.body as object), message: undefined }, { ...TOO_MANY, message: undefined });
        assert.ok(answer.retryAfter !== undefined && answer.retryAfter >= 1 && answer.retryAfter <= 15 * 60, `Retry-After ${answer.retryAfter}`);
      }
      const root = await zeroPage(arbor, 'root', 'amadmin', 'guess-9', from(attacker));
      assert.equal(root.status, 429, 'the root Login journey is throttled for that address too');
      assert.equal((await idmAs('amadmin', LISTENING_ADMIN_PASSWORD, attacker)).status, 429, 'even the right password, from that address');
      assert.equal((await idmAs('amadmin', LISTENING_ADMIN_PASSWORD, '192.0.2.77')).status, 200, 'the administrator is not locked: another address signs in');
      const session = await zeroPage(arbor, 'root', 'amadmin', LISTENING_ADMIN_PASSWORD, from('192.0.2.77'));
      assert.equal(typeof (session.body as { tokenId?: unknown }).tokenId, 'string', JSON.stringify(session.body));
      arbor.clock.advance(15 * 60_000);
      assert.equal((await idmAs('amadmin', LISTENING_ADMIN_PASSWORD, attacker)).status, 200, 'the address may try again after the window');
    });

    it('failed checks past the per-address limit answer 429 with Retry-After on AM and IDM; other addresses are not affected; the step survives', async () => {
      await configureRealm(arbor, 'root', { throttling: { clientFailures: 10, clientWindowSeconds: 60 } });
      // The windows are fixed minutes of the clock: start at one's beginning, so that the attempts
      // below all fall in the same one (the clock runs on from the wall clock).
      arbor.clock.advance(fixedWindow(arbor.clock.now(), 60_000).remainingMs);
      const flooder = '203.0.113.20';
      const { userName } = await createUser(arbor, 'user');
      for (let attempt = 0; attempt < 10; attempt++) assert.equal((await zeroPage(arbor, 'root', `nobody${attempt}`, 'guess', from(flooder))).status, 401);
      const step = await startLogin(arbor, 'root', from(flooder));
      const throttled = await retryAfter(`${arbor.baseUrl}/am/json/realms/root/authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from(flooder) },
        body: JSON.stringify({ authId: step.authId, callbacks: step.callbacks.map((callback, index) => ({ ...callback, input: callback.input?.map((input) => ({ ...input, value: index === 0 ? userName : USER_PASSWORD })) })) }),
      });
      assert.equal(throttled.status, 429, JSON.stringify(throttled.body));
      assert.equal((throttled.body as { code: number }).code, 429);
      assert.match((throttled.body as { message: string }).message, /Too many failed attempts from this address/);
      assert.ok(throttled.retryAfter !== undefined && throttled.retryAfter >= 1 && throttled.retryAfter <= 60);
      const idm = await idmAs(userName, USER_PASSWORD, flooder);
      assert.deepEqual([idm.status, (idm.body as { reason: string }).reason], [429, 'Too Many Requests'], 'the IDM headers answer a CREST 429');
      assert.equal((await zeroPage(arbor, 'root', userName, USER_PASSWORD, from('192.0.2.88'))).status, 200, 'another address signs in');
      arbor.clock.advance(60_000);
      const retried = await answerLogin(arbor, 'root', step, userName, USER_PASSWORD, from(flooder));
      assert.equal(typeof (retried.body as { tokenId?: unknown }).tokenId, 'string', `the same step answered again after Retry-After: ${JSON.stringify(retried.body)}`);
      await configureRealm(arbor, 'root', { throttling: { clientFailures: 30 } });
    });

    it('a legitimate sign-in from another address gets through a flood of 64 parallel attempts; the flood is refused past the limit', async () => {
      const { userName } = await createUser(arbor, 'user');
      hasher.reset();
      const flood = Array.from({ length: 64 }, (_, index) => zeroPage(arbor, 'root', `flood${index}`, 'guess', from('203.0.113.30')));
      const legit = await zeroPage(arbor, 'root', userName, USER_PASSWORD, from('192.0.2.99'));
      const flooded = await Promise.all(flood);
      assert.equal(typeof (legit.body as { tokenId?: unknown }).tokenId, 'string', JSON.stringify(legit.body));
      assert.ok(flooded.filter((reply) => reply.status === 429).length >= 64 - 30, 'the flood past 30 failures was refused');
      assert.ok(hasher.verifications() <= 31, `${hasher.verifications()} verifications`);
    });

    it('an account lockout ends with POST ?_action=unlock (administrators only) and with arbor user unlock', async () => {
      for (const how of ['rest', 'cli'] as const) {
        const { id, userName } = await createUser(arbor, 'user');
        for (let attempt = 0; attempt < 5; attempt++) await zeroPage(arbor, 'root', userName, 'wrong', from('198.51.100.40'));
        assert.deepEqual((await zeroPage(arbor, 'root', userName, USER_PASSWORD, from('198.51.100.41'))).body, LOCKED_OUT);
        if (how === 'rest') {
          const own = cookieOf(String(((await zeroPage(arbor, 'root', 'amadmin', LISTENING_ADMIN_PASSWORD, from('198.51.100.42'))).body as { tokenId: string }).tokenId));
          const unlocked = await requestJson(arbor.baseUrl, 'POST', `/openidm/managed/user/${id}?_action=unlock`, own);
          assert.equal(unlocked.status, 200, JSON.stringify(unlocked.body));
          assert.equal((unlocked.body as { userName: string }).userName, userName);
          assert.equal((await requestJson(arbor.baseUrl, 'POST', '/openidm/managed/user/nosuchid?_action=unlock', ADMIN_HEADERS)).status, 404);
        } else {
          const run = await cli(arbor, ['user', 'unlock', '--realm', 'root', '--username', userName]);
          assert.deepEqual([run.code, run.out, run.err], [0, [`unlocked ${userName} in realm root`], []]);
          assert.deepEqual((await cli(arbor, ['user', 'unlock', '--realm', 'root', '--username', 'nosuchuser'])).code, 2);
        }
        const signedIn = await zeroPage(arbor, 'root', userName, USER_PASSWORD, from('198.51.100.41'));
        assert.equal(typeof (signedIn.body as { tokenId?: unknown }).tokenId, 'string', `${how}: ${JSON.stringify(signedIn.body)}`);
        if (how === 'rest') {
          const self = cookieOf(String((signedIn.body as { tokenId: string }).tokenId));
          assert.equal((await requestJson(arbor.baseUrl, 'POST', `/openidm/managed/user/${id}?_action=unlock`, self)).status, 403, 'end users may not unlock');
        }
      }
    });

    it('arbor admin reset-password sets a new (generated or given) password, ends the administrator’s sessions, and refuses a weak one', async () => {
      const token = String(((await zeroPage(arbor, 'root', 'amadmin', LISTENING_ADMIN_PASSWORD, from('198.51.100.60'))).body as { tokenId: string }).tokenId);
      assert.ok(await sessionWorks(arbor.baseUrl, token));
      const generated = await cli(arbor, ['admin', 'reset-password']);
      assert.equal(generated.code, 0, generated.err.join('\n'));
      const password = /^Generated password for amadmin \(shown once, keep it\): (\S+)$/.exec(generated.out[0] ?? '')?.[1];
      assert.ok(password !== undefined, generated.out.join('\n'));
      assert.equal(await sessionWorks(arbor.baseUrl, token), false, 'the administrator’s sessions ended');
      assert.equal((await idmAs('amadmin', LISTENING_ADMIN_PASSWORD, '198.51.100.61')).status, 401, 'the old password no longer works');
      assert.equal((await idmAs('amadmin', password, '198.51.100.61')).status, 200);
      const weak = await cli(arbor, ['admin', 'reset-password', '--password', 'short']);
      assert.equal(weak.code, 1);
      assert.match(weak.err[0] ?? '', /^arbor admin reset-password: the password does not meet the root realm's password policy: password: MIN_LENGTH/);
      const given = await cli(arbor, ['admin', 'reset-password', '--password', LISTENING_ADMIN_PASSWORD]);
      assert.deepEqual([given.code, given.out], [0, ['reset the password of amadmin in realm root; its lockout and its sessions ended']]);
      assert.equal((await idmAs('amadmin', LISTENING_ADMIN_PASSWORD, '198.51.100.61')).status, 200);
    });
  },
  { env: { ARBOR_TRUST_PROXY: 'true' }, passwordHasher: hasher.hasher },
);

const gated = countingHasher();

onEveryBackend(
  'password hashing is bounded',
  (platform) => {
    it('past the running hashes and the queue, a sign-in is refused at once with 503 and Retry-After instead of waiting', async () => {
      const arbor = platform();
      const { userName } = await createUser(arbor, 'user');
      // One hash runs (held at the gate) and the queue holds none: the next sign-in finds no room.
      let header: string | null = null;
      const result = await heldBurst(
        gated,
        1,
        () => zeroPage(arbor, 'root', userName, 'wrong', from('192.0.2.10')),
        async () => {
          const answer = await retryAfter(`${arbor.baseUrl}/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login`, {
            method: 'POST',
            headers: { 'x-openam-username': userName, 'x-openam-password': USER_PASSWORD, ...from('192.0.2.30') },
          });
          header = answer.retryAfter === undefined ? null : String(answer.retryAfter);
          return { status: answer.status, body: answer.body };
        },
      );
      assert.equal(result.right.status, 503, JSON.stringify(result.right.body));
      assert.equal(header, '1', 'Retry-After: 1');
      assert.deepEqual({ ...(result.right.body as object), message: undefined }, { code: 503, reason: 'Service Unavailable', message: undefined });
      assert.deepEqual(result.wrong.map((reply) => reply.status), [401], 'the running one finishes');
      assert.equal((await zeroPage(arbor, 'root', userName, USER_PASSWORD, from('192.0.2.30'))).status, 200, 'then there is room again');
    });
  },
  { env: { ARBOR_TRUST_PROXY: 'true', ARBOR_HASH_CONCURRENCY: '1', ARBOR_HASH_QUEUE: '0' }, passwordHasher: gated.hasher },
);
