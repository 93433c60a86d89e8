/**
 * The audit service on the memory audit store: events stamped and stored, streamed as one JSON
 * line each (topic and timestamp first) when streaming is on, access events kept only when asked,
 * a failing store counted and logged but never thrown, the query's filter, order, paging and
 * checks, one user's old events found under 60 000 newer ones (equality pushed down to the store),
 * exact totals when the store answers the whole filter, and the retention purge.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQueryFilter } from '../identity/query-filter/parse-query-filter.ts';
import { memoryAuditStore } from '../store/memory/memory-audit-store.ts';
import { isAuditError } from './audit-errors.ts';
import { createAuditService } from './audit-service.ts';
import type { AuditEvent } from './audit-event.ts';
import { DEFAULT_AUDIT_SETTINGS } from './audit-settings.ts';
import type { AuditStore } from './audit-store.ts';

const DAY = 86_400_000;

function setup(options: { stdout?: boolean; storeAccess?: boolean; store?: AuditStore } = {}) {
  let now = Date.UTC(2030, 0, 1);
  const lines: string[] = [];
  const errors: unknown[] = [];
  const audit = createAuditService({
    store: options.store ?? memoryAuditStore(),
    settings: { ...DEFAULT_AUDIT_SETTINGS, stdout: options.stdout ?? false, storeAccess: options.storeAccess ?? false },
    clock: { now: () => now },
    writeLine: (line) => lines.push(line),
    onStoreError: (error) => errors.push(error),
  });
  return { audit, lines, errors, advance: (ms: number) => void (now += ms) };
}

const failure = (userName: string) => ({ topic: 'authentication' as const, realm: 'alpha', journey: 'Login', outcome: 'FAILURE' as const, userName });
const all = parseQueryFilter('true');

describe('AuditService', () => {
  it('stamps each event with an id and an ISO timestamp and stores it', async () => {
    const { audit } = setup();
    audit.record(failure('bjensen'));
    const { result } = await audit.query('authentication', { filter: all });
    assert.equal(result.length, 1);
    assert.equal(result[0]?.timestamp, '2030-01-01T00:00:00.000Z');
    assert.match(result[0]?._id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(audit.counters.recorded, 1);
  });

  it('streams every event as one JSON line, topic and timestamp first, when streaming is on', async () => {
    const { audit, lines } = setup({ stdout: true });
    audit.record(failure('bjensen'));
    audit.record({ topic: 'access', method: 'GET', route: '/openidm/managed/:type', status: 200, elapsedMs: 4 });
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(!line.includes('\n'));
    assert.match(lines[0] ?? '', /^\{"topic":"authentication","timestamp":"2030-01-01T00:00:00.000Z",/);
    assert.deepEqual(JSON.parse(lines[1] ?? '').route, '/openidm/managed/:type');
    const quiet = setup();
    quiet.audit.record(failure('bjensen'));
    assert.deepEqual(quiet.lines, [], 'nothing streamed by default');
  });

  it('keeps access events only when told to', async () => {
    const access = { topic: 'access' as const, method: 'GET', route: '/x', status: 200, elapsedMs: 1 };
    const dropped = setup();
    dropped.audit.record(access);
    assert.deepEqual((await dropped.audit.query('access', { filter: all })).result, []);
    const kept = setup({ storeAccess: true });
    kept.audit.record(access);
    assert.equal((await kept.audit.query('access', { filter: all })).result.length, 1);
  });

  it('never throws when the store fails: the failure is counted and reported', async () => {
    const broken: AuditStore = { ...memoryAuditStore(), append: () => Promise.reject(new Error('disk full')) };
    const { audit, errors } = setup({ store: broken });
    assert.doesNotThrow(() => audit.record(failure('bjensen')));
    await audit.settled();
    assert.equal(audit.counters.storeFailures, 1);
    assert.match(String(errors[0]), /disk full/);
  });

  it('drops (and counts) events beyond the bound of writes waiting for a stuck store', async () => {
    const stuck: AuditStore = { ...memoryAuditStore(), append: () => new Promise(() => {}) };
    const audit = createAuditService({ store: stuck, settings: DEFAULT_AUDIT_SETTINGS, clock: Date, maxPending: 2 });
    for (let index = 0; index < 5; index += 1) audit.record(failure('x'));
    assert.equal(audit.counters.dropped, 3);
  });

  it('filters with a CREST query filter, newest first or oldest first, in pages', async () => {
    const { audit, advance } = setup();
    for (const name of ['ann', 'bob', 'ann', 'cid', 'ann']) {
      audit.record(failure(name));
      advance(1000);
    }
    const anns = await audit.query('authentication', { filter: parseQueryFilter('userName eq "ann"') }, { pageSize: 2 });
    assert.deepEqual(anns.result.map((event) => event.timestamp), ['2030-01-01T00:00:04.000Z', '2030-01-01T00:00:02.000Z']);
    assert.equal(anns.pagedResultsCookie, '2');
    const last = await audit.query('authentication', { filter: parseQueryFilter('userName eq "ann"') }, { pageSize: 2, offset: 2 });
    assert.deepEqual(last.result.map((event) => event.timestamp), ['2030-01-01T00:00:00.000Z']);
    assert.equal(last.pagedResultsCookie, null);
    const oldest = await audit.query('authentication', { filter: all }, { ascending: true, pageSize: 1 });
    assert.equal(oldest.result[0]?.timestamp, '2030-01-01T00:00:00.000Z');
    const window = await audit.query('authentication', { filter: parseQueryFilter('timestamp ge "2030-01-01T00:00:01.000Z" and timestamp lt "2030-01-01T00:00:03.000Z"') });
    assert.deepEqual(window.result.map((event) => event.timestamp), ['2030-01-01T00:00:02.000Z', '2030-01-01T00:00:01.000Z']);
  });

  it('keeps to one realm when asked', async () => {
    const { audit } = setup();
    audit.record(failure('ann'));
    audit.record({ ...failure('bob'), realm: 'beta' });
    const beta = await audit.query('authentication', { filter: all, realm: 'beta' });
    assert.deepEqual(beta.result.map((event) => (event.topic === 'authentication' ? event.userName : '')), ['bob']);
  });

  it('refuses page sizes and offsets out of range with a typed error', async () => {
    const { audit } = setup();
    for (const paging of [{ pageSize: 0 }, { pageSize: 1001 }, { offset: -1 }, { offset: 1.5 }]) {
      await assert.rejects(audit.query('authentication', { filter: all }, paging), (error) => isAuditError(error) && error.code === 'AUDIT_QUERY_INVALID');
    }
  });

  it('finds one user\'s event under 60 000 newer events of others, also with a filter part the store cannot answer', async () => {
    const store = memoryAuditStore();
    const { audit } = setup({ store });
    const base = Date.UTC(2030, 0, 1);
    const event = (index: number, userName: string): AuditEvent => ({
      topic: 'authentication',
      timestamp: new Date(base + index).toISOString(),
      _id: `ev-${String(index).padStart(6, '0')}`,
      realm: 'alpha',
      journey: 'Login',
      outcome: 'FAILURE',
      userName,
      node: { id: 'n1', type: 'DataStoreDecisionNode', tree: 'Login' },
    });
    await store.appendMany([{ event: event(0, 'needle'), at: base }, ...Array.from({ length: 60_000 }, (_, index) => ({ event: event(index + 1, `user${index % 1000}`), at: base + index + 1 }))]);
    const ids = async (filter: string) => (await audit.query('authentication', { filter: parseQueryFilter(filter) })).result.map((found) => found._id);
    assert.deepEqual(await ids('userName eq "Needle"'), ['ev-000000']);
    assert.deepEqual(await ids('userName eq "needle" and node/type eq "DataStoreDecisionNode"'), ['ev-000000']);
    assert.deepEqual(await ids('userName eq "needle" and node/type eq "ScriptedDecisionNode"'), []);
    assert.deepEqual(await ids('userName in \'["needle","nobody"]\' and realm eq "alpha" and timestamp lt "2030-01-01T00:00:00.001Z"'), ['ev-000000']);
    assert.deepEqual(await ids('userName co "needle"'), [], 'what the store cannot answer is read from the newest 50 000 events only');
  });

  it('counts every match (EXACT) when the store answers the whole filter, else says it did not (-1)', async () => {
    const { audit, advance } = setup();
    for (const name of ['ann', 'bob', 'Ann', 'cid', 'ann']) {
      audit.record(failure(name));
      advance(1000);
    }
    const total = async (filter: string, exactTotal = true) => {
      const answer = await audit.query('authentication', { filter: parseQueryFilter(filter) }, { pageSize: 1, exactTotal });
      return [answer.totalPagedResultsPolicy, answer.totalPagedResults, answer.resultCount];
    };
    assert.deepEqual(await total('userName eq "ann"'), ['EXACT', 3, 1]);
    assert.deepEqual(await total('true'), ['EXACT', 5, 1]);
    assert.deepEqual(await total('userName eq "ann" and outcome eq "FAILURE" and timestamp ge "2030-01-01T00:00:02.000Z"'), ['EXACT', 2, 1]);
    assert.deepEqual(await total('userName eq "ann"', false), ['NONE', -1, 1], 'counted only when asked');
    assert.deepEqual(await total('userName eq "ann" and journey eq "Login"'), ['NONE', -1, 1]);
    assert.deepEqual(await total('timestamp ge "2030-01-01T00:00:02Z"'), ['NONE', -1, 1], 'a timestamp not in the stored form bounds the read but is still evaluated');
    assert.deepEqual(await total('userName eq "ann" or userName eq "bob"'), ['NONE', -1, 1]);
  });

  it('purges the events older than the retention period', async () => {
    const { audit, advance } = setup();
    audit.record(failure('old'));
    advance(DEFAULT_AUDIT_SETTINGS.retentionDays * DAY + 1);
    audit.record(failure('new'));
    await audit.settled();
    assert.equal(await audit.purgeExpired(), 1);
    const left = await audit.query('authentication', { filter: all });
    assert.deepEqual(left.result.map((event) => (event.topic === 'authentication' ? event.userName : '')), ['new']);
  });
});
