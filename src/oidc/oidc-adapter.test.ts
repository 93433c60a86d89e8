/**
 * The OpenID provider's storage on every backend the ephemeral store has (memory, SQLite,
 * PostgreSQL, Redis; the durable records on the store's memory, SQLite or PostgreSQL tables):
 * records found again, expired ones gone, a code or refresh token consumed once only (a second
 * use, even a concurrent one, is invalid_grant), a revoked grant taking its tokens of every model,
 * sessions by uid and device codes by user code, clients read from the client source and never
 * written, grants and refresh tokens kept out of the ephemeral store and across a restart.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { AdapterFactory, ClientMetadata } from 'oidc-provider';
import { ephemeralBackends, type EphemeralBackendCase, type OpenedBackend } from '../../test/helpers/ephemeral-backends.ts';
import type { OAuth2ClientSource } from '../oauth2/oauth2-client-source.ts';
import type { TestClock } from '../platform/testing/in-memory-platform.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { createOidcAdapterFactory } from './oidc-adapter.ts';
import { isOidcAdapterError } from './oidc-adapter-errors.ts';

const clientMetadata: ClientMetadata = { client_id: 'web-app', redirect_uris: ['https://app.example/cb'], token_endpoint_auth_method: 'none' };

const clients: OAuth2ClientSource = {
  async clientOf(realm, clientId) {
    if (realm !== 'alpha' || clientId !== 'web-app') return undefined;
    return { metadata: clientMetadata, impliedConsent: true, accessTokenLifetime: 3600, refreshTokenLifetime: 86400, authorizationCodeLifetime: 60 };
  },
};

const invalidGrant = (error: unknown): boolean => error instanceof Error && (error as { error?: unknown }).error === 'invalid_grant';

const memoryBackend: EphemeralBackendCase = {
  name: 'memory',
  skip: false,
  async setUp(): Promise<OpenedBackend> {
    return { open: async (clock) => openMemoryStore({ clock }), entries: async () => [], tearDown: async () => {} };
  },
};

for (const backend of [memoryBackend, ...ephemeralBackends()]) {
  describe(`oidc-provider storage on ${backend.name}`, { skip: backend.skip }, () => {
    let opened: OpenedBackend;
    let store: Store;
    let adapters: AdapterFactory;
    let offset = 0;
    const clock: TestClock = { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };

    before(async () => {
      opened = await backend.setUp();
      store = await opened.open(clock);
      adapters = createOidcAdapterFactory({ realm: 'alpha', ephemeral: store.ephemeral, records: store.oidcRecords, clients, clock });
    });
    after(async () => {
      await store.close();
      await opened.tearDown();
    });

    it('finds what it stored, per model and realm, whatever the id; nothing for an unknown id', async () => {
      const payload = { accountId: 'bjensen', clientId: 'web-app', grantId: 'g-find', jti: 'at:odd/id é', kind: 'AccessToken', scope: 'openid' };
      await adapters('AccessToken').upsert('at:odd/id é', payload, 60);
      assert.deepEqual(await adapters('AccessToken').find('at:odd/id é'), payload);
      assert.equal(await adapters('AccessToken').find('other'), undefined);
      assert.equal(await adapters('AuthorizationCode').find('at:odd/id é'), undefined, 'another model');
      const beta = createOidcAdapterFactory({ realm: 'beta', ephemeral: store.ephemeral, records: store.oidcRecords, clients, clock });
      assert.equal(await beta('AccessToken').find('at:odd/id é'), undefined, 'another realm');

      const grant = { accountId: 'bjensen', clientId: 'web-app', jti: 'grant-1', kind: 'Grant', openid: { scope: 'openid profile' } };
      await adapters('Grant').upsert('grant-1', grant, 3600);
      assert.deepEqual(await adapters('Grant').find('grant-1'), grant);
    });

    it('forgets records once they expire, ephemeral and durable', async () => {
      await adapters('Interaction').upsert('int-1', { jti: 'int-1', kind: 'Interaction' }, 1);
      await adapters('RefreshToken').upsert('rt-exp', { jti: 'rt-exp', kind: 'RefreshToken', grantId: 'g-exp' }, 1);
      assert.ok(await adapters('Interaction').find('int-1'));
      // Redis expires on its own clock: wait for real, and move the store's clock as far.
      await sleep(1100);
      clock.advance(1100);
      assert.equal(await adapters('Interaction').find('int-1'), undefined);
      assert.equal(await adapters('RefreshToken').find('rt-exp'), undefined);
    });

    for (const model of ['AuthorizationCode', 'RefreshToken']) {
      it(`consumes a ${model} once: a second use is invalid_grant, and of concurrent uses exactly one wins`, async () => {
        const adapter = adapters(model);
        await adapter.upsert('once', { jti: 'once', kind: model, grantId: 'g-once' }, 60);
        await adapter.consume('once');
        const consumed = (await adapter.find('once'))?.consumed;
        assert.equal(typeof consumed, 'number');
        assert.ok(Math.abs(Number(consumed) - clock.now() / 1000) < 5, 'epoch seconds');
        await assert.rejects(adapter.consume('once'), invalidGrant);
        await assert.rejects(adapter.consume('never-stored'), invalidGrant);

        await adapter.upsert('raced', { jti: 'raced', kind: model, grantId: 'g-once' }, 60);
        const results = await Promise.allSettled(Array.from({ length: 6 }, () => adapter.consume('raced')));
        assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
        assert.ok(results.every((result) => result.status === 'fulfilled' || invalidGrant(result.reason)));
      });
    }

    it('revokes a grant: its tokens of every model go, another grant’s stay', async () => {
      const models = ['AccessToken', 'AuthorizationCode', 'DeviceCode', 'BackchannelAuthenticationRequest', 'RefreshToken'];
      await Promise.all([
        ...models.map((model) => adapters(model).upsert(`${model}-1`, { jti: `${model}-1`, kind: model, grantId: 'g-revoked' }, 600)),
        adapters('AccessToken').upsert('AccessToken-2', { jti: 'AccessToken-2', kind: 'AccessToken', grantId: 'g-revoked' }, 600),
        adapters('AccessToken').upsert('AccessToken-kept', { jti: 'AccessToken-kept', kind: 'AccessToken', grantId: 'g-kept' }, 600),
        adapters('RefreshToken').upsert('RefreshToken-kept', { jti: 'RefreshToken-kept', kind: 'RefreshToken', grantId: 'g-kept' }, 600),
      ]);
      for (const model of models) await adapters(model).revokeByGrantId('g-revoked');
      for (const model of models) assert.equal(await adapters(model).find(`${model}-1`), undefined, model);
      assert.equal(await adapters('AccessToken').find('AccessToken-2'), undefined, 'both access tokens issued at once were listed');
      assert.ok(await adapters('AccessToken').find('AccessToken-kept'));
      assert.ok(await adapters('RefreshToken').find('RefreshToken-kept'));
    });

    it('a grant refreshed many times keeps working and is revoked whole: nothing per grant grows with its tokens', async () => {
      const tokens = 1500;
      for (let index = 0; index < tokens; index += 1) {
        await adapters('AccessToken').upsert(`at-many-${index}`, { jti: `at-many-${index}`, kind: 'AccessToken', grantId: 'g-many' }, 600);
      }
      assert.ok(await adapters('AccessToken').find(`at-many-${tokens - 1}`));
      await adapters('AccessToken').revokeByGrantId('g-many');
      for (const index of [0, 749, tokens - 1]) assert.equal(await adapters('AccessToken').find(`at-many-${index}`), undefined, String(index));
      const entries = await opened.entries();
      if (backend.name !== 'memory') assert.equal(entries.filter((entry) => entry.key.includes(':revoked-grant:')).length >= 1, true);
    });

    it('finds a session by uid and a device code by user code; nothing once destroyed', async () => {
      await adapters('Session').upsert('sess-1', { jti: 'sess-1', kind: 'Session', uid: 'uid-1', accountId: 'bjensen' }, 600);
      assert.equal((await adapters('Session').findByUid('uid-1'))?.jti, 'sess-1');
      assert.equal(await adapters('Session').findByUid('uid-2'), undefined);
      await adapters('DeviceCode').upsert('dc-1', { jti: 'dc-1', kind: 'DeviceCode', userCode: 'WDJBMJHT', grantId: 'g-dc' }, 600);
      assert.equal((await adapters('DeviceCode').findByUserCode('WDJBMJHT'))?.jti, 'dc-1');
      assert.equal(await adapters('DeviceCode').findByUserCode('XXXXXXXX'), undefined);
      await adapters('Session').destroy('sess-1');
      await adapters('DeviceCode').destroy('dc-1');
      assert.equal(await adapters('Session').findByUid('uid-1'), undefined);
      assert.equal(await adapters('DeviceCode').findByUserCode('WDJBMJHT'), undefined);
      assert.equal(await adapters('Session').find('sess-1'), undefined);
    });

    it('reads clients from the client source and refuses to write them', async () => {
      assert.deepEqual(await adapters('Client').find('web-app'), clientMetadata);
      assert.equal(await adapters('Client').find('unknown'), undefined);
      await assert.rejects(adapters('Client').upsert('web-app', { client_id: 'web-app' }), (error) => isOidcAdapterError(error, 'OIDC_MODEL_READ_ONLY'));
      await assert.rejects(adapters('Client').destroy('web-app'), (error) => isOidcAdapterError(error, 'OIDC_MODEL_READ_ONLY'));
      await assert.rejects(adapters('RegistrationAccessToken').upsert('rat', { jti: 'rat' }, 60), (error) => isOidcAdapterError(error, 'OIDC_MODEL_READ_ONLY'));
    });

    it('keeps grants and refresh tokens out of the ephemeral store; short-lived records in it under oidc:<realm>:<model>:', async () => {
      await adapters('Grant').upsert('grant-durable', { jti: 'grant-durable', kind: 'Grant', accountId: 'bjensen' }, 3600);
      await adapters('RefreshToken').upsert('rt-durable', { jti: 'rt-durable', kind: 'RefreshToken', grantId: 'grant-durable' }, 3600);
      await adapters('AccessToken').upsert('at-ephemeral', { jti: 'at-ephemeral', kind: 'AccessToken', grantId: 'grant-durable' }, 3600);
      const entries = await opened.entries();
      if (backend.name === 'memory') return;
      const oidc = entries.filter((entry) => entry.key.includes('oidc:alpha:'));
      assert.ok(oidc.some((entry) => entry.key.includes('oidc:alpha:AccessToken:')));
      assert.ok(!oidc.some((entry) => entry.key.includes(':Grant:') || entry.key.includes(':RefreshToken:')));
      assert.ok(!entries.some((entry) => entry.key.includes('at-ephemeral')), 'keys never hold a token');
    });

    it('refuses a payload beyond the size limit and a model it does not know', async () => {
      await assert.rejects(adapters('Interaction').upsert('big', { jti: 'big', extra: { blob: 'x'.repeat(70_000) } }, 60), (error) => isOidcAdapterError(error, 'OIDC_PAYLOAD_INVALID'));
      assert.equal(await adapters('Interaction').find('big'), undefined);
      assert.throws(() => adapters('NoSuchModel'), (error) => isOidcAdapterError(error, 'OIDC_MODEL_UNKNOWN'));
    });
  });
}

describe('oidc-provider storage across a restart (SQLite on disk)', () => {
  it('finds grants and refresh tokens again after the store is reopened', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'arbor-oidc-'));
    try {
      const first = await openStore({ dataDir });
      const before = createOidcAdapterFactory({ realm: 'alpha', ephemeral: first.ephemeral, records: first.oidcRecords, clients, clock: Date });
      await before('Grant').upsert('grant-r', { jti: 'grant-r', kind: 'Grant', accountId: 'bjensen' }, 3600);
      await before('RefreshToken').upsert('rt-r', { jti: 'rt-r', kind: 'RefreshToken', grantId: 'grant-r' }, 3600);
      await first.close();
      const second = await openStore({ dataDir });
      const reopened = createOidcAdapterFactory({ realm: 'alpha', ephemeral: second.ephemeral, records: second.oidcRecords, clients, clock: Date });
      assert.equal((await reopened('Grant').find('grant-r'))?.accountId, 'bjensen');
      assert.equal((await reopened('RefreshToken').find('rt-r'))?.grantId, 'grant-r');
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
