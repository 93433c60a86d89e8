/** The Social Identity Provider Service: validation naming every field, presets, the write-only sealed secret, discovery on loopback. */
import { scriptDocumentId } from '../../scripting/script-store.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { isSocialProviderError, type ProviderFieldError } from './provider-errors.ts';
import { createSocialProviderService, type SocialProviderService } from './social-provider-service.ts';

const REDIRECT = 'https://login.example.com/am';

async function fieldsOf(work: Promise<unknown>): Promise<ProviderFieldError[]> {
  try {
    await work;
  } catch (error) {
    if (isSocialProviderError(error, 'INVALID_PROVIDER')) return [...error.fields];
    throw error;
  }
  assert.fail('the write was accepted');
}

describe('Social provider service', () => {
  let store: Store;
  let service: SocialProviderService;
  let discoveryServer: Server;
  let issuer = '';
  let discovery: Record<string, unknown> = {};
  let slow = false;

  before(async () => {
    store = await openStore({ memory: true, clock: { now: () => Date.now() } });
    service = createSocialProviderService({ configs: store.configs, sealer: createSecretSealer(randomBytes(32)), discoveryLimits: { timeoutMs: 300, maxBytes: 4096 } });
    discoveryServer = createServer((request, response) => {
      if (slow) return void setTimeout(() => response.end('{}'), 1000);
      if (request.url === '/huge/.well-known/openid-configuration') return void response.end(JSON.stringify({ padding: 'x'.repeat(10_000) }));
      if (request.url !== '/op/.well-known/openid-configuration') return void response.writeHead(404).end();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(discovery));
    });
    await new Promise<void>((resolve) => discoveryServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(discoveryServer.address() as AddressInfo).port}/op`;
    discovery = {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_post'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
      request_object_signing_alg_values_supported: ['RS256'],
      request_object_encryption_alg_values_supported: ['RSA-OAEP-256'],
      request_object_encryption_enc_values_supported: ['A256GCM'],
      code_challenge_methods_supported: ['S256'],
    };
  });
  after(async () => {
    discoveryServer?.close();
    await store?.close();
  });

  it('names every bad field of a write, not just the first', async () => {
    const fields = await fieldsOf(
      service.put('alpha', 'oidcConfig', 'broken', {
        clientId: 42,
        authorizationEndpoint: 'ftp://op.example/authorize',
        tokenEndpoint: '/token',
        redirectURI: 'javascript:alert(1)',
        scopes: 'openid',
        clientAuthenticationMethod: 'CLIENT_SECRET_JWT',
        pkceMethod: 's256',
        privateKeyJwtExpTime: -1,
        enabled: 'yes',
        uiConfig: { buttonDisplayName: 7 },
        claims: '{"userinfo": ',
        favouriteColour: 'blue',
        transform: '00000000-0000-0000-0000-000000000000',
      }),
    );
    const names = fields.map((field) => field.field).sort();
    assert.deepEqual(names, [
      'authorizationEndpoint', 'claims', 'clientAuthenticationMethod', 'clientId', 'enabled', 'favouriteColour', 'issuer', 'pkceMethod',
      'privateKeyJwtExpTime', 'redirectURI', 'scopes', 'tokenEndpoint', 'transform', 'uiConfig.buttonDisplayName',
    ]);
    assert.ok(fields.every((field) => field.reason.length > 0));
    const missing = await fieldsOf(service.put('alpha', 'oidcConfig', 'empty', { transform: 'nope' }));
    assert.deepEqual(missing.map((field) => field.field).sort(), ['authorizationEndpoint', 'clientId', 'issuer', 'redirectURI', 'tokenEndpoint', 'transform']);
    assert.deepEqual(await store.configs.list('realm/alpha/'), [], 'nothing stored');
  });

  it('refuses absurd sizes and bad names', async () => {
    const huge = await fieldsOf(service.put('alpha', 'googleConfig', 'g', { clientId: 'x'.repeat(70_000), redirectURI: REDIRECT }));
    assert.match(huge[0]?.reason ?? '', /at most 65536 bytes/);
    const tooMany = await fieldsOf(service.put('alpha', 'oauth2Config', 'o', { scopes: Array.from({ length: 65 }, (_, index) => `s${index}`) }));
    assert.ok(tooMany.some((field) => field.field === 'scopes' && /at most 64/.test(field.reason)));
    const badName = await fieldsOf(service.put('alpha', 'oauth2Config', 'a/b', {}));
    assert.ok(badName.some((field) => field.field === '_id'));
  });

  it('fills what a PUT leaves out from the type’s preset (Google, GitHub, itsme production and E2E)', async () => {
    const google = (await service.put('alpha', 'googleConfig', 'google', { clientId: 'g-client', redirectURI: REDIRECT, wellKnownEndpoint: '' }, { discovery: false })).provider;
    assert.equal(google.authorizationEndpoint, 'https://accounts.google.com/o/oauth2/v2/auth');
    assert.equal(google.issuer, 'https://accounts.google.com');
    assert.deepEqual(google.scopes, ['openid', 'profile', 'email']);
    assert.equal(google.transform, '58d29080-4563-480b-89bb-1e7719776a21');
    assert.deepEqual(google._type, { _id: 'googleConfig', name: 'Client configuration for Google.', collection: true });
    const github = (await service.put('alpha', 'gitHubConfig', 'github', { clientId: 'gh', redirectURI: REDIRECT })).provider;
    assert.equal(github.userInfoEndpoint, 'https://api.github.com/user');
    assert.equal(github.authenticationIdKey, 'id');
    const itsme = (await service.put('alpha', 'itsmeConfig', 'itsme', { clientId: 'partner', redirectURI: REDIRECT, scopes: ['openid', 'service:TEST'] }, { discovery: false })).provider;
    assert.equal(itsme.tokenEndpoint, 'https://idp.prd.itsme.services/v2/token');
    assert.equal(itsme.clientAuthenticationMethod, 'ENCRYPTED_PRIVATE_KEY_JWT');
    assert.equal(itsme.userInfoResponseType, 'SIGNED_THEN_ENCRYPTED_JWT');
    const e2e = (
      await service.put('alpha', 'itsmeConfig', 'itsme', { clientId: 'partner', redirectURI: REDIRECT, wellKnownEndpoint: 'https://idp.e2e.itsme.services/v2/.well-known/openid-configuration' }, { discovery: false })
    ).provider;
    assert.equal(e2e.issuer, 'https://idp.e2e.itsme.services/v2');
    assert.equal(e2e.jwksUriEndpoint, 'https://idp.e2e.itsme.services/v2/jwkSet');
  });

  it('seals the client secret: never stored in clear, never returned, kept when a PUT leaves it out', async () => {
    const body = { clientId: 'c', authorizationEndpoint: 'https://op.example/a', tokenEndpoint: 'https://op.example/t', redirectURI: REDIRECT, scopes: ['user'], transform: '23143919-6b78-40c3-b25e-beca19b229e0' };
    await fieldsOf(service.put('alpha', 'oauth2Config', 'sealed', body));
    const good = { ...body, transform: 'a7a78773-445b-4eca-bb93-409e86bced81', clientSecret: 'Very-Secret-Value-1' };
    assert.equal((await service.put('alpha', 'oauth2Config', 'sealed', good)).created, true);
    const stored = JSON.stringify(await store.configs.get('realm/alpha/socialIdentityProviders/oauth2Config/sealed'));
    assert.doesNotMatch(stored, /Very-Secret-Value-1/);
    assert.match(stored, /"\$crypto"/);
    assert.equal('clientSecret' in ((await service.get('alpha', 'oauth2Config', 'sealed')) ?? {}), false);
    assert.equal((await service.list('alpha')).some((provider) => 'clientSecret' in provider), false);
    const replaced = await service.put('alpha', 'oauth2Config', 'sealed', { ...body, transform: good.transform, clientSecret: null, clientId: 'c2' });
    assert.equal(replaced.created, false);
    const opened = await service.providerForJourney('alpha', 'sealed');
    assert.equal(opened?.clientSecret, 'Very-Secret-Value-1', 'kept');
    assert.equal(opened?.clientId, 'c2');
    await service.put('alpha', 'oauth2Config', 'sealed', { ...body, transform: good.transform, clientSecret: '' });
    assert.equal((await service.providerForJourney('alpha', 'sealed'))?.clientSecret, undefined, 'an empty secret removes it');
    assert.equal(await service.providerForJourney('root', 'sealed'), undefined, 'per realm');
  });

  it('a transform names a built-in normalization or a script of the realm; anything else is refused', async () => {
    const body = { clientId: 'c', authorizationEndpoint: 'https://op.example/a', tokenEndpoint: 'https://op.example/t', redirectURI: REDIRECT, scopes: ['user'], authenticationIdKey: 'id' };
    const refused = await fieldsOf(service.put('alpha', 'oauth2Config', 'scripted', { ...body, transform: 'my-normalization' }));
    assert.deepEqual(refused.map((field) => field.field), ['transform']);
    await store.configs.put(scriptDocumentId('alpha', 'my-normalization'), { _id: 'my-normalization', name: 'Mine', script: '', language: 'JAVASCRIPT', context: 'SOCIAL_IDP_PROFILE_TRANSFORMATION' });
    assert.equal((await service.put('alpha', 'oauth2Config', 'scripted', { ...body, transform: 'my-normalization' })).created, true);
    assert.equal((await service.providerForJourney('alpha', 'scripted'))?.transform, 'my-normalization', 'read back as stored');
    const otherRealm = await fieldsOf(service.put('root', 'oauth2Config', 'scripted', { ...body, transform: 'my-normalization' }));
    assert.deepEqual(otherRealm.map((field) => field.field), ['transform'], 'the script must be in the provider’s realm');
  });

  it('keeps names unique across types, lists the enabled ones, deletes', async () => {
    await assert.rejects(service.put('alpha', 'oidcConfig', 'sealed', {}), (error) => isSocialProviderError(error, 'PROVIDER_NAME_TAKEN'));
    const names = (await service.enabledProviders('alpha')).map((provider) => provider.name);
    assert.ok(names.includes('github') && names.includes('sealed'));
    await service.put('alpha', 'gitHubConfig', 'github', { clientId: 'gh', redirectURI: REDIRECT, enabled: false });
    assert.equal((await service.enabledProviders('alpha')).some((provider) => provider.name === 'github'), false);
    assert.equal((await service.delete('alpha', 'gitHubConfig', 'github'))?._id, 'github');
    assert.equal(await service.get('alpha', 'gitHubConfig', 'github'), undefined);
    assert.equal(await service.delete('alpha', 'gitHubConfig', 'github'), undefined);
  });

  it('fills missing endpoints from discovery and refuses algorithms the provider does not advertise', async () => {
    const filled = await service.put('alpha', 'oidcConfig', 'op', { clientId: 'rp', redirectURI: REDIRECT, wellKnownEndpoint: `${issuer}/.well-known/openid-configuration` });
    assert.equal(filled.provider.authorizationEndpoint, `${issuer}/authorize`);
    assert.equal(filled.provider.tokenEndpoint, `${issuer}/token`);
    assert.equal(filled.provider.userInfoEndpoint, `${issuer}/userinfo`);
    assert.equal(filled.provider.jwksUriEndpoint, `${issuer}/jwks`);
    assert.equal(filled.provider.issuer, issuer);
    const fields = await fieldsOf(
      service.put('alpha', 'oidcConfig', 'op', {
        clientId: 'rp',
        redirectURI: REDIRECT,
        wellKnownEndpoint: `${issuer}/.well-known/openid-configuration`,
        clientAuthenticationMethod: 'ENCRYPTED_PRIVATE_KEY_JWT',
        jwtSigningAlgorithm: 'ES256',
        jwtEncryptionAlgorithm: 'RSA-OAEP',
        jwtEncryptionMethod: 'AES_128_CBC_HMAC_SHA_256',
        pkceMethod: 'PLAIN',
      }),
    );
    assert.deepEqual(fields.map((field) => field.field).sort(), ['jwtEncryptionAlgorithm', 'jwtEncryptionMethod', 'jwtSigningAlgorithm', 'pkceMethod']);
    assert.match(fields.find((field) => field.field === 'jwtSigningAlgorithm')?.reason ?? '', /ES256 is not advertised.*token_endpoint_auth_signing_alg_values_supported: RS256/);
    const auth = await fieldsOf(service.put('alpha', 'oidcConfig', 'op', { clientId: 'rp', redirectURI: REDIRECT, wellKnownEndpoint: `${issuer}/.well-known/openid-configuration`, clientAuthenticationMethod: 'CLIENT_SECRET_BASIC' }));
    assert.deepEqual(auth.map((field) => field.field), ['clientAuthenticationMethod']);
    const ok = await service.put('alpha', 'oidcConfig', 'op', {
      clientId: 'rp',
      redirectURI: REDIRECT,
      wellKnownEndpoint: `${issuer}/.well-known/openid-configuration`,
      clientAuthenticationMethod: 'ENCRYPTED_PRIVATE_KEY_JWT',
      jwtSigningAlgorithm: 'RS256',
      jwtEncryptionAlgorithm: 'RSA-OAEP-256',
      jwtEncryptionMethod: 'A256GCM',
    });
    assert.equal(ok.provider.jwtEncryptionMethod, 'AES_256_GCM', 'the JOSE name is stored under AM’s name');
  });

  it('refuses a write whose discovery cannot be had, saying why', async () => {
    const base = { clientId: 'rp', redirectURI: REDIRECT };
    const missing = await fieldsOf(service.put('alpha', 'oidcConfig', 'down', { ...base, wellKnownEndpoint: `${issuer}/nothing/.well-known/openid-configuration` }));
    assert.deepEqual(missing, [{ field: 'wellKnownEndpoint', reason: 'the discovery document could not be fetched (HTTP 404)' }]);
    const huge = await fieldsOf(service.put('alpha', 'oidcConfig', 'down', { ...base, wellKnownEndpoint: issuer.replace('/op', '/huge/.well-known/openid-configuration') }));
    assert.match(huge[0]?.reason ?? '', /larger than 4096 bytes/);
    slow = true;
    const late = await fieldsOf(service.put('alpha', 'oidcConfig', 'down', { ...base, wellKnownEndpoint: `${issuer}/.well-known/openid-configuration` }));
    slow = false;
    assert.match(late[0]?.reason ?? '', /did not arrive within 300 ms/);
    const closed = await fieldsOf(service.put('alpha', 'oidcConfig', 'down', { ...base, wellKnownEndpoint: 'http://127.0.0.1:1/.well-known/openid-configuration' }));
    assert.match(closed[0]?.reason ?? '', /could not be fetched/);
  });

  it('never fetches discovery from the cloud metadata address: the write is refused saying why, and nothing is sent', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const guarded = createSocialProviderService({ configs: store.configs, sealer: createSecretSealer(randomBytes(32)), fetch: recording });
    const fields = await fieldsOf(guarded.put('alpha', 'oidcConfig', 'imds', { clientId: 'rp', redirectURI: REDIRECT, wellKnownEndpoint: 'http://169.254.169.254/.well-known/openid-configuration' }));
    assert.deepEqual(fields, [{ field: 'wellKnownEndpoint', reason: 'the discovery document is not fetched: 169.254.169.254 is a link-local address, which ARBOR_OUTBOUND_NETWORKS=all-but-link-local does not allow' }]);
    assert.deepEqual(sent, [], 'no request was made');
    assert.equal(await guarded.get('alpha', 'oidcConfig', 'imds'), undefined, 'nothing stored');
  });

  it('a discovery host resolving to 127.0.0.1 (localhost) is refused under public and fetched under the default', async () => {
    const body = { clientId: 'rp', clientSecret: 'Very-Secret-Value-2', redirectURI: REDIRECT, clientAuthenticationMethod: 'CLIENT_SECRET_POST', wellKnownEndpoint: `${issuer.replace('127.0.0.1', 'localhost')}/.well-known/openid-configuration` };
    const strict = createSocialProviderService({ configs: store.configs, sealer: createSecretSealer(randomBytes(32)), outboundNetworks: 'public' });
    const fields = await fieldsOf(strict.put('alpha', 'oidcConfig', 'local', body));
    assert.deepEqual(fields.map((field) => field.field), ['wellKnownEndpoint']);
    assert.match(fields[0]?.reason ?? '', /^the discovery document is not fetched: localhost resolves to a loopback address, which ARBOR_OUTBOUND_NETWORKS=public does not allow$/);
    const written = await service.put('alpha', 'oidcConfig', 'local', body);
    assert.equal(written.provider.tokenEndpoint, `${issuer}/token`, 'filled from the document');
  });
});
