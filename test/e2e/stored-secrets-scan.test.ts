/**
 * No secret reaches the ephemeral store unencrypted, on any path: every default journey of both
 * realms runs through the authenticate endpoint (Registration with a page re-sent because one
 * field failed validation, Login up to the third sign-in and its ProgressiveProfile inner tree,
 * ResetPassword and ForgottenUsername through their emailed links, the latter signing in through
 * the Login inner tree, UpdatePassword with a session), and after each request every stored entry
 * (the SQL `ephemeral` table, or every Redis value under the run's prefix) is searched for every
 * password and security answer submitted so far, in clear and in simple encodings (and every
 * stored journey, step or suspended, must show nothing but its realm and one sealed text). On SQLite,
 * PostgreSQL (fresh schema) and Redis (key prefix); the latter two skipped when their test URLs are
 * not set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../src/platform/testing/in-memory-platform.ts';
import { testPlatformOn } from '../../src/platform/testing/in-memory-platform.ts';
import type { OpenedBackend } from '../helpers/ephemeral-backends.ts';
import { ephemeralBackends } from '../helpers/ephemeral-backends.ts';
import { findSecret, secretEncodings } from '../helpers/secret-encodings.ts';

/** A callback as the wire carries it. */
interface WireCallback {
  type: string;
  output: { name: string; value: unknown }[];
  input?: { name: string; value: unknown }[];
}

/** An authenticate answer: a step, a success or a failure. */
interface Answer {
  status: number;
  body: { authId?: string; callbacks?: WireCallback[]; header?: string; tokenId?: string; message?: string };
}

/** What a user types into whatever a step asks. */
interface Typing {
  username?: string;
  password?: string;
  attributes?: Record<string, string | boolean>;
  answers?: string[];
}

interface RealmCase {
  name: 'alpha' | 'root';
  endpoint: string;
  userType: string;
}

const REALMS: RealmCase[] = [
  { name: 'alpha', endpoint: '/am/json/realms/root/realms/alpha/authenticate', userType: 'alpha_user' },
  { name: 'root', endpoint: '/am/json/realms/root/authenticate', userType: 'user' },
];

const ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** A password nobody else uses, with characters that JSON, percent and form encodings change. */
function password(label: string): string {
  return `${label}"Pässw0rd/+${randomBytes(4).toString('hex')}`;
}

/** Fills every input of `callbacks` (a copy) the way a user would. */
function fill(callbacks: WireCallback[], typing: Typing): WireCallback[] {
  let answerIndex = 0;
  return callbacks.map((callback) => {
    const output = (name: string): unknown => callback.output.find((entry) => entry.name === name)?.value;
    const input = structuredClone(callback.input ?? []);
    const set = (suffix: string, value: unknown): void => {
      const entry = input.find((candidate) => new RegExp(`^IDToken\\d+${suffix}$`).test(candidate.name));
      assert.ok(entry !== undefined, `${callback.type} has an input ${suffix}`);
      entry.value = value;
    };
    switch (callback.type) {
      case 'NameCallback':
      case 'ValidatedCreateUsernameCallback':
        set('', typing.username);
        break;
      case 'PasswordCallback':
      case 'ValidatedCreatePasswordCallback':
        set('', typing.password);
        break;
      case 'StringAttributeInputCallback':
      case 'BooleanAttributeInputCallback': {
        const value = typing.attributes?.[String(output('name'))];
        set('', value ?? (callback.type === 'BooleanAttributeInputCallback' ? false : ''));
        break;
      }
      case 'KbaCreateCallback': {
        const questions = output('predefinedQuestions');
        assert.ok(Array.isArray(questions) && questions.length > answerIndex, 'enough predefined questions');
        set('question', questions[answerIndex]);
        set('answer', typing.answers?.[answerIndex]);
        answerIndex += 1;
        break;
      }
      case 'TermsAndConditionsCallback':
        set('', true);
        break;
      default:
        assert.equal(input.length, 0, `the scan does not know how to answer ${callback.type}`);
    }
    return { ...callback, input };
  });
}

describe('no secret is stored unencrypted in the ephemeral store, on any journey path', () => {
  for (const backend of ephemeralBackends()) {
    describe(`on ${backend.name}`, { skip: backend.skip }, () => {
      let opened: OpenedBackend;
      let arbor: TestPlatform;
      /** Every secret submitted so far, by what it is, with its encoded forms. */
      const secrets = new Map<string, string[]>();
      const remember = (name: string, secret: string): string => {
        secrets.set(name, secretEncodings(secret));
        return secret;
      };

      /** Fails with the key and the secret when any stored entry holds a form of a submitted secret. */
      const scan = async (after: string, answer: Answer): Promise<void> => {
        const entries = await opened.entries();
        if (answer.body.authId !== undefined) assert.ok(entries.some((entry) => entry.key.includes('journey:')), `after ${after}: the step is among the entries scanned`);
        for (const entry of entries) {
          const found = findSecret(`${entry.key}\n${entry.value}`, secrets);
          assert.equal(found, undefined, `after ${after}: ${entry.key} holds ${found}`);
          // Beyond the secrets this test knows of: a journey at rest shows its realm and one sealed text, nothing else.
          if (/(^|:)(journey|suspended):/.test(entry.key)) {
            const stored: unknown = JSON.parse(entry.value);
            assert.ok(typeof stored === 'object' && stored !== null, entry.value);
            assert.deepEqual(Object.keys(stored).sort(), ['realm', 'sealed'], `after ${after}: ${entry.key} is sealed whole`);
          }
        }
      };

      /** One authenticate request, then the scan. */
      const post = async (label: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
        const response = await arbor.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0', ...headers },
          payload: JSON.stringify(body),
        });
        const answer: Answer = { status: response.statusCode, body: response.json() };
        await scan(label, answer);
        return answer;
      };

      /** A journey in `realm`, driven step by step, each step scanned. */
      const journey = (realm: RealmCase, tree: string, headers: Record<string, string> = {}) => {
        let count = 0;
        const label = (): string => `${realm.name} ${tree} request ${(count += 1)}`;
        const stepOf = (answer: Answer): Answer => {
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          assert.ok(answer.body.authId !== undefined, `a step: ${JSON.stringify(answer.body)}`);
          return answer;
        };
        return {
          start: async (): Promise<Answer> => post(label(), `${realm.endpoint}?authIndexType=service&authIndexValue=${tree}`, {}, headers),
          resume: async (suspendedId: string): Promise<Answer> =>
            post(label(), `${realm.endpoint}?authIndexType=service&authIndexValue=${tree}&suspendedId=${encodeURIComponent(suspendedId)}`, {}, headers),
          answer: async (step: Answer, typing: Typing): Promise<Answer> =>
            post(label(), realm.endpoint, { authId: stepOf(step).body.authId, callbacks: fill(step.body.callbacks ?? [], typing) }, headers),
        };
      };

      /** Answers every step with `typing` until the journey succeeds, fails or suspends; returns the last answer and the headers of the steps seen. */
      const runToEnd = async (drive: ReturnType<typeof journey>, first: Answer, typing: Typing): Promise<{ last: Answer; headers: string[] }> => {
        let current = first;
        const headers: string[] = [];
        for (let guard = 0; guard < 10; guard += 1) {
          const callbacks = current.body.callbacks;
          if (current.body.authId === undefined || callbacks === undefined) return { last: current, headers };
          headers.push(current.body.header ?? '');
          if (callbacks.some((callback) => callback.type === 'SuspendedTextOutputCallback')) return { last: current, headers };
          current = await drive.answer(current, typing);
        }
        return assert.fail(`more than 10 steps: ${headers.join(', ')}`);
      };

      /** The `suspendedId` of the newest email to `address`. */
      const emailedSuspendedId = async (address: string): Promise<string> => {
        const messages = await arbor.store.outbox.list({ limit: 100 });
        const mail = messages.find((message) => message.message.to.includes(address));
        assert.ok(mail !== undefined, `an email to ${address}`);
        const text = arbor.openMail(mail.message)?.text ?? '';
        const link = /https?:\/\/\S*suspendedId=([\w-]+)/.exec(text);
        assert.ok(link?.[1] !== undefined, `a resume link in ${text}`);
        return link[1];
      };

      const addUser = async (realm: RealmCase, userName: string, secret: string, extra: Record<string, unknown> = {}): Promise<void> => {
        await arbor.identity.createUser(realm.userType, { userName, password: secret, givenName: 'Scan', sn: 'Tester', mail: `${userName}@example.com`, ...extra });
      };

      before(async () => {
        opened = await backend.setUp();
        arbor = await testPlatformOn((clock) => opened.open(clock));
        remember('the administrator password', ADMIN_PASSWORD);
        // Some defaults ship disabled (root Registration): enabled here, as an administrator would, so that their path is scanned too.
        for (const realm of REALMS) {
          for (const name of await arbor.store.journeys.list(realm.name)) {
            const definition = await arbor.store.journeys.get(realm.name, name);
            if (definition !== undefined && definition.tree.enabled === false) await arbor.store.journeys.put(realm.name, { ...definition, tree: { ...definition.tree, enabled: true } });
          }
        }
      });
      after(async () => {
        await arbor?.close();
        await opened?.tearDown();
      });

      it('finds a secret planted in the store in any of its encodings (the scan can fail)', async () => {
        const planted = 'Planted"Pässw0rd/+x';
        const forms = secretEncodings(planted);
        const wrapped = [
          ...forms,
          Buffer.from(JSON.stringify({ transient: { password: planted } })).toString('base64'),
          Buffer.from(`xy${planted}`).toString('base64url'),
          JSON.stringify({ password: planted }),
        ];
        for (const [index, form] of wrapped.entries()) {
          await arbor.store.ephemeral.put(`scan-probe:${index}`, `prefix ${form} suffix`, 60_000);
          const entries = await opened.entries();
          assert.ok(
            entries.some((entry) => findSecret(entry.value, new Map([['planted', forms]])) !== undefined),
            `the scan sees ${form}`,
          );
          await arbor.store.ephemeral.delete(`scan-probe:${index}`);
        }
      });

      for (const realm of REALMS) {
        it(`${realm.name} Registration: a page re-sent because one field failed validation, then the account created`, async () => {
          const drive = journey(realm, 'Registration');
          const userName = `reg_${realm.name}`;
          const typing: Typing = {
            username: userName,
            password: remember(`${realm.name} registration password`, password('Reg')),
            attributes: { givenName: 'Reggie', sn: 'Stration', mail: 'not-an-address' },
            answers: [remember(`${realm.name} first security answer`, `Blue "sky" ü-${randomBytes(3).toString('hex')}`), remember(`${realm.name} second security answer`, `Rex/+ the ${randomBytes(3).toString('hex')}`)],
          };
          const page = await drive.start();
          const resent = await drive.answer(page, typing);
          assert.equal(resent.body.header, page.body.header, 'the same page again');
          const mail = resent.body.callbacks?.find((callback) => callback.output.some((output) => output.value === 'mail'));
          assert.deepEqual(mail?.output.find((output) => output.name === 'failedPolicies')?.value, ['{"policyRequirement":"VALID_EMAIL_ADDRESS_FORMAT"}']);
          const done = await drive.answer(resent, { ...typing, attributes: { ...typing.attributes, mail: `${userName}@example.com` } });
          assert.equal(done.status, 200, JSON.stringify(done.body));
          assert.ok(done.body.tokenId, 'registered and signed in');
        });

        it(`${realm.name} Login: a failed sign-in, then three (the third runs the ProgressiveProfile inner tree in alpha), and amadmin`, async () => {
          const userName = `login_${realm.name}`;
          const secret = remember(`${realm.name} login password`, password('Login'));
          await addUser(realm, userName, secret);
          const drive = journey(realm, 'Login');
          const failed = await runToEnd(drive, await drive.start(), { username: userName, password: remember(`${realm.name} wrong password`, password('Wrong')) });
          assert.equal(failed.last.status, 401);
          const seen: string[][] = [];
          let token: string | undefined;
          for (let signIn = 1; signIn <= 3; signIn += 1) {
            const { last, headers } = await runToEnd(drive, await drive.start(), { username: userName, password: secret, attributes: { 'preferences/updates': true, 'preferences/marketing': true } });
            assert.ok(last.body.tokenId, `sign-in ${signIn} succeeds: ${JSON.stringify(last.body)}`);
            seen.push(headers);
            token = last.body.tokenId;
          }
          if (realm.name === 'alpha') {
            assert.deepEqual(seen, [['Sign In', 'Terms and Conditions'], ['Sign In'], ['Sign In', 'Please select your preferences']], 'terms once, then the progressive profile page on the third sign-in');
          }
          // ProgressiveProfile on its own too (root's Login does not run it), with the session of the third sign-in.
          assert.ok(token !== undefined);
          const profile = journey(realm, 'ProgressiveProfile', { iPlanetDirectoryPro: token });
          const profiled = await runToEnd(profile, await profile.start(), { attributes: { 'preferences/updates': true, 'preferences/marketing': true } });
          assert.equal(profiled.last.status, 200, JSON.stringify(profiled.last.body));
          assert.deepEqual(profiled.headers, realm.name === 'alpha' ? [] : ['Please select your preferences'], 'asked only where the preferences are not set yet');
          const admin = await runToEnd(drive, await drive.start(), { username: 'amadmin', password: ADMIN_PASSWORD });
          assert.equal(admin.last.status, realm.name === 'root' ? 200 : 401, 'amadmin signs in to root only');
        });

        it(`${realm.name} ResetPassword: the emailed link resumes into the new-password page`, async () => {
          const userName = `reset_${realm.name}`;
          await addUser(realm, userName, remember(`${realm.name} password before reset`, password('Old')));
          const drive = journey(realm, 'ResetPassword');
          const suspended = await runToEnd(drive, await drive.start(), { attributes: { mail: `${userName}@example.com` } });
          assert.equal(suspended.last.body.callbacks?.[0]?.type, 'SuspendedTextOutputCallback');
          const resumed = await drive.resume(await emailedSuspendedId(`${userName}@example.com`));
          const refused = await drive.answer(resumed, { password: 'short' });
          assert.equal(refused.body.header, resumed.body.header, 'a weak password is refused on the same page');
          const done = await drive.answer(refused, { password: remember(`${realm.name} new password (reset)`, password('Reset')) });
          assert.equal(done.status, 200, JSON.stringify(done.body));
        });

        it(`${realm.name} ForgottenUsername: the emailed link resumes into the Login inner tree (and in alpha its ProgressiveProfile)`, async () => {
          const userName = `forgot_${realm.name}`;
          const secret = remember(`${realm.name} password (forgotten username)`, password('Forgot'));
          // Two sign-ins behind (the terms accepted at the first): the Login inner tree's sign-in is the third.
          await addUser(realm, userName, secret);
          const login = journey(realm, 'Login');
          for (let signIn = 1; signIn <= 2; signIn += 1) {
            const { last } = await runToEnd(login, await login.start(), { username: userName, password: secret });
            assert.ok(last.body.tokenId, JSON.stringify(last.body));
          }
          const drive = journey(realm, 'ForgottenUsername');
          await runToEnd(drive, await drive.start(), { attributes: { mail: `${userName}@example.com` } });
          const resumed = await drive.resume(await emailedSuspendedId(`${userName}@example.com`));
          const { last, headers } = await runToEnd(drive, resumed, { username: userName, password: secret, attributes: { 'preferences/updates': true, 'preferences/marketing': true } });
          assert.ok(last.body.tokenId, JSON.stringify(last.body));
          if (realm.name === 'alpha') assert.deepEqual(headers, ['Sign In', 'Please select your preferences'], 'two levels of inner trees');
        });

        it(`${realm.name} UpdatePassword: with a session, the current password verified, then the new one set`, async () => {
          const userName = `update_${realm.name}`;
          const current = remember(`${realm.name} current password (update)`, password('Current'));
          await addUser(realm, userName, current, { preferences: { updates: true, marketing: true } });
          const login = journey(realm, 'Login');
          const signedIn = await runToEnd(login, await login.start(), { username: userName, password: current });
          const token = signedIn.last.body.tokenId;
          assert.ok(token !== undefined, JSON.stringify(signedIn.last.body));
          const drive = journey(realm, 'UpdatePassword', { iPlanetDirectoryPro: token });
          const verify = await drive.start();
          assert.equal(verify.body.header, 'Verify Existing Password');
          const update = await drive.answer(verify, { password: current });
          assert.equal(update.body.header, 'Update Password');
          const done = await drive.answer(update, { password: remember(`${realm.name} new password (update)`, password('Updated')) });
          assert.equal(done.status, 200, JSON.stringify(done.body));
        });
      }
    });
  }
});
