/** The OAuth clients section's reasoning: a client's JSON in the form, the form's checks, the PUT body, the server's bad fields, secrets, places. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOAuth2Client } from '../oauth2/read-oauth2-client.ts';
import { oauth2ClientJson } from '../oauth2/oauth2-client-json.ts';
import { fieldErrorsOf } from './clients-client.ts';
import { clientBody, clientsPathOf, clientsPlaceOf, emptyClientForm, errorsByField, formOfClient, needsSecret, secretOf, summaryOfClient } from './clients-model.ts';

/** A client as the server answers it: read by the server's own reader, written by its own JSON writer. */
function stored(id: string, body: Record<string, unknown>): Record<string, unknown> {
  const read = readOAuth2Client(id, body);
  assert.deepEqual(read.errors, []);
  return oauth2ClientJson(read.client);
}

const WEB = stored('web', {
  coreOAuth2ClientConfig: { userpassword: 'a-long-secret', clientName: ['Web app'], redirectionUris: ['https://web.example/cb'], scopes: ['openid', 'profile|en|Your profile', 'profile|fr|Votre profil'], defaultScopes: ['openid'], accessTokenLifetime: 600 },
  advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_post', isConsentImplied: true, descriptions: ['kept as it is'] },
  coreOpenIDClientConfig: { postLogoutRedirectUri: ['https://web.example/bye'], backchannel_logout_uri: 'https://web.example/bc' },
});

describe('the client form', () => {
  it('reads every shown setting from the wrapped JSON the server answers', () => {
    const form = formOfClient(WEB);
    assert.equal(form.clientId, 'web');
    assert.equal(form.name, 'Web app');
    assert.equal(form.clientType, 'Confidential');
    assert.equal(form.redirectionUris, 'https://web.example/cb');
    assert.deepEqual(form.grantTypes, ['authorization_code', 'refresh_token']);
    assert.equal(form.scopes, 'openid profile');
    assert.equal(form.defaultScopes, 'openid');
    assert.equal(form.tokenEndpointAuthMethod, 'client_secret_post');
    assert.equal(form.isConsentImplied, true);
    assert.equal(form.postLogoutRedirectUri, 'https://web.example/bye');
    assert.equal(form.backchannelLogoutUri, 'https://web.example/bc');
    assert.equal(form.accessTokenLifetime, '600');
  });

  it('summarizes a client for the list with its grants in words', () => {
    assert.deepEqual(summaryOfClient(WEB), { id: 'web', name: 'Web app', clientType: 'Confidential', status: 'Active', grantTypes: ['Authorization code', 'Refresh token'], redirectionUris: ['https://web.example/cb'] });
  });

  it('builds a new confidential client the server accepts, with the secret', () => {
    const form = { ...emptyClientForm(), clientId: 'svc', name: 'Reports', grantTypes: ['client_credentials'], scopes: 'reports.read, reports.write', backchannelLogoutUri: ' ' };
    const body = clientBody(form, undefined, 'generated-secret-value');
    const read = readOAuth2Client('svc', body);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.secret, { kind: 'set', value: 'generated-secret-value' });
    assert.deepEqual(read.client.grantTypes, ['client_credentials']);
    assert.deepEqual(read.client.scopes, ['reports.read', 'reports.write']);
    assert.equal(read.client.backchannelLogoutUri, undefined);
  });

  it('edits only what the form shows: other attributes, scope descriptions and the stored secret are kept', () => {
    const form = { ...formOfClient(WEB), redirectionUris: 'https://web.example/cb\n\nhttps://web.example/other ', backchannelLogoutUri: '' };
    const body = clientBody(form, WEB, undefined);
    const read = readOAuth2Client('web', body);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.secret, { kind: 'keep' });
    assert.deepEqual(read.client.redirectionUris, ['https://web.example/cb', 'https://web.example/other']);
    assert.deepEqual(read.client.descriptions, ['kept as it is']);
    assert.deepEqual(read.client.scopes, ['openid', 'profile|en|Your profile', 'profile|fr|Votre profil']);
    assert.equal(read.client.backchannelLogoutUri, undefined);
    assert.equal(read.client.accessTokenLifetime, 600);
  });

  it('turns a client public: no authentication, and its secret removed', () => {
    const body = clientBody({ ...formOfClient(WEB), clientType: 'Public' }, WEB, 'ignored-secret');
    const read = readOAuth2Client('web', body);
    assert.deepEqual(read.errors, []);
    assert.equal(read.client.tokenEndpointAuthMethod, 'none');
    assert.deepEqual(read.secret, { kind: 'clear' });
    assert.equal(needsSecret(formOfClient(stored('web', body))), false);
  });

  it('shows and saves the signing, key and max_age settings the provider acts on', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
    const form = {
      ...emptyClientForm(),
      clientId: 'signer',
      grantTypes: ['client_credentials'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      publicKeyLocation: 'jwks',
      jwkSet: JSON.stringify({ keys: [jwk] }),
      tokenEndpointAuthSigningAlgorithm: 'ES256',
      idTokenSignedResponseAlg: 'PS256',
      defaultMaxAgeEnabled: true,
      defaultMaxAge: '900',
    };
    const read = readOAuth2Client('signer', clientBody(form, undefined, undefined));
    assert.deepEqual(read.errors, []);
    assert.equal(read.client.publicKeyLocation, 'jwks');
    assert.deepEqual(read.client.jwkSet, { keys: [jwk] });
    assert.equal(read.client.tokenEndpointAuthSigningAlgorithm, 'ES256');
    assert.equal(read.client.idTokenSignedResponseAlg, 'PS256');
    assert.equal(read.client.defaultMaxAgeEnabled, true);
    assert.equal(read.client.defaultMaxAge, 900);
    const shown = formOfClient(oauth2ClientJson(read.client));
    assert.deepEqual(JSON.parse(shown.jwkSet), { keys: [jwk] });
    assert.match(shown.jwkSet, /\n {2}"keys"/, 'the key set is shown indented');
    assert.deepEqual(
      [shown.publicKeyLocation, shown.tokenEndpointAuthSigningAlgorithm, shown.idTokenSignedResponseAlg, shown.defaultMaxAgeEnabled, shown.defaultMaxAge],
      ['jwks', 'ES256', 'PS256', true, '900'],
    );
    const defaults = formOfClient(WEB);
    assert.deepEqual([defaults.publicKeyLocation, defaults.idTokenSignedResponseAlg, defaults.defaultMaxAgeEnabled, defaults.defaultMaxAge], ['jwks_uri', 'RS256', false, '600']);
  });

  it('needs a secret for a client that authenticates with one or signs its ID tokens with it (HS256)', () => {
    const signer = { ...emptyClientForm(), tokenEndpointAuthMethod: 'private_key_jwt' };
    assert.equal(needsSecret(signer), false);
    assert.equal(needsSecret({ ...signer, idTokenSignedResponseAlg: 'HS256' }), true);
    assert.equal(needsSecret({ ...signer, clientType: 'Public' as const, idTokenSignedResponseAlg: 'HS256' }), false);
    assert.equal(needsSecret(emptyClientForm()), true);
  });

  it('puts the server’s refusals of the new settings beside their fields', () => {
    const refused = readOAuth2Client('spa', clientBody({ ...emptyClientForm(), clientId: 'spa', clientType: 'Public', redirectionUris: 'https://spa.example/cb', scopes: 'openid read*all', idTokenSignedResponseAlg: 'HS256', defaultMaxAge: '99999999999' }, undefined, undefined));
    const sorted = errorsByField(refused.errors);
    assert.match(sorted.fields.get('scopes')?.[0] ?? '', /"read\*all": is not a scope Arbor can grant/);
    assert.match(sorted.fields.get('idTokenSignedResponseAlg')?.[0] ?? '', /a public client has none/);
    assert.match(sorted.fields.get('defaultMaxAge')?.[0] ?? '', /whole number/);
    assert.deepEqual(sorted.rest, []);
  });

  it('sorts the server’s bad fields beside the form’s fields, the others for the alert', () => {
    const errors = fieldErrorsOf({ code: 400, detail: { errors: [{ field: 'coreOAuth2ClientConfig.redirectionUris', reason: 'must be an absolute URI' }, { field: '_id', reason: 'bad' }, { field: 'signEncOAuth2ClientConfig.idTokenEncryptionEnabled', reason: 'Arbor does not encrypt ID tokens' }, { field: 7 }] } });
    const sorted = errorsByField(errors);
    assert.deepEqual(sorted.fields.get('redirectionUris'), ['must be an absolute URI']);
    assert.deepEqual(sorted.fields.get('clientId'), ['bad']);
    assert.deepEqual(sorted.rest, ['signEncOAuth2ClientConfig.idTokenEncryptionEnabled: Arbor does not encrypt ID tokens']);
  });

  it('makes a 43-character base64url secret from 32 random bytes, and refuses fewer', () => {
    const secret = secretOf(new Uint8Array(32).fill(251));
    assert.equal(secret.length, 43);
    assert.match(secret, /^[A-Za-z0-9_-]+$/);
    assert.notEqual(secretOf(new Uint8Array(32).fill(1)), secret);
    assert.throws(() => secretOf(new Uint8Array(16)), RangeError);
  });

  it('knows its places', () => {
    assert.deepEqual(clientsPlaceOf([]), { view: 'list' });
    assert.deepEqual(clientsPlaceOf(['create']), { view: 'create' });
    assert.deepEqual(clientsPlaceOf(['client', 'web']), { view: 'client', id: 'web' });
    assert.deepEqual(clientsPlaceOf(['client']), { view: 'list' });
    assert.deepEqual(clientsPathOf({ view: 'client', id: 'a b' }), ['client', 'a b']);
  });
});
