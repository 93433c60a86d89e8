/**
 * `arbor clients add|list|remove` against a real SQLite data directory: a generated secret printed
 * once and sealed at rest, a secret from standard input, public clients without one, the listing
 * without secrets, refusals as one line with exit 2, removal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOAuth2ClientStore } from '../oauth2/oauth2-client-store.ts';
import { readSecretSealer } from './read-secret-sealer.ts';
import { clientsAddCommand, createClientsAddCommand } from './clients-add-command.ts';
import { clientsListCommand } from './clients-list-command.ts';
import { clientsRemoveCommand } from './clients-remove-command.ts';
import { runCli } from './cli-main.ts';
import { useUsersCliFixture } from './users-cli-testing.ts';

describe('arbor clients', () => {
  const fixture = useUsersCliFixture();

  async function secretOf(realm: string, id: string): Promise<string | undefined> {
    const store = await fixture().openStore();
    try {
      const sealer = await readSecretSealer({ ARBOR_DATA_DIR: fixture().dir });
      assert.ok(sealer !== undefined, 'the master key was written to the data directory');
      const raw = JSON.stringify(await store.configs.get(`realm/${realm}/oauth2Clients/${id}`));
      const found = await createOAuth2ClientStore({ configs: store.configs, sealer }).clientWithSecret(realm, id);
      if (found?.secret !== undefined) assert.equal(raw.includes(found.secret), false, 'sealed at rest');
      return found?.secret;
    } finally {
      await store.close();
    }
  }

  it('add generates a confidential client’s secret, prints it once and seals it; list never shows it', async () => {
    const added = await fixture().run(clientsAddCommand, ['web', '--realm', 'alpha', '--redirect-uri', 'https://app.example/cb', '--grant-type', 'authorization_code', '--grant-type', 'refresh_token', '--implied-consent', '--post-logout-uri', 'https://app.example/bye']);
    assert.equal(added.code, 0, added.err.join('\n'));
    assert.equal(added.out[0], 'created confidential client web in realm alpha');
    const printed = /^client secret: ([A-Za-z0-9_-]{43})$/.exec(added.out[1] ?? '')?.[1];
    assert.ok(printed !== undefined, added.out.join('\n'));
    assert.match(added.err.join('\n'), /shown only this once/);
    assert.equal(await secretOf('alpha', 'web'), printed);

    const again = await fixture().run(clientsAddCommand, ['web', '--redirect-uri', 'https://app.example/cb2']);
    assert.equal(again.code, 0, again.err.join('\n'));
    assert.deepEqual(again.out, ['replaced confidential client web in realm alpha'], 'no new secret: the stored one is kept');
    assert.equal(await secretOf('alpha', 'web'), printed);

    const listed = await fixture().run(clientsListCommand, ['--realm', 'alpha']);
    assert.equal(listed.code, 0);
    assert.deepEqual(listed.out, ['web\tConfidential\tActive\tclient_secret_basic\tauthorization_code\thttps://app.example/cb2']);
    const json = await fixture().run(clientsListCommand, ['--json']);
    assert.equal(JSON.parse(json.out[0] ?? '{}')._id, 'web');
    assert.doesNotMatch([...listed.out, ...json.out, ...listed.err].join('\n'), new RegExp(`${printed}|userpassword`));
  });

  it('add --secret-stdin takes the secret from standard input; --public makes a client without one', async () => {
    const add = createClientsAddCommand({ readSecret: async () => 'Service-S3cret-value\n' });
    const service = await fixture().run(add, ['svc', '--secret-stdin', '--grant-type', 'client_credentials']);
    assert.equal(service.code, 0, service.err.join('\n'));
    assert.deepEqual(service.out, ['created confidential client svc in realm alpha']);
    assert.equal(await secretOf('alpha', 'svc'), 'Service-S3cret-value');

    const spa = await fixture().run(clientsAddCommand, ['spa', '--public', '--redirect-uri', 'https://spa.example/cb']);
    assert.equal(spa.code, 0, spa.err.join('\n'));
    assert.deepEqual(spa.out, ['created public client spa in realm alpha']);
    assert.equal(await secretOf('alpha', 'spa'), undefined);
    const listed = await fixture().run(clientsListCommand, []);
    assert.ok(listed.out.includes('spa\tPublic\tActive\tnone\tauthorization_code\thttps://spa.example/cb'));
  });

  it('refuses bad settings in one line with exit 2, and usage errors', async () => {
    const implicit = await fixture().run(clientsAddCommand, ['bad', '--redirect-uri', 'https://a.example/cb', '--grant-type', 'implicit']);
    assert.equal(implicit.code, 2);
    assert.match(implicit.err.join('\n'), /^arbor clients add: the client is refused: advancedOAuth2ClientConfig.grantTypes: "implicit": the implicit grant is refused/);
    const noRedirect = await fixture().run(clientsAddCommand, ['bad']);
    assert.equal(noRedirect.code, 2);
    assert.match(noRedirect.err.join('\n'), /needs at least one redirect URI/);
    assert.equal((await fixture().run(clientsAddCommand, ['x', '--public', '--secret-stdin'])).code, 2);
    assert.equal((await fixture().run(clientsAddCommand, [])).code, 2);
    assert.equal((await fixture().run(clientsAddCommand, ['x', '--realm', 'nowhere', '--redirect-uri', 'https://a.example/cb'])).code, 2);
    assert.equal((await fixture().run(clientsListCommand, [])).out.some((line) => line.startsWith('bad\t')), false, 'nothing written');
  });

  it('remove deletes a client; an unknown one is exit 1; the commands are registered', async () => {
    const removed = await fixture().run(clientsRemoveCommand, ['spa']);
    assert.deepEqual([removed.code, removed.out], [0, ['removed client spa from realm alpha']]);
    const again = await fixture().run(clientsRemoveCommand, ['spa']);
    assert.deepEqual([again.code, again.err], [1, ['arbor clients remove: realm alpha has no client spa']]);
    const cli = fixture().context();
    assert.equal(await runCli(['clients', 'list', '--realm', 'alpha'], cli.ctx), 0);
    assert.deepEqual(cli.out.map((line) => line.split('\t')[0]), ['svc', 'web']);
  });
});
