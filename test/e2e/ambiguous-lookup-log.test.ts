/**
 * Item 9 (d): a recovery journey asked about an address two accounts share (data from before
 * `mail` was unique) identifies nobody, answers as for an unknown address, and tells the operator:
 * a warning in the log of a running Arbor (`arbor start`, read from its standard output) naming
 * the attribute and the accounts, never the address looked up.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import type { ArborChild } from '../helpers/start-arbor-child.ts';
import { startArborChild } from '../helpers/start-arbor-child.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!', 'content-type': 'application/json' };
const AM = '/am/json/realms/root/realms/alpha';

describe('an ambiguous recovery lookup is logged for the operator', () => {
  let arbor: ArborChild;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-ambiguous-'));
    arbor = await startArborChild({ ARBOR_DATA_DIR: dataDir, ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ARBOR_LOG: 'true' });
  });
  after(async () => {
    await arbor?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  const rest = async (method: string, target: string, body?: unknown) => {
    const response = await fetch(`${arbor.baseUrl}${target}`, { method, headers: ADMIN, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  /** ResetPassword for `mail`: the answer to the address step, without its authId. */
  const reset = async (mail: string): Promise<unknown> => {
    const start = await fetch(`${arbor.baseUrl}${AM}/authenticate?authIndexType=service&authIndexValue=ResetPassword`, { method: 'POST' });
    const step = (await start.json()) as { callbacks: { input: { value: unknown }[] }[] };
    const input = step.callbacks[0]?.input[0];
    assert.ok(input !== undefined);
    input.value = mail;
    const answer = await fetch(`${arbor.baseUrl}${AM}/authenticate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(step) });
    const { authId: _authId, ...rest } = (await answer.json()) as Record<string, unknown>;
    return rest;
  };

  it('warns with the accounts sharing the address, and answers as for an unknown one', async () => {
    // An install from before mail was unique: the schema without `unique` on mail, two accounts sharing one.
    const managed = await rest('GET', '/openidm/config/managed');
    const document = structuredClone(managed.json) as { objects: { name: string; schema: { properties: Record<string, { policies?: { policyId: string }[] }> } }[] };
    const mail = document.objects.find((object) => object.name === 'alpha_user')?.schema.properties.mail;
    assert.ok(mail !== undefined);
    mail.policies = (mail.policies ?? []).filter((policy) => policy.policyId !== 'unique');
    assert.equal((await rest('PUT', '/openidm/config/managed', document)).status, 200);
    const ids: string[] = [];
    for (const userName of ['sam1', 'sam2']) {
      const created = await rest('POST', '/openidm/managed/alpha_user?_action=create', { userName, givenName: 'Sam', sn: 'Twin', mail: 'sam.shared@example.com', password: 'Secret-Passw0rd' });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      ids.push(String(created.json._id));
    }
    assert.deepEqual(await reset('sam.shared@example.com'), await reset('unknown.person@example.com'));
    const deadline = Date.now() + 10_000;
    const warning = () => arbor.output().split('\n').find((line) => line.includes('found several'));
    while (warning() === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const line = warning();
    assert.ok(line !== undefined, `no warning in:\n${arbor.output()}`);
    const entry = JSON.parse(line) as { level: number; attribute: string; identityResource: string; userIds: string[] };
    assert.equal(entry.level, 40, 'a warning');
    assert.equal(entry.attribute, 'mail');
    assert.equal(entry.identityResource, 'managed/alpha_user');
    assert.deepEqual([...entry.userIds].sort(), [...ids].sort());
    assert.ok(!line.includes('sam.shared@example.com'), 'the address looked up is not logged');
  });
});
