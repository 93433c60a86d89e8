/**
 * Usernames over the IDM REST API: one spelling per name. Composed and decomposed forms, fullwidth
 * letters and spaces at either end are normalized away (stored NFKC and trimmed, so they are the
 * same account: `UNIQUE`); control and invisible characters are refused (`VALID_USERNAME_FORMAT`),
 * as are names over 255 code points (`MAX_LENGTH`). The policy endpoint says the same.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };
// Each person gets an address of their own: mail is unique.
let people = 0;
const person = (userName: string, mail = `u${++people}@example.com`) => ({ userName, givenName: 'Una', sn: 'Code', mail, password: 'Secret-Passw0rd' });
const NFC = 'Jos\u00e9';
const NFD = 'Jose\u0301';

/** The requirement codes a 403 reports for `userName`. */
function userNameFailures(response: { statusCode: number; body: string }): string[] {
  assert.equal(response.statusCode, 403, response.body);
  const detail = (JSON.parse(response.body) as { detail?: { failedPolicyRequirements?: { property: string; policyRequirements: { policyRequirement: string }[] }[] } }).detail;
  return (detail?.failedPolicyRequirements ?? []).filter((entry) => entry.property === 'userName').flatMap((entry) => entry.policyRequirements.map((failure) => failure.policyRequirement));
}

onEveryDatabase('Usernames over IDM REST', (platform) => {
  let arbor: TestPlatform;
  const userNamesLike = async (text: string) =>
    (await arbor.store.managedObjects.query('alpha_user', { filter: { op: 'true' }, sortKeys: [], countTotal: false })).items
      .map((stored) => stored.data.userName)
      .filter((name) => typeof name === 'string' && name.normalize('NFKC').trim().toLowerCase() === text.toLowerCase());

  before(async () => {
    arbor = platform();
    const created = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person(NFC));
    assert.equal(created.statusCode, 201, created.body);
  });

  it('treats the decomposed form, fullwidth letters and spaces at either end as the same name (UNIQUE)', async () => {
    for (const spelling of [NFD, ` ${NFC}`, `${NFC} `, `\u00a0${NFD}\u3000`, '\uff2a\uff4f\uff53\u00e9', 'JOS\u00c9']) {
      assert.deepEqual(userNameFailures(await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person(spelling))), ['UNIQUE'], JSON.stringify(spelling));
      const put = await call(arbor, 'PUT', `${USERS}/other-${Buffer.from(spelling).toString('hex').slice(0, 12)}`, ADMIN, person(spelling));
      assert.deepEqual(userNameFailures(put), ['UNIQUE'], `PUT ${JSON.stringify(spelling)}`);
    }
    assert.deepEqual(await userNamesLike(NFC), [NFC], 'one account');
  });

  it('stores names normalized: NFKC, trimmed', async () => {
    const created = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person(`  Zoe\u0308 `));
    assert.equal(created.statusCode, 201, created.body);
    const { _id: id, userName } = created.json<{ _id: string; userName: string }>();
    assert.equal(userName, 'Zo\u00eb');
    assert.equal((await arbor.store.managedObjects.get('alpha_user', id))?.data.userName, 'Zo\u00eb');
    const patched = await call(arbor, 'PATCH', `${USERS}/${id}`, ADMIN, [{ operation: 'replace', field: 'userName', value: '\uff3a\uff4f\uff45\uff12 ' }]);
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal((await arbor.store.managedObjects.get('alpha_user', id))?.data.userName, 'Zoe2');
  });

  it('refuses control and invisible characters (VALID_USERNAME_FORMAT) and names over 255 code points (MAX_LENGTH)', async () => {
    const refused: [string, string[]][] = [
      ['jo\u200bse', ['VALID_USERNAME_FORMAT']],
      ['\u200djose', ['VALID_USERNAME_FORMAT']],
      ['jose\ufeff', ['VALID_USERNAME_FORMAT']],
      ['bob\r\nadmin', ['VALID_USERNAME_FORMAT']],
      ['bob\n', ['VALID_USERNAME_FORMAT']],
      ['\u202eresu', ['VALID_USERNAME_FORMAT']],
      ['a\u2028b', ['VALID_USERNAME_FORMAT']],
      ['x\ue000', ['VALID_USERNAME_FORMAT']],
      ['x\u{10ffff}', ['VALID_USERNAME_FORMAT']],
      ['a'.repeat(5000), ['MAX_LENGTH']],
      ['\u{1f600}'.repeat(256), ['MAX_LENGTH']],
    ];
    for (const [name, codes] of refused) {
      assert.deepEqual(userNameFailures(await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person(name))), codes, JSON.stringify(name.slice(0, 20)));
    }
    const longest = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('\u{1f600}'.repeat(255)));
    assert.equal(longest.statusCode, 201, '255 code points (510 UTF-16 units) is the limit');
    const [detail] = (await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('a'.repeat(256)))).json<{ detail: { failedPolicyRequirements: unknown[] } }>().detail.failedPolicyRequirements;
    assert.deepEqual(detail, { property: 'userName', policyRequirements: [{ policyRequirement: 'MAX_LENGTH', params: { maxLength: 255 } }] });
    const blank = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('   '));
    assert.equal(blank.statusCode, 403, 'only spaces is no name');
    const id = (await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('plain'))).json<{ _id: string }>()._id;
    assert.deepEqual(userNameFailures(await call(arbor, 'PATCH', `${USERS}/${id}`, ADMIN, [{ operation: 'replace', field: 'userName', value: 'pla\u200bin' }])), ['VALID_USERNAME_FORMAT']);
  });

  it('refuses U+0000 anywhere with a 400 (PostgreSQL cannot store it): bodies, filters, sort keys; an id holding it is no object', async () => {
    const refused = [
      await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('bob\u0000')),
      await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, { ...person('bob-nul'), description: 'a\u0000b' }),
      await call(arbor, 'POST', '/openidm/policy/managed/alpha_user/*?_action=validateProperty', ADMIN, { userName: 'bob\u0000' }),
      await call(arbor, 'GET', `${USERS}?_queryFilter=${encodeURIComponent('userName eq "bob\\u0000"')}`, ADMIN),
      await call(arbor, 'GET', `${USERS}?_queryFilter=true&_sortKeys=userName%00`, ADMIN),
      await call(arbor, 'PUT', `${USERS}/bob%00`, ADMIN, person('bob-put')),
    ];
    for (const response of refused) {
      assert.equal(response.statusCode, 400, response.body);
      assert.match(response.json<{ message: string }>().message, /U\+0000|NUL/);
    }
    for (const method of ['GET', 'DELETE'] as const) assert.equal((await call(arbor, method, `${USERS}/bob%00`, ADMIN)).statusCode, 404);
    assert.equal((await call(arbor, 'PATCH', `${USERS}/bob%00`, ADMIN, [{ operation: 'replace', field: 'sn', value: 'x' }])).statusCode, 404);
    assert.equal((await call(arbor, 'GET', `${USERS}?_queryFilter=true`, ADMIN)).statusCode, 200, 'the server goes on');
  });

  it('answers validateProperty and validateObject by the same rules', async () => {
    const validate = async (body: Record<string, unknown>, action = 'validateProperty') =>
      (await call(arbor, 'POST', `/openidm/policy/managed/alpha_user/*?_action=${action}`, ADMIN, body)).json<{ result: boolean; failedPolicyRequirements: { policyRequirements: { policyRequirement: string }[] }[] }>();
    const codes = (result: Awaited<ReturnType<typeof validate>>) => result.failedPolicyRequirements.flatMap((entry) => entry.policyRequirements.map((failure) => failure.policyRequirement));
    assert.deepEqual(codes(await validate({ userName: 'ev\u200bil' })), ['VALID_USERNAME_FORMAT']);
    assert.deepEqual(codes(await validate({ userName: ` ${NFD}` })), ['UNIQUE']);
    assert.deepEqual(codes(await validate({ userName: 'fresh ' })), []);
    assert.deepEqual(codes(await validate(person('ev\u200bil', 'e@example.com'), 'validateObject')), ['VALID_USERNAME_FORMAT']);
    const policies = (await call(arbor, 'GET', '/openidm/policy/managed/alpha_user', ADMIN)).json<{ properties: { name: string; policyRequirements: string[] }[] }>();
    assert.deepEqual(policies.properties.find((property) => property.name === 'userName')?.policyRequirements, ['REQUIRED', 'MIN_LENGTH', 'VALID_TYPE', 'UNIQUE', 'CANNOT_CONTAIN_CHARACTERS'], 'the policy object stays IDM’s');
  });
});
