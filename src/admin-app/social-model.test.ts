/** The Social providers section's model: presets, the form's values and PUT body, discovery filling, the list, itsme keys and places. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIELD_GROUPS, PROVIDER_FIELDS } from './social-fields.ts';
import {
  editedBody,
  fieldsOf,
  fillFromDiscovered,
  formFromProvider,
  newProviderForm,
  PRESET_CHOICES,
  providerBody,
  providerNameProblem,
  providerSummaries,
  readDiscovered,
  rpJwksUrl,
  rpKeyStatus,
  socialPlaceOf,
} from './social-model.ts';

describe('the social providers model', () => {
  it('gives every option a group and a help text, and hides OpenID-only options from plain OAuth 2.0 types', () => {
    for (const field of PROVIDER_FIELDS) {
      assert.ok(FIELD_GROUPS.includes(field.group), field.key);
      assert.ok(field.help.length > 20, `${field.key} has help`);
    }
    assert.equal(new Set(PROVIDER_FIELDS.map((field) => field.key)).size, PROVIDER_FIELDS.length, 'no option twice');
    const oauth2 = fieldsOf('gitHubConfig').map((field) => field.key);
    assert.equal(oauth2.includes('issuer'), false);
    assert.equal(oauth2.includes('tokenEndpoint'), true);
    assert.equal(fieldsOf('oidcConfig').some((field) => field.key === 'issuer'), true);
  });

  it('opens a preset with the server’s preset values and the realm’s sign-in page as redirect URI', () => {
    const google = newProviderForm('googleConfig', 'alpha', 'https://login.example.com');
    assert.equal(google.authorizationEndpoint, 'https://accounts.google.com/o/oauth2/v2/auth');
    assert.equal(google.issuer, 'https://accounts.google.com');
    assert.equal(google.scopes, 'openid profile email');
    assert.equal(google['uiConfig.buttonDisplayName'], 'Google');
    assert.equal(google.redirectURI, 'https://login.example.com/login?realm=alpha');
    assert.equal(google.enabled, true);
    const itsme = newProviderForm('itsmeConfig', 'alpha', 'https://login.example.com');
    assert.equal(itsme.clientAuthenticationMethod, 'ENCRYPTED_PRIVATE_KEY_JWT');
    assert.equal(itsme.encryptedIdTokens, true);
    assert.equal(itsme.userInfoResponseType, 'SIGNED_THEN_ENCRYPTED_JWT');
    assert.deepEqual(
      PRESET_CHOICES.map((choice) => choice.type),
      ['googleConfig', 'appleConfig', 'microsoftConfig', 'facebookConfig', 'gitHubConfig', 'linkedInConfig', 'itsmeConfig', 'oidcConfig', 'oauth2Config'],
    );
  });

  it('builds AM’s JSON from the form: lists split, button options under uiConfig, empty optional texts and the untouched secret left out', () => {
    const values = { ...newProviderForm('oidcConfig', 'alpha', 'https://login.example.com'), clientId: ' app-1 ', scopes: 'openid,  email', acrValues: '', 'uiConfig.buttonDisplayName': 'Acme', authorizationEndpoint: 'https://idp.example.com/auth', tokenEndpoint: 'https://idp.example.com/token', issuer: 'https://idp.example.com', privateKeyJwtExpTime: '300' };
    const { body, problems } = providerBody('oidcConfig', values);
    assert.deepEqual(problems, []);
    assert.equal(body.clientId, 'app-1');
    assert.deepEqual(body.scopes, ['openid', 'email']);
    assert.equal('acrValues' in body, false);
    assert.equal('clientSecret' in body, false, 'an empty secret keeps the stored one');
    assert.equal('userInfoEndpoint' in body, false);
    assert.equal(body.privateKeyJwtExpTime, 300);
    assert.equal(body.scopeDelimiter, ' ');
    assert.deepEqual(body.uiConfig, { buttonDisplayName: 'Acme' });
    assert.equal(providerBody('oidcConfig', { ...values, clientSecret: 's3cret' }).body.clientSecret, 's3cret');
  });

  it('names every field the form refuses before sending', () => {
    const values = { ...newProviderForm('oidcConfig', 'alpha', 'https://x.example'), clientId: '', tokenEndpoint: 'ftp://idp.example.com/token', claims: '{"userinfo":', privateKeyJwtExpTime: '1.5' };
    const { problems } = providerBody('oidcConfig', values);
    assert.deepEqual(
      problems.map((problem) => problem.field).sort(),
      ['authorizationEndpoint', 'claims', 'clientId', 'privateKeyJwtExpTime', 'tokenEndpoint'].sort(),
    );
    assert.equal(providerNameProblem(''), 'A name is required.');
    assert.equal(providerNameProblem('a/b'), 'No "/" or control characters.');
    assert.equal(providerNameProblem('acme'), undefined);
  });

  it('reads a stored provider back into the form, and keeps on save the keys the form does not show', () => {
    const stored = { _id: 'acme', _type: { _id: 'oidcConfig' }, _rev: '3', clientId: 'c', scopes: ['openid'], uiConfig: { buttonDisplayName: 'Acme' }, useCustomTrustStore: true, claims: '{"id_token":{}}', userInfoEndpoint: 'https://idp/me' };
    const values = formFromProvider('oidcConfig', stored);
    assert.equal(values.scopes, 'openid');
    assert.equal(values['uiConfig.buttonDisplayName'], 'Acme');
    assert.equal(values.clientSecret, '');
    const body = editedBody('oidcConfig', stored, { clientId: 'c2', scopes: ['openid'], uiConfig: {} });
    assert.deepEqual(body, { useCustomTrustStore: true, clientId: 'c2', scopes: ['openid'], uiConfig: {} }, 'identity keys and emptied form fields are dropped');
  });

  it('fills the endpoints from a discovery answer, keeps supported scopes and picks an accepted client authentication', () => {
    const found = readDiscovered({
      wellKnownEndpoint: 'https://idp.example.com/.well-known/openid-configuration',
      issuer: 'https://idp.example.com',
      authorizationEndpoint: 'https://idp.example.com/auth',
      tokenEndpoint: 'https://idp.example.com/token',
      jwksUriEndpoint: 'https://idp.example.com/jwks',
      supported: { scopes: ['openid', 'email'], clientAuthenticationMethods: ['PRIVATE_KEY_JWT', 'CLIENT_SECRET_BASIC'] },
    });
    assert.ok(found !== undefined);
    const before = { ...newProviderForm('oidcConfig', 'alpha', 'https://x.example'), userInfoEndpoint: 'https://old.example.com/me' };
    const after = fillFromDiscovered(before, found);
    assert.equal(after.issuer, 'https://idp.example.com');
    assert.equal(after.tokenEndpoint, 'https://idp.example.com/token');
    assert.equal(after.jwksUriEndpoint, 'https://idp.example.com/jwks');
    assert.equal(after.userInfoEndpoint, '', 'an endpoint the provider does not publish is emptied');
    assert.equal(after.scopes, 'openid email', '"profile" is not supported');
    assert.equal(after.clientAuthenticationMethod, 'CLIENT_SECRET_BASIC', 'CLIENT_SECRET_POST is not accepted');
    assert.equal(readDiscovered({ issuer: 'x' }), undefined);
    assert.equal(readDiscovered('nope'), undefined);
  });

  it('lists providers by name, skipping what is not a provider', () => {
    const answer = {
      result: [
        { _id: 'zeta', _type: { _id: 'gitHubConfig' }, enabled: false },
        { _id: 'acme', _type: { _id: 'oidcConfig' }, enabled: true },
        { _id: 'odd', _type: { _id: 'madeUpConfig' } },
        'junk',
      ],
    };
    assert.deepEqual(providerSummaries(answer), [
      { name: 'acme', type: 'oidcConfig', enabled: true },
      { name: 'zeta', type: 'gitHubConfig', enabled: false },
    ]);
    assert.deepEqual(providerSummaries({}), []);
  });

  it('tells whether the realm publishes the keys itsme needs, at the realm’s key set URL', () => {
    assert.equal(rpJwksUrl('https://login.example.com', 'alpha'), 'https://login.example.com/am/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri');
    assert.equal(rpJwksUrl('https://login.example.com', 'root'), 'https://login.example.com/am/oauth2/realms/root/connect/rp/jwk_uri');
    assert.deepEqual(rpKeyStatus({ keys: [] }), { signing: 0, encryption: 0, ready: false });
    assert.deepEqual(rpKeyStatus({ keys: [{ use: 'sig' }, { use: 'enc' }, { use: 'tls' }] }), { signing: 1, encryption: 1, ready: true });
    assert.deepEqual(rpKeyStatus(null), { signing: 0, encryption: 0, ready: false });
  });

  it('reads the section’s places from the path', () => {
    assert.deepEqual(socialPlaceOf([]), { view: 'list' });
    assert.deepEqual(socialPlaceOf(['new']), { view: 'choose' });
    assert.deepEqual(socialPlaceOf(['new', 'oidc']), { view: 'new', preset: 'oidc' });
    assert.deepEqual(socialPlaceOf(['new', 'nope']), { view: 'choose' });
    assert.deepEqual(socialPlaceOf(['oidcConfig', 'acme']), { view: 'edit', type: 'oidcConfig', name: 'acme' });
    assert.deepEqual(socialPlaceOf(['madeUp', 'acme']), { view: 'list' });
  });
});
