/** The secrets scripts name: AM's `scripted.node.<name>` labels and ESV names, mapped to ESV ids. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptSecretIdOf } from './script-secret-label.ts';

describe('scriptSecretIdOf', () => {
  it('maps AM labels and ESV names to the ESV id', () => {
    assert.equal(scriptSecretIdOf('scripted.node.risk.api.key'), 'esv-risk-api-key');
    assert.equal(scriptSecretIdOf('scripted.node.token'), 'esv-token');
    assert.equal(scriptSecretIdOf('esv-risk-api-key'), 'esv-risk-api-key');
    assert.equal(scriptSecretIdOf('esv.risk.api.key'), 'esv-risk-api-key');
  });

  it('names no secret for other labels or names that are not ESV ids', () => {
    for (const label of ['', 'risk', 'am.services.oauth2.jwt.authenticity.signing', 'scripted.node.', 'esv-', 'scripted.node.Upper', 'esv.a/b', `esv-${'a'.repeat(121)}`]) {
      assert.equal(scriptSecretIdOf(label), undefined, label);
    }
  });
});
