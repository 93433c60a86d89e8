/**
 * The administrator's user commands against hostile or sloppy input. `users import`: a record
 * whose attribute names or values go through `__proto__`/`constructor`/`prototype` is rejected
 * (nothing reaches `Object.prototype`), as is a CSV header naming one; imported password hashes
 * and security answers must be within the cost limits (argon2 64 MiB and t=10, bcrypt 14);
 * usernames are normalized (NFKC, trimmed) and checked like every other write. `user add` does
 * the same for `--username` and `--set`.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { hash as argon2Hash } from '@node-rs/argon2';
import { isIdentityError } from '../identity/errors.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { FAST_ARGON2 } from '../identity/testing/identity-fixture.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import { createKbaAnswerHasher } from '../selfservice/kba/kba-answer-hasher.ts';
import { userAddCommand } from './user-add-command.ts';
import type { UsersCliFixture } from './users-cli-testing.ts';
import { usersCliFixture } from './users-cli-testing.ts';
import { createUsersImportCommand } from './users-import-command.ts';

const command = createUsersImportCommand({ hasher: createPasswordHasher(FAST_ARGON2), progressEvery: 1000 });
const SALT = 'c29tZXNhbHRzb21lc2FsdA';
const HASH = 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
const COSTLY_ARGON2 = `$argon2id$v=19$m=1048576,t=8,p=1$${SALT}$${HASH}`;
// Each record gets an address of its own: mail is unique.
let profiles = 0;
const profile = (userName: string, extra: Record<string, unknown> = {}) => ({ userName, givenName: 'Ingrid', sn: 'Olsen', mail: `imported${++profiles}@example.com`, password: 'Imported-Passw0rd', ...extra });
const line = (record: Record<string, unknown>) => JSON.stringify(record);

describe('arbor users import and user add, hostile input', () => {
  let fixture: UsersCliFixture;
  before(async () => {
    fixture = await usersCliFixture();
  });
  after(async () => fixture.remove());
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  async function run(cliCommand: typeof userAddCommand, args: string[]) {
    const cli = fixture.context();
    const code = await cliCommand.run(args, cli.ctx);
    return { code, ...cli };
  }

  async function storedUser(userName: string): Promise<Record<string, unknown> | undefined> {
    const store = await fixture.openStore();
    try {
      return (await store.managedObjects.findByAttribute('alpha_user', 'userName', userName))[0]?.data;
    } finally {
      await store.close();
    }
  }

  it('rejects records whose names or values reach for the prototype, and imports the others', async () => {
    const file = await fixture.file(
      'proto.jsonl',
      [
        line(profile('proto-a', { '__proto__/polluted': 'yes' })),
        '{"userName":"proto-b","givenName":"Ingrid","sn":"Olsen","mail":"imported@example.com","preferences":{"__proto__":{"polluted":"yes"}}}',
        line(profile('proto-c', { 'constructor/prototype/polluted': 'yes' })),
        '{"userName":"proto-d","__proto__":{"polluted":"yes"}}',
        line(profile('proto-ok')),
      ].join('\n'),
    );
    const { code, out } = await run(command, [file]);
    assert.equal(code, 1, out.join('\n'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(out.slice(0, 4).map((text) => text.replace(/:.*/, '')), ['line 1', 'line 2', 'line 3', 'line 4']);
    for (const text of out.slice(0, 4)) assert.match(text, /__proto__|constructor/);
    assert.match(out[4] ?? '', /^imported 1 users into realm alpha, rejected 4 of 5 records/);
    assert.ok((await storedUser('proto-ok')) !== undefined, 'the good record landed');

    const csv = await fixture.file('proto.csv', 'userName,givenName,sn,mail,constructor/prototype\r\nproto-e,Ingrid,Olsen,e@example.com,yes\r\n');
    const refused = await run(command, [csv]);
    assert.equal(refused.code, 2);
    assert.match(refused.err.join('\n'), /column "constructor\/prototype" has the segment "constructor"/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses imported password hashes and security answers past the cost limits, keeps the others', async () => {
    const kba = createKbaAnswerHasher(createPasswordHasher(FAST_ARGON2));
    const cheapAnswer = await kba.hash('Rex');
    const costlyAnswer = { $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data: COSTLY_ARGON2 } } };
    const withinLimits = await argon2Hash('Imported-Passw0rd', { memoryCost: 65536, timeCost: 1, parallelism: 1 });
    const { password: _plain, ...noPassword } = profile('x');
    const file = await fixture.file(
      'costs.jsonl',
      [
        line({ ...noPassword, userName: 'cost-a', passwordHash: COSTLY_ARGON2 }),
        line({ ...noPassword, userName: 'cost-b', passwordHash: `$2b$15$${'a'.repeat(53)}` }),
        line(profile('cost-c', { kbaInfo: [{ questionId: '1', answer: costlyAnswer }] })),
        line(profile('cost-d', { kbaInfo: [{ questionId: '1', answer: cheapAnswer }, { questionId: '2', answer: 'Blue' }] })),
        line({ ...noPassword, userName: 'cost-e', passwordHash: withinLimits }),
      ].join('\n'),
    );
    const { code, out } = await run(command, [file]);
    assert.equal(code, 1, out.join('\n'));
    assert.match(out[0] ?? '', /^line 1: passwordHash: not a supported hash .* past the cost limits/);
    assert.match(out[1] ?? '', /^line 2: passwordHash: not a supported hash/);
    assert.match(out[2] ?? '', /^line 3: kbaInfo: A hashed security answer must be an argon2 hash within the cost limits/);
    assert.match(out[3] ?? '', /^imported 2 users/);
    assert.equal(await storedUser('cost-c'), undefined);
    const kept = (await storedUser('cost-d'))?.kbaInfo as { answer: unknown }[];
    assert.deepEqual(kept[0]?.answer, cheapAnswer, 'a hash within the limits is kept as it came');
    assert.equal(await kba.verify(kept[0]?.answer, 'rex'), true);
    assert.equal(await kba.verify(kept[1]?.answer, 'blue'), true, 'a clear answer is hashed');
    const store = await fixture.openStore();
    try {
      const { identity } = identityForStore(store, { now: () => Date.now() });
      assert.equal((await identity.authenticate('alpha_user', 'cost-e', 'Imported-Passw0rd')).ok, true);
    } finally {
      await store.close();
    }
  });

  it('normalizes usernames and refuses invisible characters, in the file and against the store', async () => {
    const file = await fixture.file(
      'names.jsonl',
      [
        line(profile('  Zoe\u0308 ')),
        line(profile('Zo\u00eb')),
        line(profile('\uff3a\uff4f\u00eb')),
        line(profile('ev\u200bil')),
        line(profile('a'.repeat(300))),
        line(profile('bob\u0000')),
      ].join('\n'),
    );
    const { code, out } = await run(command, [file]);
    assert.equal(code, 1);
    assert.deepEqual(out.slice(0, 5), [
      'line 2: userName: UNIQUE (same as line 1)',
      'line 3: userName: UNIQUE (same as line 1)',
      'line 4: userName: VALID_USERNAME_FORMAT',
      'line 5: userName: MAX_LENGTH {"maxLength":255}',
      'line 6: the text at /userName holds U+0000 (NUL), which no value may contain',
    ]);
    assert.equal((await storedUser('zo\u00eb'))?.userName, 'Zo\u00eb');
    const again = await run(command, [await fixture.file('again.jsonl', line(profile('Zoe\u0308')))]);
    assert.deepEqual(again.out[0], 'line 1: userName: UNIQUE');
  });

  it('user add normalizes --username, refuses invisible characters and prototype names in --set', async () => {
    const added = await run(userAddCommand, ['--username', ' Ann\u0303a ', '--password', 'Ch4ngeit!', '--set', 'givenName=Anna', '--set', 'sn=Lee', '--set', 'mail=anna@example.com']);
    assert.equal(added.code, 0, added.err.join('\n'));
    assert.equal((await storedUser('An\u00f1a'))?.userName, 'An\u00f1a');
    const invisible = await run(userAddCommand, ['--username', 'an\u200bna', '--password', 'Ch4ngeit!', '--set', 'givenName=Anna', '--set', 'sn=Lee', '--set', 'mail=anna@example.com']);
    assert.equal(invisible.code, 1);
    assert.match(invisible.err[0] ?? '', /VALID_USERNAME_FORMAT/);
    for (const assignment of ['__proto__=x', 'toString=x', 'constructor/prototype/polluted=yes']) {
      const refused = await run(userAddCommand, ['--username', 'proto-cli', '--password', 'Ch4ngeit!', '--set', assignment]);
      assert.equal(refused.code, 2, assignment);
      assert.match(refused.err[0] ?? '', /is not in the schema/);
    }
    // An error `arbor` reports as `arbor user add: <message>`, exit 1.
    const nested = run(userAddCommand, ['--username', 'proto-cli', '--password', 'Ch4ngeit!', '--set', 'givenName=P', '--set', 'sn=C', '--set', 'mail=p@example.com', '--set', 'preferences={"__proto__":{"polluted":"yes"}}']);
    await assert.rejects(nested, (error) => isIdentityError(error, 'INVALID_ATTRIBUTE_NAME') && /"__proto__" is not allowed/.test(error.message));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(await storedUser('proto-cli'), undefined);
  });
});
