/**
 * Item 9 over IDM's REST API, on SQLite and PostgreSQL: `mail` is exactly one address (IDM's
 * `valid-email-address-format`, strict) on every write and in the policy service; it is unique in
 * the default schemas of a new install (IDM's `unique` policy, kept by the database); and an
 * existing install that turns uniqueness on is refused, with the shared values listed, while
 * its users still share addresses.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADMIN_PASSWORD, call, onEveryDatabase } from './testing/idm-test-platform.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };

/** Values of `mail` that are not exactly one address: lists, display names, injected headers. */
const NOT_ONE_ADDRESS = [
  'victim@example.com, attacker@evil.example',
  'victim@example.com;attacker@evil.example',
  'Victim <victim@example.com>',
  'victim@example.com\r\nBcc: attacker@evil.example',
  'victim@example.com attacker@evil.example',
  '"victim"@example.com',
  'victim@localhost',
];

interface PolicyFailure {
  property: string;
  policyRequirements: { policyRequirement: string }[];
}

function requirementsOf(body: unknown, property: string): string[] {
  const failures = (body as { detail?: { failedPolicyRequirements?: PolicyFailure[] }; failedPolicyRequirements?: PolicyFailure[] });
  const list = failures.detail?.failedPolicyRequirements ?? failures.failedPolicyRequirements ?? [];
  return list.filter((failure) => failure.property === property).flatMap((failure) => failure.policyRequirements.map((r) => r.policyRequirement));
}

onEveryDatabase('mail: one address, unique', (arbor) => {
  let serial = 0;
  const user = (mail: string) => ({ userName: `mailer${++serial}`, givenName: 'Mail', sn: 'Owner', mail, password: 'Passw0rd-Long' });
  const create = (type: string, mail: string) => call(arbor(), 'POST', `/openidm/managed/${type}?_action=create`, ADMIN, user(mail));

  it('refuses a mail that is not exactly one address, on create, update, patch and in the policy service', async () => {
    const owner = await create('alpha_user', 'owner@example.com');
    assert.equal(owner.statusCode, 201, owner.body);
    const id = owner.json<{ _id: string }>()._id;
    for (const mail of NOT_ONE_ADDRESS) {
      const created = await create('alpha_user', mail);
      assert.equal(created.statusCode, 403, `${JSON.stringify(mail)}: ${created.body}`);
      assert.deepEqual(requirementsOf(created.json(), 'mail'), ['VALID_EMAIL_ADDRESS_FORMAT'], JSON.stringify(mail));
      const patched = await call(arbor(), 'PATCH', `/openidm/managed/alpha_user/${id}`, ADMIN, [{ operation: 'replace', field: 'mail', value: mail }]);
      assert.equal(patched.statusCode, 403, patched.body);
      const validated = await call(arbor(), 'POST', `/openidm/policy/managed/alpha_user/${id}?_action=validateProperty`, ADMIN, { mail });
      assert.deepEqual(requirementsOf(validated.json(), 'mail'), ['VALID_EMAIL_ADDRESS_FORMAT'], validated.body);
    }
  });

  it('refuses a second user with the same mail (case aside) in a new install, as IDM refuses a taken userName', async () => {
    for (const type of ['alpha_user', 'user']) {
      assert.equal((await create(type, `shared-${type}@example.com`)).statusCode, 201);
      const second = await create(type, `Shared-${type}@Example.COM`);
      assert.equal(second.statusCode, 403, second.body);
      assert.deepEqual(requirementsOf(second.json(), 'mail'), ['UNIQUE']);
    }
    const policy = await call(arbor(), 'GET', '/openidm/policy/managed/alpha_user', ADMIN);
    const mail = policy.json<{ properties: { name: string; policies: { policyId: string }[] }[] }>().properties.find((property) => property.name === 'mail');
    assert.ok(mail?.policies.some((policy) => policy.policyId === 'unique'), policy.body);
  });

  it('refuses to make mail unique where users already share addresses, listing them, and changes nothing', async () => {
    const managed = await call(arbor(), 'GET', '/openidm/config/managed', ADMIN);
    const document = managed.json<{ objects: { name: string; schema: { properties: Record<string, { policies?: { policyId: string }[] }> } }[] }>();
    const alpha = document.objects.find((object) => object.name === 'alpha_user');
    assert.ok(alpha !== undefined);
    const withoutUnique = structuredClone(document);
    const property = withoutUnique.objects.find((object) => object.name === 'alpha_user')?.schema.properties.mail;
    assert.ok(property !== undefined);
    property.policies = (property.policies ?? []).filter((policy) => policy.policyId !== 'unique');
    // An install from before mail was unique: the document as it was, and users sharing addresses.
    assert.equal((await call(arbor(), 'PUT', '/openidm/config/managed', ADMIN, withoutUnique)).statusCode, 200);
    const ids: string[] = [];
    for (const mail of ['twin@example.com', 'TWIN@example.com']) {
      const created = await create('alpha_user', mail);
      assert.equal(created.statusCode, 201, created.body);
      ids.push(created.json<{ _id: string }>()._id);
    }
    const refused = await call(arbor(), 'PUT', '/openidm/config/managed', ADMIN, document);
    assert.equal(refused.statusCode, 409, refused.body);
    const { message } = refused.json<{ message: string }>();
    assert.match(message, /mail/);
    assert.match(message, /twin@example\.com/);
    for (const id of ids) assert.ok(message.includes(id), `${id} in ${message}`);
    const after = await call(arbor(), 'GET', '/openidm/config/managed', ADMIN);
    assert.deepEqual(after.json(), { ...withoutUnique, _id: 'managed' });
    // Once one of them has another address, uniqueness can be turned on.
    assert.equal((await call(arbor(), 'PATCH', `/openidm/managed/alpha_user/${ids[1]}`, ADMIN, [{ operation: 'replace', field: 'mail', value: 'twin2@example.com' }])).statusCode, 200);
    assert.equal((await call(arbor(), 'PUT', '/openidm/config/managed', ADMIN, document)).statusCode, 200);
  });

  it('sends templated mail to exactly one address: a list in `to` is a 400 naming the field', async () => {
    for (const action of ['sendTemplate', 'send']) {
      const response = await call(arbor(), 'POST', `/openidm/external/email?_action=${action}`, ADMIN, {
        templateName: 'welcome',
        to: 'victim@example.com, attacker@evil.example',
        subject: 'Hello',
        body: 'Hello',
        object: {},
      });
      assert.equal(response.statusCode, 400, `${action}: ${response.body}`);
      assert.equal(response.json<{ detail?: { field?: string } }>().detail?.field, 'to');
    }
  });
});
