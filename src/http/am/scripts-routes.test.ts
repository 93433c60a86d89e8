/** AM's scripts over HTTP, on the real platform: each verb in AM's shapes, the list envelope and filters, strict 400s, administrators only. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scriptSource } from '../../scripting/am-script.ts';
import { configScriptStore } from '../../scripting/script-store.ts';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const SCRIPTS = '/am/json/realms/root/realms/alpha/scripts';
const SOURCE = 'outcome = "true";\n// café ✓\n';
const ID = '739bdc48-fd24-4c52-b353-88706d75558a';

function scriptBody(name: string, source = SOURCE): Record<string, unknown> {
  return { name, description: 'Checks the username', script: Buffer.from(source).toString('base64'), language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0', default: false };
}

describe('scripts REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  const call = injectCall(() => arbor.app);
  const signIn = (realmPath: string, username: string, password: string): Promise<Record<string, string>> => injectSignIn(arbor.app, realmPath, username, password);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = await signIn('', 'amadmin', ADMIN_PASSWORD);
  });
  after(async () => arbor?.close());

  it('creates (201), reads, replaces (200) and deletes a script in AM’s fields, stored per realm', async () => {
    const created = await call('PUT', `${SCRIPTS}/${ID}`, admin, scriptBody('Check Username'));
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json<Record<string, unknown>>();
    assert.equal(body._id, ID);
    assert.equal(body.script, Buffer.from(SOURCE).toString('base64'));
    assert.equal(typeof body.creationDate, 'number');
    assert.equal(typeof body.createdBy, 'string');
    const stored = await configScriptStore(arbor.store.configs).get('alpha', ID);
    assert.ok(stored !== undefined);
    assert.equal(scriptSource(stored), SOURCE, 'the source is kept as written');
    assert.equal(await configScriptStore(arbor.store.configs).get('root', ID), undefined, 'another realm does not see it');

    const read = await call('GET', `/json/realms/root/realms/alpha/scripts/${ID}`, admin);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), body);

    const replaced = await call('PUT', `${SCRIPTS}/${ID}`, admin, { ...scriptBody('Check Username'), evaluatorVersion: '2.0', _id: ID });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json<{ evaluatorVersion: string }>().evaluatorVersion, '2.0');
    assert.equal(replaced.json<{ creationDate: number }>().creationDate, body.creationDate, 'the creation stays');

    const deleted = await call('DELETE', `${SCRIPTS}/${ID}`, admin);
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.json<{ _id: string }>()._id, ID);
    assert.equal((await call('GET', `${SCRIPTS}/${ID}`, admin)).statusCode, 404);
    assert.equal((await call('DELETE', `${SCRIPTS}/${ID}`, admin)).statusCode, 404);
  });

  it('creates with a generated UUID on _action=create, and honours If-None-Match and If-Match', async () => {
    const created = await call('POST', `${SCRIPTS}?_action=create`, admin, scriptBody('Generated'));
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ _id: string }>()._id;
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal((await call('GET', `${SCRIPTS}/${id}`, admin)).json<{ name: string }>().name, 'Generated');
    assert.equal((await call('POST', `${SCRIPTS}?_action=create`, admin, { ...scriptBody('Other'), _id: id })).statusCode, 409, 'the id is taken');
    assert.equal((await call('POST', `${SCRIPTS}?_action=remove`, admin, scriptBody('X'))).statusCode, 400);

    assert.equal((await call('PUT', `${SCRIPTS}/${id}`, { ...admin, 'if-none-match': '*' }, scriptBody('Generated'))).statusCode, 412, 'create only');
    assert.equal((await call('PUT', `${SCRIPTS}/fresh-one`, { ...admin, 'if-match': '*' }, scriptBody('Fresh'))).statusCode, 412, 'replace only');
    assert.equal((await call('PUT', `${SCRIPTS}/fresh-one`, { ...admin, 'if-none-match': '*' }, scriptBody('Fresh'))).statusCode, 201);
    assert.equal((await call('PUT', `${SCRIPTS}/fresh-one`, { ...admin, 'if-match': '*' }, scriptBody('Fresh'))).statusCode, 200);
    assert.equal((await call('PUT', `${SCRIPTS}/another`, admin, scriptBody('Fresh'))).statusCode, 409, 'a name is unique in the realm');
  });

  it('lists with _queryFilter in AM’s envelope, filtered by name and paged', async () => {
    for (const name of ['Zulu', 'Alpha', 'Mike']) await call('POST', `${SCRIPTS}?_action=create`, admin, scriptBody(`List ${name}`));
    const all = await call('GET', `${SCRIPTS}?_queryFilter=true`, admin);
    assert.equal(all.statusCode, 200);
    const envelope = all.json<{ result: { name: string }[]; resultCount: number; pagedResultsCookie: null; totalPagedResultsPolicy: string; totalPagedResults: number }>();
    const listed = envelope.result.map((script) => script.name).filter((name) => name.startsWith('List '));
    assert.deepEqual(listed, ['List Alpha', 'List Mike', 'List Zulu'], 'sorted by name');
    assert.equal(envelope.resultCount, envelope.result.length);
    assert.equal(envelope.pagedResultsCookie, null);
    assert.equal(envelope.totalPagedResultsPolicy, 'EXACT');
    const byName = await call('GET', `${SCRIPTS}?_queryFilter=${encodeURIComponent('name eq "List Mike"')}`, admin);
    assert.deepEqual(byName.json<{ result: { name: string }[] }>().result.map((script) => script.name), ['List Mike']);
    const paged = await call('GET', `${SCRIPTS}?_queryFilter=${encodeURIComponent('name sw "List"')}&_pageSize=2`, admin);
    assert.deepEqual(paged.json<{ result: { name: string }[]; totalPagedResults: number }>().result.map((script) => script.name), ['List Alpha', 'List Mike']);
    assert.equal(paged.json<{ totalPagedResults: number }>().totalPagedResults, 3);
    assert.equal((await call('GET', `${SCRIPTS}?_queryFilter=${encodeURIComponent('name eq')}`, admin)).statusCode, 400, 'a broken filter');
    assert.equal((await call('GET', SCRIPTS, admin)).statusCode, 400, 'no filter');
    assert.equal((await call('GET', '/am/json/realms/root/scripts?_queryFilter=true', admin)).json<{ resultCount: number }>().resultCount, 0, 'the root realm has its own');
  });

  it('answers a bad script with a 400 in ForgeRock’s error body naming every bad field', async () => {
    const answer = await call('PUT', `${SCRIPTS}/bad-script`, admin, { name: '', script: 'not base64!', language: 'PYTHON', context: 'lower case', evaluatorVersion: '3.0', default: 'yes', colour: 'red' });
    assert.equal(answer.statusCode, 400);
    const error = answer.json<{ code: number; reason: string; message: string; detail: { errors: { field: string }[] } }>();
    assert.equal(error.code, 400);
    assert.equal(error.reason, 'Bad Request');
    assert.deepEqual(error.detail.errors.map((item) => item.field).sort(), ['colour', 'context', 'default', 'evaluatorVersion', 'language', 'name', 'script']);
    assert.match(error.message, /script: is not valid base64/);
    const invalidUtf8 = await call('PUT', `${SCRIPTS}/bad-script`, admin, { ...scriptBody('Bytes'), script: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') });
    assert.match(invalidUtf8.json<{ message: string }>().message, /UTF-8/);
    const tooLarge = await call('PUT', `${SCRIPTS}/bad-script`, admin, scriptBody('Large', 'x'.repeat(1024 * 1024 + 1)));
    assert.equal(tooLarge.statusCode, 400);
    assert.match(tooLarge.json<{ message: string }>().message, /larger than 1048576 bytes/);
    assert.equal((await call('PUT', `${SCRIPTS}/bad-script`, admin, { ...scriptBody('Mismatch'), _id: 'other' })).statusCode, 400, 'the body’s _id must be the URL’s');
    assert.equal((await call('PUT', `${SCRIPTS}/bad%20id`, admin, scriptBody('Space'))).statusCode, 400, 'an id with a space');
    assert.equal((await call('PUT', `${SCRIPTS}/bad-script`, admin, '[1, 2]')).statusCode, 400, 'not an object');
    assert.equal((await call('PUT', `${SCRIPTS}/groovy`, admin, { ...scriptBody('Groovy'), language: 'GROOVY' })).statusCode, 201, 'Groovy is kept');
  });

  it('is for administrators only; unknown realms are 404', async () => {
    assert.equal((await call('GET', `${SCRIPTS}?_queryFilter=true`, {})).statusCode, 401);
    assert.equal((await call('PUT', `${SCRIPTS}/${ID}`, {}, scriptBody('Anonymous'))).statusCode, 401);
    await arbor.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'E', mail: 'erin@example.com' });
    await acceptActiveTerms(arbor, 'alpha_user', 'erin');
    const user = await signIn('/realms/alpha', 'erin', 'Secret-Passw0rd');
    assert.equal((await call('GET', `${SCRIPTS}?_queryFilter=true`, user)).statusCode, 403);
    assert.equal((await call('PUT', `${SCRIPTS}/${ID}`, user, scriptBody('User'))).statusCode, 403);
    assert.equal((await call('POST', `${SCRIPTS}?_action=create`, user, scriptBody('User'))).statusCode, 403);
    assert.equal((await call('DELETE', `${SCRIPTS}/groovy`, user)).statusCode, 403);
    assert.equal((await call('GET', `${SCRIPTS}/groovy`, user)).statusCode, 403);
    const unknown = await call('GET', '/am/json/realms/root/realms/nowhere/scripts?_queryFilter=true', admin);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ message: string }>().message, 'Realm /nowhere not found');
  });
});
