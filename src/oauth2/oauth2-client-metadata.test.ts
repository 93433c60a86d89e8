/** The provider's view of clients: oidc-provider's metadata names, implied consent, lifetimes with the realm's defaults, inactive and unusable clients not found. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { AM_DEFAULT_LIFETIMES, createOAuth2ClientSource } from './oauth2-client-metadata.ts';
import { clientDocumentId, createOAuth2ClientStore, type OAuth2ClientStore } from './oauth2-client-store.ts';

describe('OAuth2 client metadata', () => {
  let store: Store;
  let clients: OAuth2ClientStore;

  before(async () => {
    store = await openStore({ memory: true, clock: { now: () => Date.now() } });
    clients = createOAuth2ClientStore({ configs: store.configs, sealer: createSecretSealer(randomBytes(32)) });
    await clients.put('alpha', 'web', {
      coreOAuth2ClientConfig: { userpassword: 'Web-S3cret-1', clientName: ['Web app'], redirectionUris: ['https://web.example/cb'], scopes: ['openid', 'profile|en|Profile', 'email'], accessTokenLifetime: 600 },
      advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token'], isConsentImplied: true, tokenEndpointAuthMethod: 'client_secret_post', responseTypes: ['code', 'token'] },
      coreOpenIDClientConfig: { postLogoutRedirectUri: ['https://web.example/bye'], backchannel_logout_uri: 'https://web.example/bc', defaultMaxAgeEnabled: true, defaultMaxAge: 300 },
    });
    await clients.put('alpha', 'native', { coreOAuth2ClientConfig: { clientType: 'Public', redirectionUris: ['com.example.app:/cb'] } });
    await clients.put('alpha', 'service', { userpassword: 'Svc-S3cret-1', grantTypes: ['client_credentials'], status: 'Inactive' });
    await clients.put('alpha', 'signed', { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt', jwksUri: 'https://signed.example/jwks', tokenEndpointAuthSigningAlgorithm: 'ES256' });
  });
  after(async () => store?.close());

  it('gives oidc-provider’s metadata names, the opened secret, implied consent and the realm’s default lifetimes for 0', async () => {
    const source = createOAuth2ClientSource({ clients, realmLifetimes: () => ({ accessTokenLifetime: 1000, refreshTokenLifetime: 2000, authorizationCodeLifetime: 60 }) });
    const record = await source.clientOf('alpha', 'web');
    assert.ok(record !== undefined);
    assert.deepEqual(record.metadata, {
      client_id: 'web',
      client_secret: 'Web-S3cret-1',
      client_name: 'Web app',
      application_type: 'web',
      redirect_uris: ['https://web.example/cb'],
      post_logout_redirect_uris: ['https://web.example/bye'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
      scope: 'openid profile email',
      backchannel_logout_uri: 'https://web.example/bc',
      backchannel_logout_session_required: false,
      default_max_age: 300,
    });
    assert.equal(record.impliedConsent, true);
    assert.deepEqual([record.accessTokenLifetime, record.refreshTokenLifetime, record.authorizationCodeLifetime], [600, 2000, 60]);
  });

  it('makes public clients native or web apps that authenticate with none, without a secret', async () => {
    const record = await createOAuth2ClientSource({ clients }).clientOf('alpha', 'native');
    assert.equal(record?.metadata.token_endpoint_auth_method, 'none');
    assert.equal(record?.metadata.application_type, 'native');
    assert.equal('client_secret' in (record?.metadata ?? {}), false);
    assert.equal(record?.impliedConsent, false);
    assert.equal(record?.accessTokenLifetime, AM_DEFAULT_LIFETIMES.accessTokenLifetime);
  });

  it('gives private_key_jwt clients their key source and algorithm, and no response types without the code grant', async () => {
    const record = await createOAuth2ClientSource({ clients }).clientOf('alpha', 'signed');
    assert.equal(record?.metadata.jwks_uri, 'https://signed.example/jwks');
    assert.equal(record?.metadata.token_endpoint_auth_signing_alg, 'ES256');
    assert.deepEqual(record?.metadata.response_types, []);
  });

  it('finds no inactive, unknown, malformed or unusable client, and reports the unusable one', async () => {
    const problems: string[] = [];
    const source = createOAuth2ClientSource({ clients, onProblem: (realm, id, message) => problems.push(`${realm}/${id}: ${message}`) });
    assert.equal(await source.clientOf('alpha', 'service'), undefined);
    assert.equal(await source.clientOf('alpha', 'nobody'), undefined);
    assert.equal(await source.clientOf('root', 'web'), undefined);
    assert.equal(await source.clientOf('alpha', '../web'), undefined);
    await store.configs.put(clientDocumentId('alpha', 'broken'), { coreOAuth2ClientConfig: { redirectionUris: { inherited: false, value: ['not a uri'] } } });
    assert.equal(await source.clientOf('alpha', 'broken'), undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^alpha\/broken: Invalid OAuth2 client/);
  });
});
