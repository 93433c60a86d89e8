import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { FAST_ARGON2 } from '../identity/testing/identity-fixture.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import { useUsersCliFixture } from './users-cli-testing.ts';
import { createUsersImportCommand } from './users-import-command.ts';

const command = createUsersImportCommand({ hasher: createPasswordHasher(FAST_ARGON2), progressEvery: 2 });
const HASH = bcrypt.hashSync('Imported-Passw0rd', 4);
const user = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ userName: name, givenName: 'Test', sn: 'User', mail: `${name}@example.com`, passwordHash: HASH, ...extra });

describe('arbor users import', () => {
  const fixture = useUsersCliFixture();
  const run = (args: string[]) => fixture().run(command, args);

  it('imports JSONL, prints progress to stderr, rejects with line numbers and a summary, and exits 1', async () => {
    const file = await fixture().file('users.jsonl', [user('jl-ann'), user('jl-bob', { mail: 'nope' }), '{oops', user('jl-cid'), user('JL-ANN', { mail: 'jl-ann.2@example.com' })].join('\n'));
    const { code, out, err, opened, closed } = await run([file, '--batch', '2']);
    assert.equal(code, 1);
    assert.deepEqual(out.slice(0, 3), ['line 2: mail: VALID_EMAIL_ADDRESS_FORMAT', out[1], 'line 5: userName: UNIQUE (same as line 1)']);
    assert.match(out[1] ?? '', /^line 3: malformed JSON: /);
    assert.match(out[3] ?? '', /^imported 2 users into realm alpha, rejected 3 of 5 records in \d+\.\d s \([\d,]+ users\/s\)$/);
    assert.equal(out.length, 4);
    assert.deepEqual(err.map((line) => line.replace(/\(.*\)/, '(…)')), ['imported 0 / rejected 1 (…)', 'imported 2 / rejected 2 (…)', 'imported 2 / rejected 3 (…)']);
    assert.deepEqual([opened(), closed()], [1, 1]);
    const store = await fixture().openStore();
    try {
      const { identity } = identityForStore(store, { now: () => Date.now() });
      const ann = await identity.findByAttribute('alpha_user', 'userName', 'jl-ann');
      assert.equal(ann.length, 1);
      assert.equal(ann[0]?.attributes.accountStatus, 'active');
      assert.equal((await identity.authenticate('alpha_user', 'jl-cid', 'Imported-Passw0rd')).ok, true);
    } finally {
      await store.close();
    }
  });

  it('imports CSV with nested columns and typed values, and exits 0 when everything landed', async () => {
    const file = await fixture().file('users.csv', `userName,givenName,sn,mail,preferences/marketing,password\r\ncsv-ann,Ann,"Lee, Jr.",csv-ann@example.com,true,Plaintext-Passw0rd\r\n`);
    const { code, out } = await run([file, '--realm', 'alpha']);
    assert.equal(code, 0, out.join('\n'));
    const store = await fixture().openStore();
    try {
      const [ann] = await store.managedObjects.findByAttribute('alpha_user', 'userName', 'csv-ann');
      assert.deepEqual([ann?.data.sn, ann?.data.preferences], ['Lee, Jr.', { marketing: true }]);
      assert.match(String(ann?.data.password), /^\$argon2id\$/);
    } finally {
      await store.close();
    }
  });

  it('checks everything and writes nothing with --dry-run', async () => {
    const file = await fixture().file('dry.jsonl', [user('dry-a'), user('dry-b'), user('DRY-A', { mail: 'dry-a.2@example.com' })].join('\n'));
    const { code, out } = await run([file, '--dry-run']);
    assert.equal(code, 1);
    assert.equal(out[0], 'line 3: userName: UNIQUE (same as line 1)');
    assert.match(out[1] ?? '', /^dry run: 2 users would be imported into realm alpha, rejected 1 of 3 records/);
    const store = await fixture().openStore();
    try {
      assert.deepEqual(await store.managedObjects.findByAttribute('alpha_user', 'userName', 'dry-a'), []);
    } finally {
      await store.close();
    }
  });

  it('exits 2 for a CSV header that does not fit the schema, importing nothing', async () => {
    const file = await fixture().file('bad.csv', 'userName,shoeSize\nx,42\n');
    const { code, err, closed } = await run([file]);
    assert.equal(code, 2);
    assert.deepEqual(err, [`arbor users import: ${file}: column "shoeSize" is not a property of alpha_user; nothing imported`]);
    assert.equal(closed(), 1);
  });

  it('exits 2 for usage errors and unreadable files without opening the store, and answers --help', async () => {
    const jsonl = await fixture().file('ok.jsonl', user('never'));
    const dir = join(fixture().dir, 'a-directory.jsonl');
    await mkdir(dir);
    for (const args of [[], [jsonl, jsonl], [jsonl, '--format', 'xml'], [join(fixture().dir, 'users.txt')], [jsonl, '--batch', '0'], [jsonl, '--batch', 'many'], [jsonl, '--colour'], [jsonl, '--realm', ''], [join(fixture().dir, 'missing.jsonl')], [dir]]) {
      const { code, err, opened } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err[0] ?? '', /^arbor users import: /);
      assert.equal(opened(), 0, args.join(' '));
    }
    const unknownRealm = await run([jsonl, '--realm', 'beta']);
    assert.deepEqual([unknownRealm.code, unknownRealm.err, unknownRealm.closed()], [2, ['arbor users import: realm /beta does not exist (the realms are alpha (/alpha), root (/))'], 1]);
    const badBatch = await run([jsonl, '--batch', '-5']);
    assert.deepEqual([badBatch.code, badBatch.err[0]], [2, 'arbor users import: --batch must be an integer from 1 to 100000, got "-5"']);
    const help = await run(['--help']);
    assert.deepEqual([help.code, help.out], [0, [command.usage]]);
  });
});
