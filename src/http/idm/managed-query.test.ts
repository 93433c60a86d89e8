/** Queries on `/openidm/managed/<type>`: response shape, filters, sorting, paging by cookie and offset, counts, `_fields`, patch by query. */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const NAMES = ['qa-delta', 'qa-alpha', 'qa-golf', 'qa-charlie', 'qa-foxtrot', 'qa-bravo', 'qa-echo'];

interface QueryBody {
  result: Record<string, unknown>[];
  resultCount: number;
  pagedResultsCookie: string | null;
  totalPagedResultsPolicy: string;
  totalPagedResults: number;
  remainingPagedResults: number;
}

onEveryDatabase('managed object queries', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  const query = async (params: string): Promise<QueryBody> => {
    const response = await call(arbor, 'GET', `${USERS}?${params}`, admin);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<QueryBody>();
  };
  const failure = async (params: string): Promise<{ status: number; message: string }> => {
    const response = await call(arbor, 'GET', `${USERS}?${params}`, admin);
    return { status: response.statusCode, message: response.json<{ message: string }>().message };
  };
  const suite = `_queryFilter=${encodeURIComponent('sn eq "Query"')}`;
  const names = (body: QueryBody) => body.result.map((user) => user.userName);

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
    for (const [i, userName] of NAMES.entries()) {
      const body = { userName, givenName: `G${i % 3}`, sn: 'Query', mail: `${userName}@example.com`, ...(i === 0 ? { password: 'Secret-Passw0rd' } : {}) };
      assert.equal((await call(arbor, 'POST', `${USERS}?_action=create`, admin, body)).statusCode, 201);
    }
  });

  it('answers IDM’s query response shape, keys in order', async () => {
    const body = await query(suite);
    assert.deepEqual(Object.keys(body), ['result', 'resultCount', 'pagedResultsCookie', 'totalPagedResultsPolicy', 'totalPagedResults', 'remainingPagedResults']);
    assert.equal(body.resultCount, NAMES.length);
    assert.equal(body.pagedResultsCookie, null);
    assert.equal(body.totalPagedResultsPolicy, 'NONE');
    assert.equal(body.totalPagedResults, -1);
    assert.equal(body.remainingPagedResults, -1);
  });

  it('filters (case-insensitively, with and, or, not, sw, co, pr) and sorts ascending, descending and by several keys', async () => {
    assert.deepEqual(names(await query(`_queryFilter=${encodeURIComponent('userName eq "QA-ECHO"')}`)), ['qa-echo']);
    const sorted = [...NAMES].sort();
    assert.deepEqual(names(await query(`${suite}&_sortKeys=userName`)), sorted);
    assert.deepEqual(names(await query(`${suite}&_sortKeys=-userName`)), [...sorted].reverse());
    assert.deepEqual(names(await query(`${suite}&_sortKeys=%2BgivenName,-userName`)), ['qa-echo', 'qa-delta', 'qa-charlie', 'qa-foxtrot', 'qa-alpha', 'qa-golf', 'qa-bravo']);
    const filter = '(userName sw "qa-a" or userName co "harl") and !(givenName eq "G9") and mail pr';
    assert.deepEqual(names(await query(`_queryFilter=${encodeURIComponent(filter)}&_sortKeys=userName`)), ['qa-alpha', 'qa-charlie']);
  });

  it('pages by cookie until the cookie is null, and by offset until past the end', async () => {
    const seen: unknown[] = [];
    let cookie: string | null = '';
    for (let page = 0; cookie !== null; page++) {
      assert.ok(page < 10, 'the cookie never ended');
      const body: QueryBody = await query(`${suite}&_sortKeys=userName&_pageSize=2${cookie === '' ? '' : `&_pagedResultsCookie=${encodeURIComponent(cookie)}`}`);
      assert.ok(body.resultCount <= 2);
      seen.push(...names(body));
      cookie = body.pagedResultsCookie;
    }
    assert.deepEqual(seen, [...NAMES].sort());
    const byOffset: unknown[] = [];
    for (let offset = 0; offset < 10; offset += 3) byOffset.push(...names(await query(`${suite}&_sortKeys=-userName&_pageSize=3&_pagedResultsOffset=${offset}`)));
    assert.deepEqual(byOffset, [...NAMES].sort().reverse());
    assert.equal((await query(`${suite}&_pageSize=3&_pagedResultsOffset=30`)).resultCount, 0);
  });

  it('counts with _totalPagedResultsPolicy=EXACT; refuses ESTIMATE', async () => {
    const exact = await query(`${suite}&_pageSize=2&_totalPagedResultsPolicy=EXACT`);
    assert.equal(exact.totalPagedResults, NAMES.length);
    assert.equal(exact.totalPagedResultsPolicy, 'EXACT');
    assert.equal(exact.resultCount, 2);
    const estimate = await failure(`${suite}&_totalPagedResultsPolicy=ESTIMATE`);
    assert.equal(estimate.status, 400);
    assert.match(estimate.message, /ESTIMATE/);
  });

  it('projects _fields; _queryId=query-all-ids returns only _id and _rev; other query ids are 400', async () => {
    const fields = await query(`${suite}&_fields=userName&_sortKeys=userName&_pageSize=1`);
    assert.deepEqual(Object.keys(fields.result[0] ?? {}), ['_id', '_rev', 'userName']);
    const ids = await query('_queryId=query-all-ids');
    assert.ok(ids.resultCount >= NAMES.length);
    for (const item of ids.result) assert.deepEqual(Object.keys(item), ['_id', '_rev']);
    assert.equal((await failure('_queryId=for-userName&uid=qa-alpha')).status, 400);
    assert.equal((await failure('')).status, 400);
    assert.equal((await failure(`${suite}&_queryId=query-all-ids`)).status, 400);
  });

  it('never returns the password hash, even when asked for it', async () => {
    for (const params of [suite, `${suite}&_fields=password`, `${suite}&_fields=*,password,_meta/*`]) {
      for (const user of (await query(params)).result) assert.equal(user.password, undefined, params);
    }
    assert.doesNotMatch(JSON.stringify(await query(`${suite}&_fields=*,password`)), /argon2/);
  });

  it('answers 400 for a bad filter (with its position), a field that is not searchable, a bad cookie, bad paging', async () => {
    const syntax = await failure(`_queryFilter=${encodeURIComponent('userName eq')}`);
    assert.equal(syntax.status, 400);
    assert.match(syntax.message, /position \d+/);
    const secret = await failure(`_queryFilter=${encodeURIComponent('password eq "x"')}`);
    assert.equal(secret.status, 400);
    assert.match(secret.message, /password/);
    assert.equal((await failure(`_queryFilter=${encodeURIComponent('preferences/marketing eq true')}`)).status, 400);
    assert.equal((await failure(`${suite}&_pageSize=2&_pagedResultsCookie=garbage!`)).status, 400);
    assert.equal((await failure(`${suite}&_pageSize=-2`)).status, 400);
    assert.equal((await failure(`${suite}&_sortKeys=password`)).status, 400);
  });

  it('patches every match with POST ?_action=patch&_queryFilter=… and returns the patched objects', async () => {
    const filter = encodeURIComponent('userName sw "qa-" and givenName eq "G1"');
    const response = await call(arbor, 'POST', `${USERS}?_action=patch&_queryFilter=${filter}`, admin, [{ operation: 'replace', field: '/description', value: 'bulk' }]);
    assert.equal(response.statusCode, 200, response.body);
    const patched = response.json<Record<string, unknown>[]>();
    assert.deepEqual(patched.map((user) => user.userName).sort(), ['qa-alpha', 'qa-foxtrot']);
    for (const user of patched) assert.equal(user.description, 'bulk');
    assert.deepEqual(names(await query(`_queryFilter=${encodeURIComponent('description eq "bulk"')}&_sortKeys=userName`)), ['qa-alpha', 'qa-foxtrot']);
  });
});
