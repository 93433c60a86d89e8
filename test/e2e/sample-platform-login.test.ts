/**
 * ForgeRock's own PlatformLogin sample (Amster export, unchanged) imported with `arbor journey
 * import` and driven by the ForgeRock SDK: refused while its inner tree is missing, imported with
 * an inner tree given in the same batch (a stand-in here; `self-service-samples.test.ts` runs it
 * with the real PlatformProgressiveProfile), and exported back.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CallbackType, Config, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type { FRLoginSuccess, FRStep, NameCallback, PasswordCallback } from '@forgerock/javascript-sdk';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const sample = fileURLToPath(new URL('../fixtures/forgerock/am-sample-trees/PlatformLogin.json', import.meta.url));
const standIn = fileURLToPath(new URL('../fixtures/stand-in-progressive-profile.json', import.meta.url));

describe('the PlatformLogin sample journey', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    const added = await server.cli(['user', 'add', '--realm', 'alpha', '--username', 'erin', '--password', 'Secret-Passw0rd', '--set', 'mail=erin@example.com', '--set', 'givenName=Erin', '--set', 'sn=Doe']);
    assert.equal(added.code, 0, added.err);
  });
  after(async () => server?.close());

  it('is refused alone (its inner tree is missing), then imports with the inner tree and runs to success', async () => {
    const alone = await server.cli(['journey', 'import', sample, '--realm', 'alpha']);
    assert.equal(alone.code, 1);
    assert.match(alone.out + alone.err, /PlatformProgressiveProfile/);
    const imported = await server.cli(['journey', 'import', sample, standIn, '--realm', 'alpha']);
    assert.equal(imported.code, 0, imported.out + imported.err);
    assert.match(imported.out, /imported PlatformLogin/);

    Config.set({ serverConfig: { baseUrl: `${server.baseUrl}/am/`, timeout: 10_000 }, realmPath: 'alpha', tree: 'PlatformLogin' });
    const first = (await FRAuth.next()) as FRStep;
    assert.equal(first.type, StepType.Step);
    assert.match(first.getDescription() ?? '', /#\/service\/PlatformRegistration/);
    first.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('erin');
    first.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword('Secret-Passw0rd');
    const result = await FRAuth.next(first);
    assert.equal(result.type, StepType.LoginSuccess);
    assert.equal((result as FRLoginSuccess).getRealm(), '/alpha');

    const exported = await server.cli(['journey', 'export', 'PlatformLogin', '--realm', 'alpha']);
    assert.equal(exported.code, 0, exported.err);
    const frodo = JSON.parse(exported.out) as { trees: Record<string, { tree: { entryNodeId: string } }> };
    assert.equal(frodo.trees.PlatformLogin?.tree.entryNodeId, 'a12bc72f-ad97-4f1e-a789-a1fa3dd566c8');
  });
});
