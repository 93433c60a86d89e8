/** The clients' store: per realm, the secret sealed at rest and never returned, kept when a write omits it, generated on request, every bad field reported. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { isOAuth2ClientError } from './oauth2-client-errors.ts';
import { clientDocumentId, createOAuth2ClientStore, type OAuth2ClientStore } from './oauth2-client-store.ts';

const APP = { coreOAuth2ClientConfig: { userpassword: 'First-S3cret', redirectionUris: ['https://app.example/cb'], scopes: ['openid'] } };

async function invalidFields(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    if (isOAuth2ClientError(error, 'INVALID_CLIENT')) return error.fields.map((field) => field.field);
    throw error;
  }
  assert.fail('the write was accepted');
}

describe('OAuth2 client store', () => {
  let store: Store;
  let clients: OAuth2ClientStore;
  const masterKey = randomBytes(32);

  before(async () => {
    store = await openStore({ memory: true, clock: { now: () => Date.now() } });
    clients = createOAuth2ClientStore({ configs: store.configs, sealer: createSecretSealer(masterKey) });
  });
  after(async () => store?.close());

  it('seals the secret at rest, never returns it, keeps it when a PUT omits it and replaces it when given', async () => {
    const created = await clients.put('alpha', 'app', APP);
    assert.equal(created.created, true);
    assert.doesNotMatch(JSON.stringify(created.client), /First-S3cret|userpassword/);
    const raw = JSON.stringify(await store.configs.get(clientDocumentId('alpha', 'app')));
    assert.doesNotMatch(raw, /First-S3cret/, 'not in clear at rest');
    assert.match(raw, /x-arbor-sealed/);
    assert.equal((await clients.clientWithSecret('alpha', 'app'))?.secret, 'First-S3cret');

    const read = await clients.get('alpha', 'app');
    assert.ok(read !== undefined);
    assert.doesNotMatch(JSON.stringify(read), /userpassword/);
    const replaced = await clients.put('alpha', 'app', { ...read, coreOAuth2ClientConfig: { ...(read.coreOAuth2ClientConfig as object), userpassword: null } });
    assert.equal(replaced.created, false);
    assert.equal((await clients.clientWithSecret('alpha', 'app'))?.secret, 'First-S3cret', 'kept');
    await clients.put('alpha', 'app', { ...APP, coreOAuth2ClientConfig: { ...APP.coreOAuth2ClientConfig, userpassword: 'Second-S3cret' } });
    assert.equal((await clients.clientWithSecret('alpha', 'app'))?.secret, 'Second-S3cret');
    assert.equal(await clients.get('root', 'app'), undefined, 'another realm does not see it');
  });

  it('needs a secret for a client authenticating with one: given, kept or generated once', async () => {
    const body = { coreOAuth2ClientConfig: { redirectionUris: ['https://b.example/cb'] } };
    assert.deepEqual(await invalidFields(clients.put('alpha', 'b', body)), ['coreOAuth2ClientConfig.userpassword']);
    const generated = await clients.put('alpha', 'b', body, { generateSecret: true });
    assert.match(generated.generatedSecret ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await clients.clientWithSecret('alpha', 'b'))?.secret, generated.generatedSecret);
    assert.equal((await clients.put('alpha', 'b', body, { generateSecret: true })).generatedSecret, undefined, 'the stored one is kept');
    assert.deepEqual(await invalidFields(clients.put('alpha', 'b', { ...body, userpassword: '' })), ['coreOAuth2ClientConfig.userpassword'], '"" clears, which this client cannot have');
  });

  it('drops the secret of a client that becomes public, and refuses bad bodies without writing', async () => {
    await clients.put('alpha', 'c', APP);
    await clients.put('alpha', 'c', { coreOAuth2ClientConfig: { clientType: 'Public', redirectionUris: ['https://app.example/cb'] } });
    const found = await clients.clientWithSecret('alpha', 'c');
    assert.equal(found?.secret, undefined);
    assert.equal(found?.client.tokenEndpointAuthMethod, 'none');
    assert.deepEqual(await invalidFields(clients.put('alpha', 'c', { coreOAuth2ClientConfig: { redirectionUris: ['nope'] } })), ['coreOAuth2ClientConfig.redirectionUris']);
    assert.equal((await clients.clientWithSecret('alpha', 'c'))?.client.clientType, 'Public', 'unchanged');
    assert.deepEqual(await invalidFields(clients.put('alpha', '../x', APP)), ['_id']);
  });

  it('lists and deletes', async () => {
    assert.deepEqual((await clients.list('alpha')).map((client) => client._id), ['app', 'b', 'c']);
    assert.deepEqual((await clients.clients('alpha')).map((client) => client.clientId), ['app', 'b', 'c']);
    assert.equal((await clients.delete('alpha', 'c'))?._id, 'c');
    assert.equal(await clients.delete('alpha', 'c'), undefined);
    assert.equal(await clients.get('alpha', 'c'), undefined);
  });

  it('reports a secret sealed under another master key as SECRET_UNAVAILABLE', async () => {
    const other = createOAuth2ClientStore({ configs: store.configs, sealer: createSecretSealer(randomBytes(32)) });
    await assert.rejects(other.clientWithSecret('alpha', 'app'), (error) => isOAuth2ClientError(error, 'SECRET_UNAVAILABLE') && !error.message.includes('S3cret'));
  });
});
