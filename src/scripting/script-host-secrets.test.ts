/**
 * The `secrets.get` host operation: a label's value as base64 from the tenant's secrets, a label
 * that names no secret or a missing secret as a catchable `NO_SUCH_SECRET` naming it, and at most
 * `MAX_SECRETS_PER_RUN` distinct secrets a run (reading one again is free).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isScriptHostError } from './script-host.ts';
import { createScriptHost, MAX_SECRETS_PER_RUN } from './script-host-ops.ts';
import type { ScriptIdentity } from './script-identity.ts';

const unused = async (): Promise<never> => {
  throw new Error('not used');
};
const identity: ScriptIdentity = { create: unused, read: unused, findBy: unused, patch: unused, query: unused, delete: unused };

function host(values: Record<string, string>, asked: string[] = []) {
  return createScriptHost({
    http: { fetch: unused, allowList: [], timeoutMs: 100, maxResponseBytes: 1024 },
    identity,
    userType: 'alpha_user',
    secrets: {
      async value(id) {
        asked.push(id);
        return Object.hasOwn(values, id) ? Buffer.from(values[id] ?? '', 'utf8') : undefined;
      },
    },
  });
}

function refusedWith(code: string, message: RegExp) {
  return (error: unknown): boolean => isScriptHostError(error) && error.code === code && message.test(error.message);
}

describe('secrets.get', () => {
  it('answers the value of the secret a label names, as base64', async () => {
    const asked: string[] = [];
    const run = host({ 'esv-api-key': 'K3y' }, asked);
    for (const label of ['scripted.node.api.key', 'esv-api-key', 'esv.api.key']) assert.deepEqual(await run.call('secrets.get', { id: label }), { valueBase64: Buffer.from('K3y').toString('base64') });
    assert.deepEqual(asked, ['esv-api-key', 'esv-api-key', 'esv-api-key']);
  });

  it('refuses a missing secret and a label that names none, naming them and nothing else', async () => {
    const run = host({});
    await assert.rejects(run.call('secrets.get', { id: 'scripted.node.gone' }), refusedWith('NO_SUCH_SECRET', /^no secret esv-gone is stored \(asked for as "scripted\.node\.gone"\)$/));
    await assert.rejects(run.call('secrets.get', { id: 'am.oauth2.signing' }), refusedWith('NO_SUCH_SECRET', /"am\.oauth2\.signing" names no secret/));
    await assert.rejects(run.call('secrets.get', {}), refusedWith('NO_SUCH_SECRET', /"" names no secret/));
  });

  it(`reads at most ${MAX_SECRETS_PER_RUN} distinct secrets a run`, async () => {
    const values = Object.fromEntries(Array.from({ length: MAX_SECRETS_PER_RUN + 1 }, (_, i) => [`esv-s${i}`, `v${i}`]));
    const run = host(values);
    for (let i = 0; i < MAX_SECRETS_PER_RUN; i += 1) await run.call('secrets.get', { id: `esv-s${i}` });
    assert.ok(await run.call('secrets.get', { id: 'esv-s0' }), 'one already read is read again');
    await assert.rejects(run.call('secrets.get', { id: `esv-s${MAX_SECRETS_PER_RUN}` }), refusedWith('TOO_MANY_SECRETS', /at most 32 secrets per run/));
    assert.ok(await host(values).call('secrets.get', { id: `esv-s${MAX_SECRETS_PER_RUN}` }), 'the next run may read it');
  });
});
