/** Reading AM's OAuth2Client JSON: plain and wrapped values, nested and flat, every bad field named, the refusals and their reasons. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oauth2ClientJson } from './oauth2-client-json.ts';
import { readOAuth2Client } from './read-oauth2-client.ts';

const w = (value: unknown) => ({ inherited: false, value });

function fields(body: unknown, id = 'app'): string[] {
  return readOAuth2Client(id, body).errors.map((error) => error.field).sort();
}

function reasonOf(body: unknown, field: string): string {
  return readOAuth2Client('app', body).errors.find((error) => error.field === field)?.reason ?? '';
}

describe('readOAuth2Client', () => {
  it('reads a wrapped Identity Cloud export and a plain body alike, and its JSON reads back to the same client', () => {
    const wrapped = {
      _id: 'app',
      _type: { _id: 'OAuth2Client', name: 'OAuth2 Clients', collection: true },
      coreOAuth2ClientConfig: { userpassword: 'S3cret-value', clientType: w('Confidential'), status: w('Active'), redirectionUris: w(['https://app.example.com/cb']), scopes: w(['openid', 'profile|en|Your profile']), defaultScopes: w(['openid']), accessTokenLifetime: w(2400), agentgroup: null, 'userpassword-encrypted': 'AQIC…' },
      advancedOAuth2ClientConfig: { grantTypes: w(['authorization_code', 'refresh_token']), isConsentImplied: w(true), tokenEndpointAuthMethod: w('client_secret_post'), subjectType: w('public'), softwareIdentity: { inherited: false } },
      coreOpenIDClientConfig: { postLogoutRedirectUri: w(['https://app.example.com/bye']), defaultAcrValues: w(['Login']) },
    };
    const plain = {
      coreOAuth2ClientConfig: { userpassword: 'S3cret-value', clientType: 'Confidential', redirectionUris: ['https://app.example.com/cb'], scopes: ['openid', 'profile|en|Your profile'], defaultScopes: ['openid'], accessTokenLifetime: 2400 },
      advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token'], isConsentImplied: true, tokenEndpointAuthMethod: 'client_secret_post', subjectType: 'public' },
      coreOpenIDClientConfig: { postLogoutRedirectUri: ['https://app.example.com/bye'], defaultAcrValues: ['Login'] },
    };
    const a = readOAuth2Client('app', wrapped);
    const b = readOAuth2Client('app', plain);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(a.client, b.client);
    assert.deepEqual(a.secret, { kind: 'set', value: 'S3cret-value' });
    assert.equal(a.client.tokenEndpointAuthMethod, 'client_secret_post');
    assert.equal(a.client.isConsentImplied, true);
    assert.deepEqual(a.client.kept.coreOpenIDClientConfig, { defaultAcrValues: ['Login'] });
    const json = oauth2ClientJson(a.client);
    assert.equal(JSON.stringify(json).includes('S3cret'), false, 'the JSON never holds the secret');
    assert.deepEqual((json.advancedOAuth2ClientConfig as Record<string, unknown>).isConsentImplied, w(true));
    const again = readOAuth2Client('app', json);
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.client, a.client);
    assert.deepEqual(again.secret, { kind: 'keep' });
  });

  it('accepts AM’s flat form and older AM’s back-channel keys in the core section', () => {
    const read = readOAuth2Client('app', { redirectionUris: ['https://a.example/cb'], grantTypes: ['authorization_code'], userpassword: 'S3cret-value', coreOAuth2ClientConfig: { backchannel_logout_uri: w('https://a.example/bc') } });
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.client.redirectionUris, ['https://a.example/cb']);
    assert.equal(read.client.backchannelLogoutUri, 'https://a.example/bc');
  });

  it('gives public clients token_endpoint_auth_method none (AM’s template says client_secret_basic) and refuses secrets and client credentials for them', () => {
    const read = readOAuth2Client('spa', { coreOAuth2ClientConfig: { clientType: 'Public', redirectionUris: ['https://spa.example/cb'] }, advancedOAuth2ClientConfig: { tokenEndpointAuthMethod: 'client_secret_basic' } });
    assert.deepEqual(read.errors, []);
    assert.equal(read.client.tokenEndpointAuthMethod, 'none');
    const bad = { coreOAuth2ClientConfig: { clientType: 'Public', userpassword: 'S3cret-value', redirectionUris: ['https://spa.example/cb'] }, advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt' } };
    assert.deepEqual(fields(bad), ['advancedOAuth2ClientConfig.grantTypes', 'advancedOAuth2ClientConfig.tokenEndpointAuthMethod', 'coreOAuth2ClientConfig.userpassword']);
    assert.match(reasonOf({ advancedOAuth2ClientConfig: { tokenEndpointAuthMethod: 'none' }, coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'] } }, 'advancedOAuth2ClientConfig.tokenEndpointAuthMethod'), /public clients only/);
  });

  it('refuses the implicit and password grants saying why, and unknown grant types', () => {
    const base = { coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'] } };
    assert.match(reasonOf({ ...base, advancedOAuth2ClientConfig: { grantTypes: ['implicit'] } }, 'advancedOAuth2ClientConfig.grantTypes'), /tokens in the redirect URL/);
    assert.match(reasonOf({ ...base, advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'password'] } }, 'advancedOAuth2ClientConfig.grantTypes'), /password/);
    assert.match(reasonOf({ ...base, advancedOAuth2ClientConfig: { grantTypes: ['saml2-bearer'] } }, 'advancedOAuth2ClientConfig.grantTypes'), /not a grant type Arbor supports/);
    assert.deepEqual(fields({ advancedOAuth2ClientConfig: { grantTypes: [DEVICE, 'client_credentials', 'refresh_token'] } }), [], 'no redirect URI needed without authorization_code');
  });

  it('refuses bad redirect URIs: relative, fragments, script schemes, a native scheme mixed with a remote http URI', () => {
    const at = (uris: unknown) => reasonOf({ coreOAuth2ClientConfig: { redirectionUris: uris } }, 'coreOAuth2ClientConfig.redirectionUris');
    assert.match(at(['/cb']), /absolute/);
    assert.match(at(['https://a.example/cb#x']), /fragment/);
    assert.match(at(['javascript:alert(1)']), /javascript:/);
    assert.match(at(['https://user:pw@a.example/cb']), /credentials/);
    assert.match(at(['com.example.app:/cb', 'http://a.example/cb']), /native app/);
    assert.equal(at(['com.example.app:/cb', 'http://127.0.0.1:4000/cb']), '');
    assert.match(at([]), /needs at least one redirect URI/);
    assert.match(at('x'.repeat(3000)), /at most 2048/);
  });

  it('needs the keys of a private_key_jwt client, and accepts only public keys', () => {
    const base = { coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'] }, advancedOAuth2ClientConfig: { tokenEndpointAuthMethod: 'private_key_jwt' } };
    assert.match(reasonOf(base, 'signEncOAuth2ClientConfig.jwksUri'), /needs the client’s keys/);
    assert.deepEqual(fields({ ...base, signEncOAuth2ClientConfig: { jwksUri: 'https://a.example/jwks' } }), []);
    const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
    const ok = readOAuth2Client('app', { ...base, signEncOAuth2ClientConfig: { publicKeyLocation: 'jwks', jwkSet: JSON.stringify({ keys: [jwk] }) } });
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.client.jwkSet, { keys: [jwk] });
    assert.match(reasonOf({ ...base, signEncOAuth2ClientConfig: { publicKeyLocation: 'jwks', jwkSet: { keys: [{ ...jwk, d: 'secret' }] } } }, 'signEncOAuth2ClientConfig.jwkSet'), /private key material/);
    assert.match(reasonOf({ ...base, signEncOAuth2ClientConfig: { publicKeyLocation: 'x509' } }, 'signEncOAuth2ClientConfig.publicKeyLocation'), /jwksUri or jwkSet/);
    assert.match(reasonOf({ ...base, advancedOAuth2ClientConfig: { tokenEndpointAuthMethod: 'client_secret_jwt' } }, 'advancedOAuth2ClientConfig.tokenEndpointAuthMethod'), /not supported/);
  });

  it('lists every bad field of a hostile body at once, own properties only', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}, "colour": "red", "coreOAuth2ClientConfig": {"status": "Paused", "scopes": ["open id"], "accessTokenLifetime": -5, "nope": 1}, "advancedOAuth2ClientConfig": [], "signEncOAuth2ClientConfig": {"idTokenEncryptionEnabled": {"inherited": false, "value": true}}}');
    assert.deepEqual(fields(body, 'bad/id'), [
      '__proto__',
      '_id',
      'advancedOAuth2ClientConfig',
      'colour',
      'coreOAuth2ClientConfig.accessTokenLifetime',
      'coreOAuth2ClientConfig.nope',
      'coreOAuth2ClientConfig.redirectionUris',
      'coreOAuth2ClientConfig.scopes',
      'coreOAuth2ClientConfig.status',
      'signEncOAuth2ClientConfig.idTokenEncryptionEnabled',
    ]);
    assert.deepEqual(fields(Object.create({ coreOAuth2ClientConfig: { clientType: 'Nonsense' } })), ['coreOAuth2ClientConfig.redirectionUris'], 'inherited properties are not read');
    assert.deepEqual(fields([]), ['', 'coreOAuth2ClientConfig.redirectionUris']);
    assert.deepEqual(fields({ descriptions: ['x'.repeat(70_000)] }).includes(''), true, 'the size is bounded');
    assert.deepEqual(fields({ _id: 'other', coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'] } }), ['_id']);
  });

  it('refuses settings that would promise more than Arbor does, keeps the others as given', () => {
    const base = { coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'] } };
    assert.match(reasonOf({ ...base, signEncOAuth2ClientConfig: { mTLSCertificateBoundAccessTokens: true } }, 'signEncOAuth2ClientConfig.mTLSCertificateBoundAccessTokens'), /TLS/);
    assert.match(reasonOf({ ...base, advancedOAuth2ClientConfig: { require_pushed_authorization_requests: w(true) } }, 'advancedOAuth2ClientConfig.require_pushed_authorization_requests'), /pushed/);
    assert.match(reasonOf({ ...base, advancedOAuth2ClientConfig: { subjectType: 'pairwise' } }, 'advancedOAuth2ClientConfig.subjectType'), /public subject/);
    const kept = readOAuth2Client('app', { ...base, signEncOAuth2ClientConfig: { mTLSCertificateBoundAccessTokens: false, mTLSTrustedCert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' }, overrideOAuth2ClientConfig: { issueRefreshToken: true, accessTokenModificationScript: '[Empty]' } });
    assert.deepEqual(kept.errors, []);
    assert.equal(kept.client.kept.signEncOAuth2ClientConfig?.mTLSTrustedCert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
    assert.deepEqual(kept.client.kept.overrideOAuth2ClientConfig, { issueRefreshToken: true, accessTokenModificationScript: '[Empty]' });
  });

  it('refuses scopes the provider could never grant, naming the field: bad characters, over 128 characters, over 64 custom scopes', () => {
    const at = (scopes: unknown) => reasonOf({ coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'], scopes } }, 'coreOAuth2ClientConfig.scopes');
    assert.equal(at(['openid', 'read:orders', 'api.example.com/orders.read', 'write_all-2', `${'a'.repeat(128)}`, 'read:invoices|en|Read your invoices', 'fr:idm:*']), '', 'standard, custom and Identity Cloud platform scopes');
    assert.match(at(['openid', 'read*orders']), /"read\*orders": is not a scope Arbor can grant: a custom scope has letters, digits and _ \. : \/ - only/);
    assert.match(at(['café']), /not a scope name/);
    assert.match(at(['read$orders']), /not a scope Arbor can grant/);
    assert.match(at(['open id']), /not a scope name/);
    assert.match(at([`${'a'.repeat(129)}`]), /longer than 128 characters/);
    const custom = Array.from({ length: 65 }, (_, index) => `api:${index}`);
    assert.equal(at(['openid', 'profile', 'email', 'phone', 'offline_access', 'fr:idm:*', ...custom.slice(0, 64)]), '', '64 custom scopes besides the standard ones');
    assert.match(at(['openid', ...custom]), /at most 64 custom scopes besides openid, offline_access, profile, email, phone \(it has 65\)/);
    assert.match(at(['openid', ...custom.slice(0, 64), 'api:0|en|The same scope described']), /^$/, 'a scope counted once, by its name');
  });

  it('reads a stored document without the limits on custom scopes, so that a client stored before them keeps working', () => {
    const custom = Array.from({ length: 70 }, (_, index) => `api:${index}`);
    const body = { coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'], scopes: ['openid', 'read*all', ...custom] } };
    assert.deepEqual(readOAuth2Client('app', body, { stored: true }).errors, []);
    assert.deepEqual(fields(body), ['coreOAuth2ClientConfig.scopes']);
    assert.deepEqual(fields({ coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'], scopes: ['open id'] } }, 'app'), ['coreOAuth2ClientConfig.scopes'], 'a scope that is no token at all is refused either way');
    assert.deepEqual(readOAuth2Client('app', { coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'], scopes: ['open id'] } }, { stored: true }).errors.map((error) => error.field), ['coreOAuth2ClientConfig.scopes']);
  });

  it('reads the secret: absent or null keeps, "" clears, a short one is refused', () => {
    const base = { redirectionUris: ['https://a.example/cb'] };
    assert.deepEqual(readOAuth2Client('app', { ...base, userpassword: null }).secret, { kind: 'keep' });
    assert.deepEqual(readOAuth2Client('app', { ...base, userpassword: '' }).secret, { kind: 'clear' });
    assert.deepEqual(fields({ ...base, userpassword: 'short' }), ['coreOAuth2ClientConfig.userpassword']);
    assert.deepEqual(fields({ ...base, userpassword: { $crypto: { type: 'x-arbor-sealed', value: {} } } }), ['coreOAuth2ClientConfig.userpassword'], 'a sealed envelope is not accepted from outside');
  });
});

const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';
