/** Secrets in config files are references only; on import each takes its value from --secrets, keeps the stored one, or is an error. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGivenSecrets, resolveSecretReference, secretReference, secretReferencePath } from './secret-reference.ts';

const REF = 'social-providers/oidcConfig/google/clientSecret';

describe('secretReferencePath', () => {
  it('reads only an object with a single string $secret', () => {
    assert.equal(secretReferencePath(secretReference(REF)), REF);
    assert.equal(secretReferencePath(JSON.parse(`{"$secret": "${REF}"}`)), REF);
    for (const value of ['the-secret', { $secret: REF, value: 'x' }, { $secret: 1 }, [REF], null, undefined]) assert.equal(secretReferencePath(value), undefined);
  });
});

describe('resolveSecretReference', () => {
  const given = new Map([[REF, 'from-secrets-file']]);

  it('refuses a secret written in clear, stored or not', () => {
    for (const stored of [true, false]) {
      assert.deepEqual(resolveSecretReference('clear-secret', REF, stored, given), { problem: `must be a secret reference ({"$secret": "${REF}"}), never the secret itself` });
    }
    assert.ok('problem' in resolveSecretReference({ $secret: REF, plain: 'x' }, REF, true, given));
  });

  it('takes the value from --secrets first, even when one is stored', () => {
    assert.deepEqual(resolveSecretReference(secretReference(REF), REF, true, given), { value: 'from-secrets-file' });
    assert.deepEqual(resolveSecretReference(secretReference(REF), REF, false, given), { value: 'from-secrets-file' });
  });

  it('keeps the stored secret when --secrets does not name the reference', () => {
    assert.deepEqual(resolveSecretReference(secretReference(REF), REF, true, new Map()), { value: undefined });
  });

  it('is an error when the secret is neither given nor stored, or the reference points elsewhere', () => {
    assert.deepEqual(resolveSecretReference(secretReference(REF), REF, false, new Map()), { problem: `no secret ${REF} is stored and none is given (--secrets)` });
    // A reference to another place does not silently keep this place's stored secret.
    assert.deepEqual(resolveSecretReference(secretReference('oauth2-clients/x/userpassword'), REF, true, new Map()), { problem: 'no secret oauth2-clients/x/userpassword is stored and none is given (--secrets)' });
  });

  it('has nothing to resolve when the field is absent', () => {
    assert.deepEqual(resolveSecretReference(undefined, REF, false, new Map()), { value: undefined });
  });
});

describe('parseGivenSecrets', () => {
  it('reads a JSON object of reference → secret', () => {
    assert.deepEqual(parseGivenSecrets(`{"${REF}": "s3cret", "global/email/auth.password": "p"}`), new Map([[REF, 's3cret'], ['global/email/auth.password', 'p']]));
  });

  it('refuses anything else with a message that does not echo the secrets', () => {
    for (const text of ['{"a": s3cret}', 's3cret', '{"a": "s3cret",']) {
      assert.throws(() => parseGivenSecrets(text), (error: Error) => error.message.startsWith('not JSON') && !error.message.includes('s3cret'));
    }
    assert.throws(() => parseGivenSecrets('{"a": "s3cret"} x'), { message: 'not JSON (at position 16 (line 1 column 17))' });
    assert.throws(() => parseGivenSecrets('["s3cret"]'), { message: 'must be a JSON object of "<reference>": "<secret>"' });
    assert.throws(() => parseGivenSecrets(`{"${REF}": 42}`), { message: `${REF}: the secret must be a string` });
  });
});
