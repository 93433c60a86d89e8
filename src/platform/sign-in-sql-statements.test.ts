/**
 * The SQL one sign-in runs on SQLite (a performance regression guard, beside
 * `password-step-store-calls.test.ts`, which counts the store's port calls): the alpha `Login`
 * journey started, then its Sign In page answered, for users who accepted the terms, on a whole
 * Arbor over SQLite whose every statement is written down (Kysely's query log). The start step
 * runs one statement, the password step thirteen, and the audit service writes the authentication
 * event after the answer (the fourteenth). The statements that touch the user are the
 * cheap ones: the lookup carries only the user name as a parameter (a bound type or limit made
 * SQLite plan it again at every run, to see whether the partial search index applies), and the
 * login count is written without rewriting the user's data (which rebuilt every search and unique
 * index entry of the user).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kysely } from 'kysely';
import { acceptActiveTerms } from '../http/testing/accept-active-terms.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import type { Database } from '../store/sql/database.ts';
import { createSqlStore } from '../store/sql/sql-store.ts';
import { nodeSqliteDialect } from '../store/sqlite/node-sqlite-dialect.ts';
import type { TestPlatform } from './testing/in-memory-platform.ts';
import { testPlatformOn } from './testing/in-memory-platform.ts';
import { TEST_ARGON2 } from './testing/node-test-services.ts';

const AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';
const PASSWORD = 'Ch4ngeit!';
const USERS = ['bjensen', 'scarter'];

interface Step {
  authId: string;
  callbacks: { type: string; input: { name: string; value: unknown }[] }[];
}

/** One statement as Kysely ran it. */
interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** The statement's text on one line. */
function oneLine(statement: Statement): string {
  return statement.sql.replace(/\s+/g, ' ').trim();
}

describe('the SQL of one sign-in on SQLite', () => {
  let arbor: TestPlatform;
  let log: Statement[] | undefined;
  /** The audit events written so far: the audit service writes them in the background, after the answer. */
  let auditInserts = 0;
  const userIds = new Map<string, string>();

  /** Resolves once `count` audit events have been written. */
  const auditWritten = async (count: number): Promise<void> => {
    for (const deadline = Date.now() + 5000; auditInserts < count; ) {
      assert.ok(Date.now() < deadline, `${auditInserts} audit events written, ${count} expected`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  /**
   * The statements `work` runs, audit events aside (background work never runs in so short a
   * time: the purge and the outbox wait seconds).
   */
  const statementsOf = async <T>(work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> => {
    log = [];
    try {
      const result = await work();
      return { result, statements: log };
    } finally {
      log = undefined;
    }
  };
  const startLogin = async (): Promise<Step> => {
    const response = await arbor.app.inject({ method: 'POST', url: `${AUTHENTICATE}?authIndexType=service&authIndexValue=Login` });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<Step>();
  };
  const answer = async (step: Step, userName: string) => {
    const filled = structuredClone(step);
    const [name, password] = filled.callbacks;
    assert.ok(name?.input[0] !== undefined && password?.input[0] !== undefined, JSON.stringify(step));
    name.input[0].value = userName;
    password.input[0].value = PASSWORD;
    const response = await arbor.app.inject({ method: 'POST', url: AUTHENTICATE, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(filled) });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(typeof response.json<{ tokenId?: unknown }>().tokenId, 'string', response.body);
  };

  before(async () => {
    arbor = await testPlatformOn(
      async (clock) => {
        const db = new Kysely<Database>({
          dialect: nodeSqliteDialect(':memory:'),
          log: (event) => {
            if (event.query.sql.startsWith('insert into "audit_events"')) auditInserts++;
            else log?.push({ sql: event.query.sql, parameters: event.query.parameters });
          },
        });
        const store = createSqlStore({ db, dialect: 'sqlite', clock });
        await store.migrate();
        return store;
      },
      {},
      { passwordHasher: createPasswordHasher(TEST_ARGON2) },
    );
    for (const userName of USERS) {
      const user = await arbor.identity.createUser('alpha_user', { userName, password: PASSWORD, givenName: 'Test', sn: 'User', mail: `${userName}@example.com` });
      userIds.set(userName, user._id);
      await acceptActiveTerms(arbor, 'alpha_user', userName);
      // Far from the third sign-in, when ProgressiveProfile asks for preferences.
      await arbor.identity.updateMeta('alpha_user', user._id, (meta) => ({ ...meta, loginCount: 10 }));
    }
    // A first sign-in: realm keys and caches are loaded once per process, whoever asks first.
    const written = auditInserts;
    await answer(await startLogin(), USERS[0] ?? '');
    await auditWritten(written + 1);
  });
  after(async () => arbor?.close());

  it('runs one statement for the start step and fourteen for the password step', async (t) => {
    const written = auditInserts;
    const { result: step, statements: start } = await statementsOf(startLogin);
    const { statements: password } = await statementsOf(() => answer(step, 'bjensen'));
    for (const statement of password) t.diagnostic(oneLine(statement).slice(0, 140));
    assert.deepEqual(start.map((statement) => oneLine(statement).split(' (')[0]), ['insert into "ephemeral"'], 'the journey state stored');
    assert.equal(password.length, 13, password.map(oneLine).join('\n'));
    assert.equal(password.filter((statement) => oneLine(statement).includes('"managed_objects"')).length, 2, 'one lookup and one update of the user');
    // The fourteenth: the authentication event, written after the answer.
    await auditWritten(written + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(auditInserts, written + 1, 'one audit event for the sign-in');
  });

  it('looks the user up with a statement planned once: only the user name is bound', async () => {
    const lookups: Statement[] = [];
    for (const userName of USERS) {
      const step = await startLogin();
      const { statements } = await statementsOf(() => answer(step, userName));
      lookups.push(...statements.filter((statement) => oneLine(statement).startsWith('select * from "managed_objects"')));
    }
    assert.equal(lookups.length, USERS.length, 'one lookup per sign-in');
    assert.deepEqual(
      lookups.map((lookup) => lookup.parameters),
      USERS.map((userName) => [userName]),
      'the type and the limit are in the text, not bound',
    );
    assert.equal(new Set(lookups.map(oneLine)).size, 1, 'the same text for every user: one prepared statement');
    assert.match(oneLine(lookups[0] ?? { sql: '', parameters: [] }), /"type" = 'alpha_user'.* limit 2$/);
  });

  it('writes the login count without rewriting the user\u2019s data, and the data stays as it was', async () => {
    const id = userIds.get('scarter') ?? '';
    const before = await arbor.store.managedObjects.get('alpha_user', id);
    const step = await startLogin();
    const { statements } = await statementsOf(() => answer(step, 'scarter'));
    const updates = statements.filter((statement) => oneLine(statement).startsWith('update "managed_objects"'));
    assert.equal(updates.length, 1, statements.map(oneLine).join('\n'));
    assert.match(oneLine(updates[0] ?? { sql: '', parameters: [] }), /^update "managed_objects" set "meta" = \?, "updated_at" = \?, "rev" = rev \+ 1 where/);
    const after = await arbor.store.managedObjects.get('alpha_user', id);
    assert.deepEqual(after?.data, before?.data);
    assert.equal(after?.meta.loginCount, Number(before?.meta.loginCount) + 1);
    assert.equal(after?.rev, String(Number(before?.rev) + 1));
  });
});
