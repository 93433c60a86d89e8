/** The display texts of `selfservice.terms`: checked on a write, read for a page without ever breaking it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSelfServiceConfigError } from '../config-errors.ts';
import { defaultTermsConfig } from './default-terms.ts';
import { checkTermsDisplay, termsDisplayOf, termsDisplayProblem } from './terms-display.ts';

describe('the terms display texts', () => {
  it('accepts the default texts and absent ones, and refuses long, multi-line or non-text values naming the field', () => {
    assert.doesNotThrow(() => checkTermsDisplay(defaultTermsConfig()));
    assert.doesNotThrow(() => checkTermsDisplay({ uiConfig: { displayName: '', purpose: null, other: { kept: true } } }));
    assert.doesNotThrow(() => checkTermsDisplay({}));
    for (const [uiConfig, field, reason] of [
      [{ displayName: 'x'.repeat(121) }, 'uiConfig.displayName', /at most 120 characters/],
      [{ purpose: 'one\ntwo' }, 'uiConfig.purpose', /one line/],
      [{ buttonText: 7 }, 'uiConfig.buttonText', /must be a string/],
    ] as const) {
      assert.throws(
        () => checkTermsDisplay({ uiConfig }),
        (error: unknown) => isSelfServiceConfigError(error, 'INVALID_TERMS_CONFIG') && error.field === field && reason.test(error.message),
      );
    }
    assert.equal(termsDisplayProblem('buttonText', 'b'.repeat(40)), undefined);
    assert.match(termsDisplayProblem('buttonText', 'b'.repeat(41)) ?? '', /40/);
  });

  it('reads for a page only the usable texts, trimmed, from own members', () => {
    assert.deepEqual(termsDisplayOf({ displayName: ' New terms ', purpose: 'p'.repeat(501), buttonText: '  ', extra: 'x' }), { displayName: 'New terms' });
    assert.deepEqual(termsDisplayOf(Object.create({ displayName: 'inherited' })), {});
    assert.deepEqual(termsDisplayOf(undefined), {});
    assert.deepEqual(termsDisplayOf(['x']), {});
    assert.deepEqual(termsDisplayOf(defaultTermsConfig().uiConfig), { displayName: "We've updated our terms", purpose: 'You must accept the updated terms in order to proceed.', buttonText: 'Accept' });
  });
});
