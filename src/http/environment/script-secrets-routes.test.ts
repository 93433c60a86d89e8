/**
 * The ESV secrets API on a whole Arbor: administrators create, read, list, describe, version and
 * delete secrets in Identity Cloud's shapes; values are never answered, never stored in clear and
 * never in the audit; auditors read the metadata only, end users and strangers are refused;
 * bad writes are 400s naming the field, without the value.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { scriptSecretDocumentId } from '../../secrets/script-secret-document.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };
const PASSWORD = 'Secret-Passw0rd';
const SECRETS = '/environment/secrets';
const VALUE = 'Sup3r-Secret-API-key-value';
const VALUE_BASE64 = Buffer.from(VALUE).toString('base64');
const NEW_VALUE = 'Rotated-API-key-value-2';

describe('ESV secrets REST', () => {
  let arbor: TestPlatform;
  let auditor: Record<string, string>;
  let realmAdmin: Record<string, string>;
  let endUser: Record<string, string>;
  const call = injectCall(() => arbor.app);
  const answered: string[] = [];
  const recorded = async (...args: Parameters<typeof call>) => {
    const answer = await call(...args);
    answered.push(answer.body);
    return answer;
  };

  before(async () => {
    arbor = await inMemoryPlatform();
    const person = (userName: string) => ({ userName, password: PASSWORD, givenName: userName, sn: 'A', mail: `${userName}@example.com` });
    const audrey = await arbor.identity.createUser('user', person('audrey'));
    await arbor.identity.createUser('alpha_user', person('ursula'));
    const granted = await call('POST', `/openidm/managed/user/${audrey._id}/authzRoles`, ADMIN, { _ref: 'internal/role/auditor' });
    assert.equal(granted.statusCode, 201, granted.body);
    await acceptActiveTerms(arbor, 'user', 'audrey');
    await acceptActiveTerms(arbor, 'alpha_user', 'ursula');
    // A realm's administrator manages that realm only: tenant-wide secrets (read by every realm's scripts) are not theirs.
    const ada = await arbor.identity.createUser('alpha_user', person('ada'));
    assert.equal((await call('POST', `/openidm/managed/alpha_user/${ada._id}/authzRoles`, ADMIN, { _ref: 'internal/role/realm-admin-alpha' })).statusCode, 201);
    await acceptActiveTerms(arbor, 'alpha_user', 'ada');
    realmAdmin = await injectSignIn(arbor.app, '/realms/alpha', 'ada', PASSWORD);
    auditor = await injectSignIn(arbor.app, '', 'audrey', PASSWORD);
    endUser = await injectSignIn(arbor.app, '/realms/alpha', 'ursula', PASSWORD);
  });
  after(async () => arbor?.close());

  it('creates (201), reads, lists, replaces (200), describes, versions and deletes a secret, never answering its value', async () => {
    const created = await recorded('PUT', `${SECRETS}/esv-risk-api-key`, ADMIN, { encoding: 'generic', useInPlaceholders: false, valueBase64: VALUE_BASE64, description: 'Risk service API key' });
    assert.equal(created.statusCode, 201, created.body);
    const secret = created.json<Record<string, unknown>>();
    assert.deepEqual(
      { ...secret, createDate: typeof secret.createDate, lastChangeDate: typeof secret.lastChangeDate },
      { _id: 'esv-risk-api-key', description: 'Risk service API key', encoding: 'generic', useInPlaceholders: false, activeVersion: '1', loadedVersion: '1', loaded: true, createDate: 'string', lastChangeDate: 'string', lastChangedBy: 'amadmin' },
    );
    const read = await recorded('GET', `${SECRETS}/esv-risk-api-key`, ADMIN);
    assert.deepEqual([read.statusCode, read.json()], [200, secret]);
    const list = await recorded('GET', SECRETS, ADMIN);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), { result: [secret], resultCount: 1, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });

    const replaced = await recorded('PUT', `${SECRETS}/esv-risk-api-key`, ADMIN, { valueBase64: Buffer.from(NEW_VALUE).toString('base64'), description: 'Rotated' });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.deepEqual([replaced.json<{ activeVersion: string }>().activeVersion, replaced.json<{ description: string }>().description], ['2', 'Rotated']);
    const described = await recorded('POST', `${SECRETS}/esv-risk-api-key?_action=setDescription`, ADMIN, { description: 'Risk API (rotated)' });
    assert.equal(described.statusCode, 200, described.body);
    assert.equal(described.json<{ description: string }>().description, 'Risk API (rotated)');
    const version = await recorded('POST', `${SECRETS}/esv-risk-api-key/versions?_action=create`, ADMIN, { valueBase64: VALUE_BASE64 });
    assert.equal(version.statusCode, 201, version.body);
    assert.equal(version.json<{ version: string }>().version, '3');
    const versions = await recorded('GET', `${SECRETS}/esv-risk-api-key/versions`, ADMIN);
    assert.deepEqual(versions.json<{ version: string; status: string }[]>().map((entry) => [entry.version, entry.status]), [['3', 'ENABLED']]);

    const raw = JSON.stringify(await arbor.store.configs.get(scriptSecretDocumentId('esv-risk-api-key')));
    for (const clear of [VALUE, VALUE_BASE64, NEW_VALUE]) assert.equal(raw.includes(clear), false, 'sealed at rest');

    const deleted = await recorded('DELETE', `${SECRETS}/esv-risk-api-key`, ADMIN);
    assert.deepEqual([deleted.statusCode, deleted.json<{ _id: string }>()._id], [200, 'esv-risk-api-key']);
    assert.equal((await recorded('GET', `${SECRETS}/esv-risk-api-key`, ADMIN)).statusCode, 404);
    assert.equal((await recorded('DELETE', `${SECRETS}/esv-risk-api-key`, ADMIN)).statusCode, 404);
    assert.equal((await recorded('POST', `${SECRETS}/esv-risk-api-key/versions?_action=create`, ADMIN, { valueBase64: VALUE_BASE64 })).statusCode, 404);

    for (const body of answered) for (const clear of [VALUE, VALUE_BASE64, NEW_VALUE, 'sealed', '"v1.']) assert.equal(body.includes(clear), false, `${clear} answered in ${body}`);
  });

  it('audits every change as a config event without the value', async () => {
    await call('PUT', `${SECRETS}/esv-audited`, ADMIN, { valueBase64: VALUE_BASE64, description: 'first' });
    await call('POST', `${SECRETS}/esv-audited?_action=setDescription`, ADMIN, { description: 'second' });
    await call('DELETE', `${SECRETS}/esv-audited`, ADMIN);
    const answer = await call('GET', `/openidm/audit/config?_queryFilter=${encodeURIComponent('objectId eq "environment/secrets/esv-audited"')}`, ADMIN);
    assert.equal(answer.statusCode, 200, answer.body);
    const events = answer.json<{ result: { operation: string; actor?: { username?: string }; after?: { description?: string } }[] }>().result;
    assert.deepEqual(events.map((event) => event.operation).sort(), ['create', 'delete', 'update']);
    assert.ok(events.every((event) => event.actor?.username === 'amadmin'));
    assert.ok(events.some((event) => event.after?.description === 'second'));
    for (const clear of [VALUE, VALUE_BASE64, '"sealed"', '"v1.']) assert.equal(answer.body.includes(clear), false, `${clear} is in the audit`);
  });

  it('lets auditors read the metadata only, and refuses realm administrators, end users and strangers', async () => {
    assert.equal((await call('PUT', `${SECRETS}/esv-guarded`, ADMIN, { valueBase64: VALUE_BASE64 })).statusCode, 201);
    assert.equal((await call('GET', SECRETS, auditor)).statusCode, 200);
    assert.equal((await call('GET', `${SECRETS}/esv-guarded`, auditor)).statusCode, 200);
    assert.equal((await call('GET', `${SECRETS}/esv-guarded/versions`, auditor)).statusCode, 200);
    for (const [method, url, body] of [
      ['PUT', `${SECRETS}/esv-guarded`, { valueBase64: 'YQ==' }],
      ['POST', `${SECRETS}/esv-guarded?_action=setDescription`, { description: 'x' }],
      ['POST', `${SECRETS}/esv-guarded/versions?_action=create`, { valueBase64: 'YQ==' }],
      ['DELETE', `${SECRETS}/esv-guarded`, undefined],
    ] as const) {
      assert.equal((await call(method, url, auditor, body)).statusCode, 403, `auditor ${method} ${url}`);
      assert.equal((await call(method, url, endUser, body)).statusCode, 403, `end user ${method} ${url}`);
      assert.equal((await call(method, url, realmAdmin, body)).statusCode, 403, `realm administrator ${method} ${url}`);
      assert.equal((await call(method, url, {}, body)).statusCode, 401, `stranger ${method} ${url}`);
    }
    for (const url of [SECRETS, `${SECRETS}/esv-guarded`]) {
      assert.equal((await call('GET', url, endUser)).statusCode, 403, url);
      assert.equal((await call('GET', url, realmAdmin)).statusCode, 403, `realm administrator ${url}`);
      assert.equal((await call('GET', url, {})).statusCode, 401, url);
    }
    assert.equal((await call('GET', `${SECRETS}/esv-guarded`, ADMIN)).json<{ activeVersion: string }>().activeVersion, '1', 'nothing changed');
  });

  it('refuses bad ids and bodies with a 400 naming the field, never the value', async () => {
    const cases: [string, unknown, RegExp][] = [
      [`${SECRETS}/risk-key`, { valueBase64: VALUE_BASE64 }, /is not a secret id: esv- then lower-case letters/],
      [`${SECRETS}/esv-Upper`, { valueBase64: VALUE_BASE64 }, /is not a secret id/],
      [`${SECRETS}/esv-x`, { valueBase64: `${VALUE}!` }, /valueBase64 is not base64/],
      [`${SECRETS}/esv-x`, { description: 'no value' }, /valueBase64 is required/],
      [`${SECRETS}/esv-x`, { valueBase64: VALUE_BASE64, encoding: 'pem' }, /encoding must be "generic"/],
      [`${SECRETS}/esv-x`, { valueBase64: VALUE_BASE64, value: VALUE }, /value is not a field of a secret/],
      [`${SECRETS}/esv-x`, { valueBase64: VALUE_BASE64, _id: 'esv-y' }, /_id must be the id in the path/],
      [`${SECRETS}/esv-x`, { valueBase64: VALUE_BASE64, useInPlaceholders: 'yes' }, /useInPlaceholders must be true or false/],
      [`${SECRETS}/esv-x`, [VALUE], /the body must be a JSON object/],
      [`${SECRETS}/esv-x`, { valueBase64: Buffer.alloc(64 * 1024 + 1).toString('base64') }, /longer than 65536 bytes/],
    ];
    for (const [url, body, message] of cases) {
      const answer = await call('PUT', url, ADMIN, body);
      assert.equal(answer.statusCode, 400, `${url} ${answer.body}`);
      assert.match(answer.json<{ message: string }>().message, message);
      assert.equal(answer.body.includes(VALUE), false, 'the value is never quoted');
    }
    assert.equal((await call('POST', `${SECRETS}/esv-x?_action=rotate`, ADMIN, {})).statusCode, 400);
    assert.equal((await call('GET', `${SECRETS}/esv-x`, ADMIN)).statusCode, 404, 'nothing was written');
  });
});
