/** The Terms section's display texts: read from the document, checked as the server checks them, written back with the rest of `uiConfig` kept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTermsDisplay } from '../selfservice/terms/terms-display.ts';
import { displayFormOf, displayKeyOf, displayProblems, withDisplay } from './terms-display-model.ts';
import { termsBody, termsDocumentOf } from './terms-model.ts';

const STORED = {
  versions: [{ version: '0.0', termsTranslations: { en: 'Lorem' }, createDate: '2019-10-28T04:20:11.320Z' }],
  active: '0.0',
  uiConfig: { displayName: "We've updated our terms", purpose: 7, theme: { kept: true } },
};

describe('the terms display texts in the admin app', () => {
  it('reads the texts of uiConfig, a non-text as empty', () => {
    assert.deepEqual(displayFormOf(termsDocumentOf(structuredClone(STORED)).uiConfig), { displayName: "We've updated our terms", purpose: '', buttonText: '' });
    assert.deepEqual(displayFormOf(undefined), { displayName: '', purpose: '', buttonText: '' });
    assert.deepEqual(displayFormOf(Object.create({ displayName: 'inherited' })), { displayName: '', purpose: '', buttonText: '' });
  });

  it('writes the texts trimmed, removes the empty ones and keeps the other uiConfig members; the server accepts the body', () => {
    const document = withDisplay(termsDocumentOf(structuredClone(STORED)), { displayName: '  New terms ', purpose: '', buttonText: 'I agree' });
    const body = termsBody(document);
    assert.deepEqual(body.uiConfig, { displayName: 'New terms', theme: { kept: true }, buttonText: 'I agree' });
    assert.deepEqual(body.versions, STORED.versions, 'the versions are untouched');
    assert.doesNotThrow(() => checkTermsDisplay({ uiConfig: document.uiConfig ?? {} }));
    const none = withDisplay(termsDocumentOf({ versions: [] }), { displayName: '', purpose: ' ', buttonText: '' });
    assert.equal('uiConfig' in termsBody(none), false, 'no uiConfig made for nothing');
  });

  it('finds what the server would refuse, beside its text', () => {
    const problems = displayProblems({ displayName: 'x'.repeat(121), purpose: 'one\ntwo', buttonText: 'b'.repeat(40) });
    assert.deepEqual([...problems.keys()], ['displayName', 'purpose']);
    assert.match(problems.get('displayName') ?? '', /At most 120 characters \(121 now\)/);
    assert.match(problems.get('purpose') ?? '', /One line/);
    assert.throws(() => checkTermsDisplay({ uiConfig: { displayName: 'x'.repeat(121) } }), 'the server refuses the same');
    assert.equal(displayProblems({ displayName: ` ${'x'.repeat(120)} `, purpose: '', buttonText: '' }).size, 0, 'counted once trimmed, as sent');
    assert.equal(displayKeyOf('uiConfig.purpose'), 'purpose');
    assert.equal(displayKeyOf('versions[0].version'), undefined);
  });
});
