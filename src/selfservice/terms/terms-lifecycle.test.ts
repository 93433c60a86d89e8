/** Terms versions: draft (editable) → published (immutable) → active; whole-document replacements follow the same rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSelfServiceConfigError } from '../config-errors.ts';
import type { SelfServiceConfigErrorCode } from '../config-errors.ts';
import { defaultTermsConfig } from './default-terms.ts';
import type { TermsConfig } from './terms-config.ts';
import { activateVersion, addDraftVersion, checkTermsReplacement, editDraftVersion, publishVersion } from './terms-lifecycle.ts';

const CREATED = '2025-03-01T10:00:00.000Z';

function refused(code: SelfServiceConfigErrorCode, version: string): (error: unknown) => boolean {
  return (error) => isSelfServiceConfigError(error, code) && error.field === version && error.message.includes(`"${version}"`);
}

describe('terms lifecycle', () => {
  it('takes a version from draft through published to active', () => {
    let config = addDraftVersion(defaultTermsConfig(), { version: '1.0', termsTranslations: { en: '# Terms v1' } }, CREATED);
    assert.deepEqual(config.versions[1], { version: '1.0', termsTranslations: { en: '# Terms v1' }, createDate: CREATED, status: 'draft' });
    assert.equal(config.active, '0.0', 'a draft does not change the active version');

    config = editDraftVersion(config, '1.0', { en: '# Terms v1', fr: '# Conditions v1' });
    assert.deepEqual(config.versions[1]?.termsTranslations, { en: '# Terms v1', fr: '# Conditions v1' });
    assert.throws(() => activateVersion(config, '1.0'), refused('TERMS_VERSION_NOT_PUBLISHED', '1.0'));

    config = publishVersion(config, '1.0');
    assert.equal(config.versions[1]?.status, 'published');
    assert.throws(() => editDraftVersion(config, '1.0', { en: 'changed' }), refused('TERMS_VERSION_PUBLISHED', '1.0'));
    assert.deepEqual(publishVersion(config, '1.0'), config, 'publishing twice changes nothing');

    config = activateVersion(config, '1.0');
    assert.equal(config.active, '1.0');
    assert.equal(config.versions.length, 2, 'one document, one active version');
  });

  it('refuses duplicate names, unknown versions and edits of IDM’s (status-less) published versions', () => {
    const config = defaultTermsConfig();
    assert.throws(() => addDraftVersion(config, { version: '0.0', termsTranslations: { en: 'x' } }, CREATED), refused('TERMS_VERSION_EXISTS', '0.0'));
    assert.throws(() => editDraftVersion(config, '0.0', { en: 'x' }), refused('TERMS_VERSION_PUBLISHED', '0.0'));
    assert.throws(() => publishVersion(config, '7'), refused('TERMS_VERSION_NOT_FOUND', '7'));
    assert.throws(() => activateVersion(config, '7'), refused('TERMS_VERSION_NOT_FOUND', '7'));
    assert.throws(() => addDraftVersion(config, { version: '1.0', termsTranslations: {} }, CREATED), { code: 'INVALID_TERMS_CONFIG' });
  });

  it('lets a replacement add versions and change or drop drafts', () => {
    const previous = addDraftVersion(defaultTermsConfig(), { version: '1.0', termsTranslations: { en: 'draft' } }, CREATED);
    const next: TermsConfig = {
      ...previous,
      versions: [...defaultTermsConfig().versions, { version: '2.0', termsTranslations: { en: 'two' }, createDate: CREATED, status: 'published' }],
      active: '2.0',
    };
    assert.doesNotThrow(() => checkTermsReplacement(previous, next));
    assert.doesNotThrow(() => checkTermsReplacement(undefined, next));
  });

  it('refuses a replacement that changes, unpublishes or removes a published version, naming it', () => {
    const previous = defaultTermsConfig();
    const original = previous.versions[0];
    assert.ok(original !== undefined);
    const withVersion = (version: TermsConfig['versions'][number]): TermsConfig => ({ versions: [version] });
    const cases: [TermsConfig, RegExp][] = [
      [withVersion({ ...original, termsTranslations: { en: 'Changed' } }), /cannot change its text/],
      [withVersion({ ...original, termsTranslations: { ...original.termsTranslations, fr: 'Ajouté' } }), /cannot change its text/],
      [withVersion({ ...original, status: 'draft' }), /cannot return to draft/],
      [withVersion({ ...original, createDate: CREATED }), /cannot change its createDate/],
      [{ versions: [] }, /cannot be removed/],
    ];
    for (const [next, problem] of cases) {
      assert.throws(() => checkTermsReplacement(previous, next), (error: unknown) => refused('TERMS_VERSION_PUBLISHED', '0.0')(error) && problem.test((error as Error).message));
    }
    assert.doesNotThrow(() => checkTermsReplacement(previous, withVersion({ ...original, status: 'published' })), 'making the implicit status explicit is no change');
  });
});
