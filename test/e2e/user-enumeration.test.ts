/**
 * User enumeration (security review, item 10), over real HTTP on SQLite, PostgreSQL and Redis.
 * Answers for an existing account and for a name or address that has none are compared byte for
 * byte (the random `authId` of a step masked, its length kept): a wrong password, a lockout
 * (warnings included: an unknown name hammered as often is locked out exactly as an account is),
 * the IDM headers, a password reset request and a forgotten username request. Timing is not
 * measured (that would be a flaky test): instead, the work is shown to be the same, the calls the
 * real store receives (through a counting proxy) and the password verifications the real hasher
 * does (through a counting proxy) being compared request by request.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { JsonReply } from '../../src/http/testing/session-http.ts';
import { amRealmPath, requestJson } from '../../src/http/testing/session-http.ts';
import type { ListeningPlatform } from '../../src/platform/testing/listening-platforms.ts';
import { onEveryBackend } from '../../src/platform/testing/listening-platforms.ts';
import { countingHasher } from '../helpers/counting-hasher.ts';
import { countingStore } from '../helpers/counting-store.ts';
import type { Step } from '../helpers/guard-http.ts';
import { answerLogin, configureRealm, createUser, from, startLogin, USER_PASSWORD, zeroPage } from '../helpers/guard-http.ts';

const hasher = countingHasher();
const store = countingStore();

/** An answer as the client sees it, with the random `authId` replaced by its length. */
function comparable(reply: JsonReply): unknown {
  const body = reply.body as Record<string, unknown> | undefined;
  if (body === undefined || typeof body.authId !== 'string') return { status: reply.status, body };
  return { status: reply.status, body: { ...body, authId: `<${body.authId.length} characters>` } };
}

/** Background work that may interleave with a request (the outbox worker's pass, the purge): a recording holding it is taken again. */
const BACKGROUND = ['outbox.claim', 'ephemeral.purgeExpired'];

/**
 * The store calls and the verifications `request` causes, without the realm cache's refreshes
 * (every 5 seconds, whatever the request: time, not the account).
 */
async function work(request: () => Promise<JsonReply>): Promise<{ reply: JsonReply; calls: string[]; verifications: number }> {
  for (;;) {
    hasher.reset();
    let reply: JsonReply | undefined;
    const calls = await store.record(async () => {
      reply = await request();
    });
    if (calls.some((call) => BACKGROUND.includes(call))) continue;
    assert.ok(reply !== undefined);
    return { reply, calls: calls.filter((call) => !call.startsWith('realms.')), verifications: hasher.verifications() };
  }
}

onEveryBackend(
  'an unknown account answers, and costs, what an existing one does',
  (platform) => {
    let arbor: ListeningPlatform;
    let alpha: { id: string; userName: string };
    before(async () => {
      arbor = platform();
      alpha = await createUser(arbor, 'alpha_user', 'enum');
      await arbor.identity.updateMeta('alpha_user', alpha.id, (meta) => ({ ...meta, termsAccepted: { acceptDate: new Date(arbor.clock.now()).toISOString(), termsVersion: '0.0' } }));
    });

    const authenticate = (tree: string, body: unknown, ip: string) => requestJson(arbor.baseUrl, 'POST', `${amRealmPath('alpha')}/authenticate?authIndexType=service&authIndexValue=${tree}`, from(ip), body);

    it('a wrong password: the same answer, the same store calls, one verification each, through the journey and zero-page login', async () => {
      // Warm-up: realm keys and caches are loaded once per process, whoever asks first.
      await zeroPage(arbor, 'alpha', alpha.userName, 'warm-up', from('198.51.100.1'));
      await zeroPage(arbor, 'alpha', 'nobody-warm-up', 'warm-up', from('198.51.100.1'));
      const steps = await Promise.all([startLogin(arbor, 'alpha'), startLogin(arbor, 'alpha')]);
      const known = await work(() => answerLogin(arbor, 'alpha', steps[0] as Step, alpha.userName, 'wrong-1', from('198.51.100.2')));
      const unknown = await work(() => answerLogin(arbor, 'alpha', steps[1] as Step, 'nobody-1', 'wrong-1', from('198.51.100.2')));
      assert.deepEqual(comparable(unknown.reply), comparable(known.reply));
      assert.deepEqual(unknown.calls, known.calls);
      assert.deepEqual([known.verifications, unknown.verifications], [1, 1]);
      const zeroKnown = await work(() => zeroPage(arbor, 'alpha', alpha.userName, 'wrong-2', from('198.51.100.3')));
      const zeroUnknown = await work(() => zeroPage(arbor, 'alpha', 'nobody-1', 'wrong-2', from('198.51.100.3')));
      assert.deepEqual(comparable(zeroUnknown.reply), comparable(zeroKnown.reply));
      assert.deepEqual(zeroUnknown.calls, zeroKnown.calls);
      const idm = (username: string) => requestJson(arbor.baseUrl, 'GET', '/openidm/info/login', { 'x-openidm-username': username, 'x-openidm-password': 'wrong', ...from('198.51.100.4') });
      const root = await createUser(arbor, 'user', 'enumroot');
      assert.deepEqual(comparable(await idm('nobody-root')), comparable(await idm(root.userName)));
    });

    it('hammered: an unknown name is warned and locked out exactly as an account is, and stays locked as long', async () => {
      await configureRealm(arbor, 'alpha', { lockout: { warnUserCount: 3 } });
      const fresh = await createUser(arbor, 'alpha_user', 'enum');
      const hammer = async (username: string, ip: string) => {
        const answers = [];
        for (let attempt = 0; attempt < 5; attempt++) answers.push(comparable(await zeroPage(arbor, 'alpha', username, `wrong-${attempt}`, from(ip))));
        answers.push(comparable(await zeroPage(arbor, 'alpha', username, USER_PASSWORD, from(ip))));
        return answers;
      };
      const known = await hammer(fresh.userName, '198.51.100.5');
      assert.deepEqual(
        known.map((answer) => (answer as { body: { message: string } }).body.message),
        ['Login failure', 'Login failure', 'Warning: You will be locked out after 2 more failure(s).', 'Warning: You will be locked out after 1 more failure(s).', 'User Locked Out.', 'User Locked Out.'],
      );
      assert.deepEqual(await hammer('nobody-hammered', '198.51.100.6'), known);
      arbor.clock.advance(15 * 60_000 - 1000);
      const stillLocked = [await zeroPage(arbor, 'alpha', fresh.userName, 'x', from('198.51.100.5')), await zeroPage(arbor, 'alpha', 'nobody-hammered', 'x', from('198.51.100.6'))];
      assert.deepEqual(comparable(stillLocked[1] as JsonReply), comparable(stillLocked[0] as JsonReply));
      arbor.clock.advance(2000);
      const after = [await zeroPage(arbor, 'alpha', fresh.userName, 'x', from('198.51.100.5')), await zeroPage(arbor, 'alpha', 'nobody-hammered', 'x', from('198.51.100.6'))];
      assert.deepEqual(comparable(after[1] as JsonReply), comparable(after[0] as JsonReply));
      assert.equal((after[0]?.body as { message: string }).message, 'Login failure', 'both unlocked at the same time');
      await configureRealm(arbor, 'alpha', { lockout: { warnUserCount: 0 } });
    });

    for (const tree of ['ResetPassword', 'ForgottenUsername']) {
      it(`${tree}: the same answer, the same store calls (the email rendered and written, withheld), no verification`, async () => {
        const ask = async (mail: string) => {
          const first = await authenticate(tree, undefined, '198.51.100.7');
          const step = first.body as Step;
          const callbacks = step.callbacks.map((callback) => ({ ...callback, input: callback.input?.map((input, index) => (index === 0 ? { ...input, value: mail } : input)) }));
          return work(() => authenticate(tree, { authId: step.authId, callbacks }, '198.51.100.7'));
        };
        await ask(`${alpha.userName}@example.com`);
        await ask('warm-up@example.com');
        const known = await ask(`${alpha.userName}@example.com`);
        const unknown = await ask('nobody@example.com');
        assert.equal((known.reply.body as { callbacks: { type: string }[] }).callbacks[0]?.type, 'SuspendedTextOutputCallback');
        assert.deepEqual(comparable(unknown.reply), comparable(known.reply));
        assert.deepEqual(unknown.calls, known.calls);
        assert.ok(known.calls.includes('outbox.enqueue'), known.calls.join(', '));
        assert.deepEqual([known.verifications, unknown.verifications], [0, 0]);
        const template = tree === 'ResetPassword' ? 'resetPassword' : 'forgottenUsername';
        const outbox = await arbor.store.outbox.list({ limit: 10 });
        assert.deepEqual(
          outbox.filter((message) => message.template === template && message.message.to[0] === 'nobody@example.com').map((message) => message.status),
          ['withheld'],
          'the message for nobody is never delivered',
        );
      });
    }
  },
  { env: { ARBOR_TRUST_PROXY: 'true' }, passwordHasher: hasher.hasher, wrapStore: (opened) => store.wrap(opened) },
);
