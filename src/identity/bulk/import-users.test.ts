import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { parseOptions } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { createPolicyService } from '../../policy/policy-service.ts';
import { openMemoryStore, type MemoryStore } from '../../store/memory/open-memory-store.ts';
import { countTransactions } from '../../store/memory/testing/count-transactions.ts';
import { interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { createIdentityService } from '../identity-service.ts';
import { defaultUserObject } from '../default-user-schema.ts';
import { createPasswordHasher } from '../password-hasher.ts';
import { FAST_ARGON2 } from '../testing/identity-fixture.ts';
import type { ImportProgress, ImportReject, ImportUsersOptions } from './import-users.ts';
import { importUsers } from './import-users.ts';
import { readJsonlRecords } from './read-jsonl-records.ts';

const TYPE = 'alpha_user';
const { schema } = defaultUserObject(TYPE);
const BCRYPT = bcrypt.hashSync('Imported-Passw0rd', 4);
let records = 0;

function user(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  // An address of its own (mail is unique), even for a repeated userName.
  return { userName: name, givenName: 'Test', sn: name, mail: `${name}.${++records}@example.com`, passwordHash: BCRYPT, ...extra };
}

function jsonl(lines: (Record<string, unknown> | string)[]): Readable {
  return Readable.from([lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')]);
}

async function run(lines: (Record<string, unknown> | string)[], overrides: Partial<Omit<ImportUsersOptions, 'store'>> & { store?: MemoryStore } = {}) {
  const { store: given, ...options } = overrides;
  const store = given ?? openMemoryStore();
  const transactions = countTransactions(store);
  const configs = store.configs;
  const policy = createPolicyService({ objects: store.managedObjects, configs });
  const hasher = createPasswordHasher(FAST_ARGON2);
  let ids = 0;
  let now = Date.UTC(2025, 5, 1);
  const progress: ImportProgress[] = [];
  const rejects: ImportReject[] = [];
  const report = await importUsers({
    type: TYPE,
    schema,
    records: readJsonlRecords(jsonl(lines)),
    store: transactions.store,
    policy,
    hasher,
    clock: { now: () => (now += 10) },
    newId: () => `id-${String(++ids).padStart(4, '0')}`,
    onProgress: (p) => progress.push(p),
    onReject: (r) => rejects.push(r),
    ...options,
  });
  const stored = (await store.managedObjects.list(TYPE, { limit: 1000, offset: 0 })).items;
  return { report, store, commits: transactions.commits(), rollbacks: transactions.rollbacks(), progress, rejects, stored, configs, policy, hasher };
}

describe('importUsers', () => {
  it('imports pre-hashed and plaintext passwords, with schema defaults and _meta', async () => {
    const { report, stored } = await run([user('ann'), user('bob', { passwordHash: undefined, password: 'Plaintext-Passw0rd' }), user('cid', { _id: 'given-id', accountStatus: 'inactive' })]);
    assert.deepEqual([report.processed, report.imported, report.rejected, report.rejects], [3, 3, 0, []]);
    const [ann, bob, cid] = [stored.find((s) => s.data.userName === 'ann'), stored.find((s) => s.data.userName === 'bob'), stored.find((s) => s.id === 'given-id')];
    assert.equal(ann?.data.password, BCRYPT, 'a given hash is stored as is');
    assert.equal(ann?.data.accountStatus, 'active');
    assert.equal('passwordHash' in (ann?.data ?? {}), false);
    assert.deepEqual(Object.keys(ann?.meta ?? {}), ['createDate', 'lastChanged']);
    assert.match(String(bob?.data.password), /^\$argon2id\$/, 'a plaintext is hashed with argon2id');
    assert.equal(parseOptions(String(bob?.data.password)).memoryCost, FAST_ARGON2.memoryCost);
    assert.equal(cid?.data.accountStatus, 'inactive');
  });

  it('rejects bad records with their line numbers and reasons, and imports the others', async () => {
    const { report, rejects, stored } = await run(
      [
        user('u1'),
        user('u2', { mail: 'not-an-email' }),
        { userName: 'u3', givenName: 'No', mail: 'u3@example.com' },
        '{"userName": "u4", ',
        '',
        user('U1'),
        '[1, 2]',
        user('u5', { passwordHash: '{SSHA}abc' }),
        user('u6', { password: 'Plaintext-Passw0rd' }),
        user('u7', { passwordHash: undefined, password: 'weak' }),
        user('u8'),
      ],
      { batchSize: 100 },
    );
    assert.deepEqual(rejects, report.rejects);
    const summary = rejects.map((r) => [r.line, r.reasons.map((reason) => reason.replace(/^(malformed JSON|passwordHash: not a supported hash).*$/, '$1…'))]);
    assert.deepEqual(summary, [
      [2, ['mail: VALID_EMAIL_ADDRESS_FORMAT']],
      [3, ['sn: REQUIRED']],
      [4, ['malformed JSON…']],
      [6, ['userName: UNIQUE (same as line 1)']],
      [7, ['expected a JSON object, got an array']],
      [8, ['passwordHash: not a supported hash…']],
      [9, ['password: give either password or passwordHash, not both']],
      [10, ['password: MIN_LENGTH {"minLength":8}', 'password: AT_LEAST_X_CAPITAL_LETTERS {"numCaps":1}', 'password: AT_LEAST_X_NUMBERS {"numNums":1}']],
    ]);
    assert.deepEqual([report.processed, report.imported, report.rejected], [10, 2, 8]);
    assert.deepEqual(stored.map((s) => s.data.userName).sort(), ['u1', 'u8']);
  });

  it('catches a userName taken in the store or in an earlier batch, case-insensitively', async () => {
    const store = openMemoryStore();
    await store.managedObjects.create(TYPE, 'old', { userName: 'Existing' }, {});
    const lines = [user('existing'), user('a'), user('b'), user('A'), user('c'), user('given', { _id: 'old' })];
    const { report } = await run(lines, { store, batchSize: 2, concurrency: 1 });
    assert.deepEqual(
      report.rejects.map((r) => [r.line, r.reasons]),
      [
        [1, ['userName: UNIQUE']],
        [4, ['userName: UNIQUE']],
        [6, ['_id: UNIQUE (an object with this id exists)']],
      ],
    );
    assert.equal(report.imported, 3);
  });

  it('checks records several at a time yet catches every duplicate, even of a batch written meanwhile', async () => {
    const lines = [user('a'), user('b'), user('A'), user('c'), user('d'), user('C'), user('e'), user('B'), user('f'), user('F')];
    for (const concurrency of [1, 3, 8]) {
      const { report, stored } = await run(lines, { batchSize: 2, concurrency });
      assert.deepEqual(report.rejects.map((r) => r.line), [3, 6, 8, 10], `concurrency ${concurrency}`);
      assert.ok(report.rejects.every((r) => /^userName: UNIQUE/.test(r.reasons[0] ?? '')));
      assert.deepEqual(stored.map((s) => s.data.userName).sort(), ['a', 'b', 'c', 'd', 'e', 'f']);
    }
  });

  it('writes in batches of batchSize, one transaction each, and reports progress every N records', async () => {
    const names = Array.from({ length: 25 }, (_, i) => user(`user${i}`));
    const { report, commits, rollbacks, progress } = await run(names, { batchSize: 10, progressEvery: 10 });
    assert.equal(report.imported, 25);
    assert.deepEqual([commits, rollbacks], [3, 0]);
    assert.deepEqual(progress.map((p) => [p.processed, p.imported]), [[10, 10], [20, 20], [25, 25]]);
    assert.ok(progress.every((p) => p.elapsedMs > 0 && p.rate > 0));
    assert.equal(report.rate, progress.at(-1)?.rate);
  });

  it('writes nothing in a dry run but reports the same rejects, in-file duplicates across batches included', async () => {
    const lines = [user('a'), user('b'), user('c', { mail: 'bad' }), user('A')];
    const { report, stored, commits } = await run(lines, { dryRun: true, batchSize: 1 });
    assert.deepEqual(stored, []);
    assert.equal(commits, 0);
    assert.deepEqual(report.rejects.map((r) => [r.line, r.reasons]), [[3, ['mail: VALID_EMAIL_ADDRESS_FORMAT']], [4, ['userName: UNIQUE (same as line 1)']]]);
    assert.deepEqual([report.imported, report.rejected, report.dryRun], [2, 2, true]);
  });

  it('when a concurrent write takes a value before the batch lands, rejects that record only', async () => {
    const store = openMemoryStore();
    await store.managedObjects.setUniqueAttributes(TYPE, ['userName']);
    const lines = [user('a'), user('racer'), user('b')];
    const { report, stored, rollbacks } = await run(lines, {
      store,
      // The policy service saw no clash; the database sees one when the batch is written.
      policy: { validateObject: async () => ({ result: true, failedPolicyRequirements: [] }) },
      records: (async function* () {
        yield* readJsonlRecords(jsonl(lines));
        await store.managedObjects.create(TYPE, 'other', { userName: 'RACER' }, {});
      })(),
    });
    assert.equal(rollbacks, 1);
    assert.deepEqual(report.rejects, [{ line: 2, reasons: ['userName: UNIQUE (managed/alpha_user: another object already has this userName (unique, compared case-insensitively))'] }]);
    assert.deepEqual(stored.map((s) => s.data.userName).sort(), ['RACER', 'a', 'b']);
  });

  it('rejects a plaintext password the hasher refuses (over 256 bytes)', async () => {
    const long = `Aa1${'x'.repeat(300)}`;
    const { report } = await run([user('qq', { passwordHash: undefined, password: long }), user('b')]);
    assert.deepEqual(report.rejects, [{ line: 1, reasons: ['password: PASSWORD_TOO_LONG'] }]);
    assert.equal(report.imported, 1);
  });

  it('hashes clear security answers, keeps stored forms the check accepts, rejects the others and answers the hasher refuses', async () => {
    const envelope = { $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data: '$argon2id$v=19$old' } } };
    const costly = { $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data: '$argon2id$v=19$costly' } } };
    const hashKbaAnswer = async (answer: string) => (answer.length > 5 ? Promise.reject(Object.assign(new Error('long'), { code: 'KBA_ANSWER_TOO_LONG' })) : { hashed: answer });
    const acceptStoredKbaAnswer = (stored: unknown) => JSON.stringify(stored) === JSON.stringify(envelope);
    const { report, stored, rejects } = await run(
      [
        user('kay', { kbaInfo: [{ questionId: '1', answer: 'red' }, { questionId: '2', answer: envelope }] }),
        user('lee', { kbaInfo: [{ questionId: '1', answer: 'much too long' }] }),
        user('max', { kbaInfo: [{ questionId: '1', answer: costly }] }),
      ],
      { hashKbaAnswer, acceptStoredKbaAnswer },
    );
    assert.deepEqual([report.imported, report.rejected], [1, 2]);
    assert.deepEqual(stored[0]?.data.kbaInfo, [{ questionId: '1', answer: { hashed: 'red' } }, { questionId: '2', answer: envelope }]);
    assert.equal(rejects[0]?.line, 2);
    assert.deepEqual(rejects[0]?.reasons, ['kbaInfo: KBA_ANSWER_TOO_LONG']);
    assert.equal(rejects[1]?.line, 3);
    assert.match(rejects[1]?.reasons[0] ?? '', /^kbaInfo: A hashed security answer must be an argon2 hash within the cost limits/);
  });

  it('an imported bcrypt user signs in and the hash is upgraded to argon2id', async () => {
    const { store, configs, policy, hasher } = await run([user('carol')]);
    const identity = createIdentityService({ objects: store.managedObjects, configs, policy, hasher, clock: { now: () => 0 } });
    assert.deepEqual(await identity.authenticate(TYPE, 'carol', 'wrong'), { ok: false });
    assert.equal((await store.managedObjects.findByAttribute(TYPE, 'userName', 'carol'))[0]?.data.password, BCRYPT, 'a failed sign-in changes nothing');
    assert.equal((await identity.authenticate(TYPE, 'carol', 'Imported-Passw0rd')).ok, true);
    const upgraded = String((await store.managedObjects.findByAttribute(TYPE, 'userName', 'carol'))[0]?.data.password);
    assert.match(upgraded, /^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    assert.equal((await identity.authenticate(TYPE, 'carol', 'Imported-Passw0rd')).ok, true);
  });
});

describe('importUsers: the planner statistics', () => {
  it('are refreshed once after an import that wrote users, never after a dry run or when nothing was imported', async () => {
    const refreshes = async (lines: Record<string, unknown>[], dryRun: boolean): Promise<number> => {
      const store = openMemoryStore();
      let count = 0;
      const objects = interceptCalls(store.managedObjects, { refreshStatistics: () => void (count += 1) });
      await run(lines, { store: Object.assign(store, { managedObjects: objects }), dryRun, batchSize: 1 });
      return count;
    };
    assert.equal(await refreshes([user('s1'), user('s2'), user('s3')], false), 1);
    assert.equal(await refreshes([user('s4')], true), 0);
    assert.equal(await refreshes([{ userName: 'no-mail' }], false), 0);
  });
});
