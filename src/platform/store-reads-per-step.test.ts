/**
 * What one journey step reads from the store, counted through a proxy of the real store (SQLite in
 * memory; PostgreSQL in a fresh schema when `ARBOR_TEST_POSTGRES_URL` is set), with a clock that only
 * the test moves: the first Registration step reads the 18 KB `managed` document once (it used to
 * be read, and parsed, 16 times), a repeated Login start reads no journey and no configuration, and
 * a change made through Arbor's REST API is seen by the very next request.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { CACHE_TTL_MS } from '../cache/cache-ttl.ts';
import { manualClock } from '../store/contract/manual-clock.ts';
import { interceptCalls } from '../store/memory/testing/intercept-calls.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { TestPlatform } from './testing/in-memory-platform.ts';
import { testPlatformOn } from './testing/in-memory-platform.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
const ALPHA = '/am/json/realms/root/realms/alpha/authenticate';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };

/** `store` with its configuration, journey and realm reads written to `log` (`configs.get managed`…), then done by the real store. */
function readsLogged(store: Store, log: (read: string) => void): Store {
  return {
    ...store,
    configs: interceptCalls(store.configs, { get: (id) => log(`configs.get ${id}`), list: (prefix) => log(`configs.list ${prefix}`) }),
    journeys: interceptCalls(store.journeys, {
      get: (realm, name) => log(`journeys.get ${realm}/${name}`),
      current: (realm, name) => log(`journeys.current ${realm}/${name}`),
      version: (realm, name, revision) => log(`journeys.version ${realm}/${name}@${revision}`),
      list: (realm) => log(`journeys.list ${realm}`),
    }),
    realms: interceptCalls(store.realms, { get: (name) => log(`realms.get ${name}`), list: () => log('realms.list') }),
  };
}

/** Where a suite's store lives: how to open it, and what to remove afterwards. */
interface Backend {
  name: string;
  skip: string | false;
  open(clock: { now(): number }): Promise<Store>;
  cleanUp(): Promise<void>;
}

function postgresBackend(url: string): Backend {
  const schema = `arbor_reads_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string): Promise<void> => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  return {
    name: 'PostgreSQL',
    skip: false,
    async open(clock) {
      await run(`create schema ${schema}`);
      const schemaUrl = new URL(url);
      schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
      return openStore({ databaseUrl: schemaUrl.toString(), clock });
    },
    cleanUp: () => run(`drop schema if exists ${schema} cascade`),
  };
}

const backends: Backend[] = [
  { name: 'SQLite', skip: false, open: (clock) => openStore({ memory: true, clock }), cleanUp: async () => {} },
  POSTGRES_URL === undefined
    ? { name: 'PostgreSQL', skip: 'ARBOR_TEST_POSTGRES_URL is not set', open: () => Promise.reject(new Error('skipped')), cleanUp: async () => {} }
    : postgresBackend(POSTGRES_URL),
];

for (const backend of backends) {
  describe(`store reads per journey step (${backend.name})`, { skip: backend.skip }, () => {
    let arbor: TestPlatform;
    /** The store under the platform, written to as another process would: nothing is announced to Arbor's caches. */
    let elsewhere: Store;
    let reads: string[] | undefined;
    const clock = manualClock(Date.now());
    /** The reads `request` causes. */
    const readsOf = async (request: () => Promise<unknown>): Promise<string[]> => {
      reads = [];
      try {
        await request();
        return reads;
      } finally {
        reads = undefined;
      }
    };
    const start = async (tree: string) => {
      const response = await arbor.app.inject({ method: 'POST', url: `${ALPHA}?authIndexType=service&authIndexValue=${tree}` });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<{ callbacks: { type: string; output: { name: string; value: unknown }[] }[] }>();
    };
    const prompt = (step: Awaited<ReturnType<typeof start>>, attribute: string): unknown =>
      step.callbacks.find((callback) => callback.output.some((output) => output.name === 'name' && output.value === attribute))?.output.find((output) => output.name === 'prompt')?.value;
    const count = (list: string[], read: string): number => list.filter((entry) => entry === read).length;

    before(async () => {
      arbor = await testPlatformOn(
        async (testClock) => {
          elsewhere = await backend.open(testClock);
          return readsLogged(elsewhere, (read) => void reads?.push(read));
        },
        {},
        { clock },
      );
    });
    after(async () => {
      await arbor?.close();
      await backend.cleanUp();
    });

    it('reads the managed configuration at most once for the first Registration step, and nothing of it for the next', async () => {
      const first = await readsOf(() => start('Registration'));
      assert.equal(count(first, 'configs.get managed'), 1, first.join('\n'));
      assert.equal(first.filter((read) => read.startsWith('journeys.')).length, 1, first.join('\n'));
      const second = await readsOf(() => start('Registration'));
      assert.deepEqual(second, [], 'a second Registration start reads no configuration, journey or realm');
    });

    it('reads no journey, configuration or realm for a repeated Login start step', async () => {
      await start('Login');
      const again = await readsOf(() => start('Login'));
      assert.deepEqual(again, []);
    });

    it('sees a change made through Arbor\u2019s API at the very next request, and one made behind its back once the TTL has passed', async () => {
      const managed = (await arbor.app.inject({ method: 'GET', url: '/openidm/config/managed', headers: ADMIN })).json<{ objects: { name: string; schema: { properties: Record<string, { title?: string }> } }[] }>();
      const givenName = managed.objects.find((object) => object.name === 'alpha_user')?.schema.properties['givenName'];
      assert.ok(givenName !== undefined);
      givenName.title = 'Given Name';
      const put = await arbor.app.inject({ method: 'PUT', url: '/openidm/config/managed', headers: { ...ADMIN, 'content-type': 'application/json' }, payload: JSON.stringify(managed) });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(prompt(await start('Registration'), 'givenName'), 'Given Name', 'no waiting: the write through Arbor dropped the cached document');

      const kba = (await arbor.app.inject({ method: 'GET', url: '/openidm/config/selfservice.kba', headers: ADMIN })).json<{ questions: Record<string, Record<string, string>> }>();
      kba.questions = { ...kba.questions, extra: { en: 'What was the name of your first school?' } };
      const kbaPut = await arbor.app.inject({ method: 'PUT', url: '/openidm/config/selfservice.kba', headers: { ...ADMIN, 'content-type': 'application/json' }, payload: JSON.stringify(kba) });
      assert.equal(kbaPut.statusCode, 200, kbaPut.body);
      const questions = (await start('Registration')).callbacks.find((callback) => callback.type === 'KbaCreateCallback')?.output.find((output) => output.name === 'predefinedQuestions')?.value;
      assert.ok(Array.isArray(questions) && questions.includes('What was the name of your first school?'), JSON.stringify(questions));

      // Behind Arbor's back (another process): the cached document is trusted for the TTL, then read again.
      const outside = structuredClone(managed);
      const outsideGivenName = outside.objects.find((object) => object.name === 'alpha_user')?.schema.properties['givenName'];
      assert.ok(outsideGivenName !== undefined);
      outsideGivenName.title = 'Forename';
      const { _id: _ignored, ...document }: typeof outside & { _id?: string } = outside;
      await elsewhere.configs.put('managed', document);
      clock.advance(CACHE_TTL_MS - 1);
      assert.equal(prompt(await start('Registration'), 'givenName'), 'Given Name', 'within the TTL');
      clock.advance(1);
      assert.equal(prompt(await start('Registration'), 'givenName'), 'Forename', 'once the TTL has passed');
    });
  });
}
