/** What never reaches an audit event: passwords, hashes, security answers, secrets and key material, at any depth. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { redactObject, redactSecrets } from './redact-secrets.ts';

it('drops passwords, hashes, security answers, secrets and private keys at every depth, keeping the rest', () => {
  const user = {
    _id: 'u1',
    userName: 'bjensen',
    password: '$argon2id$v=19$…',
    givenName: 'Barbara',
    kbaInfo: [{ questionId: '1', answer: { $crypto: 'hashed' } }],
    _meta: { loginCount: 3 },
    preferences: { marketing: true },
  };
  assert.deepEqual(redactObject(user), { _id: 'u1', userName: 'bjensen', givenName: 'Barbara', kbaInfo: [{ questionId: '1' }], preferences: { marketing: true } });
  const config = { clientId: 'app', clientSecret: 's3cret', jwks: { keys: [{ kty: 'RSA', n: 'pub', e: 'AQAB', d: 'private', p: 'x', q: 'y' }] }, smtp: { auth: { user: 'me', pass: 'pw' } }, accessToken: 't' };
  assert.deepEqual(redactSecrets(config), { clientId: 'app', jwks: { keys: [{ kty: 'RSA', n: 'pub', e: 'AQAB' }] }, smtp: { auth: { user: 'me' } } });
});

it('reads only own properties and bounds what is very deep', () => {
  const hostile = Object.create({ inherited: 'no' }) as Record<string, unknown>;
  hostile.own = 'yes';
  assert.deepEqual(redactObject(hostile), { own: 'yes' });
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let level = 0; level < 50; level += 1) deep = { next: deep };
  assert.ok(JSON.stringify(redactObject(deep)).includes('[truncated]'));
});
