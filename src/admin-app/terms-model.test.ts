/**
 * The Terms section's model: reading the document from a hostile answer, what each lifecycle
 * action sends (published versions written back untouched), and the checks of a draft.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TermsDocument } from './terms-model.ts';
import { draftOf, draftProblems, TermsChangeRefused, localeProblem, suggestedVersionName, termsBody, termsDocumentOf, versionNamed, withActive, withDraft, withoutDraft, withPublished } from './terms-model.ts';

const STORED = {
  _id: 'selfservice.terms',
  versions: [
    { version: '0.0', termsTranslations: { en: 'Lorem', fr: 'Ceci' }, createDate: '2019-10-28T04:20:11.320Z' },
    { version: '1.0', termsTranslations: { en: '# Old' }, createDate: '2025-05-01T12:00:00.000Z', status: 'published' },
    { version: '2.0', termsTranslations: { en: 'Draft' }, createDate: '2025-06-01T12:00:00.000Z', status: 'draft' },
  ],
  active: '0.0',
  uiConfig: { displayName: "We've updated our terms" },
};

function stored(): TermsDocument {
  return termsDocumentOf(structuredClone(STORED));
}

describe('the terms document', () => {
  it('reads versions, statuses, locales and the active version, and writes them back as read', () => {
    const document = stored();
    assert.deepEqual(document.versions.map((version) => [version.version, version.status]), [['0.0', undefined], ['1.0', 'published'], ['2.0', 'draft']]);
    assert.equal(document.active, '0.0');
    const { _id, ...expected } = STORED;
    assert.deepEqual(termsBody(document), expected, 'a version without status keeps having none: the server compares it with what it stored');
  });

  it('ignores what a hostile answer puts where the document has no such thing', () => {
    const document = termsDocumentOf({ versions: [null, 'x', { version: 7, termsTranslations: JSON.parse('{"__proto__": "x", "en": 1, "nl": "Hallo"}'), status: 'weird' }], active: 3 });
    assert.equal(document.versions.length, 1);
    assert.deepEqual(document.versions[0], { version: '', createDate: '', status: undefined, texts: { nl: 'Hallo' } });
    assert.equal(document.active, '');
    assert.deepEqual(termsDocumentOf('nonsense'), { versions: [], active: '', uiConfig: undefined });
  });
});

describe('the lifecycle actions', () => {
  it('adds a new draft created now, and replaces only a draft’s texts when saved again', () => {
    const added = withDraft(stored(), { version: ' 3.0 ', locales: [{ locale: 'en', text: '# New' }, { locale: 'nl', text: '# Nieuw' }] }, '2026-01-01T00:00:00.000Z', { isNew: true });
    assert.deepEqual(versionNamed(added, '3.0'), { version: '3.0', createDate: '2026-01-01T00:00:00.000Z', status: 'draft', texts: { en: '# New', nl: '# Nieuw' } });
    const edited = withDraft(added, { version: '3.0', locales: [{ locale: 'de', text: 'Neu' }] }, '2027-01-01T00:00:00.000Z', { isNew: false });
    assert.deepEqual(versionNamed(edited, '3.0'), { version: '3.0', createDate: '2026-01-01T00:00:00.000Z', status: 'draft', texts: { de: 'Neu' } }, 'a removed locale is gone, the date stays');
  });

  it('sends a changed published text for the server to refuse, and never overwrites a version created meanwhile', () => {
    const changed = withDraft(stored(), { version: '1.0', locales: [{ locale: 'en', text: 'changed' }] }, 'now', { isNew: false });
    assert.deepEqual(versionNamed(changed, '1.0'), { version: '1.0', createDate: '2025-05-01T12:00:00.000Z', status: 'published', texts: { en: 'changed' } }, 'still published: the server answers 409');
    assert.throws(() => withDraft(stored(), { version: '2.0', locales: [{ locale: 'en', text: 'mine' }] }, 'now', { isNew: true }), (error: unknown) => error instanceof TermsChangeRefused && /created meanwhile/.test(error.message));
  });

  it('publishes a draft, makes a version active, and removes drafts only', () => {
    const published = withPublished(stored(), '2.0');
    assert.equal(versionNamed(published, '2.0')?.status, 'published');
    assert.equal(versionNamed(published, '2.0')?.createDate, '2025-06-01T12:00:00.000Z');
    assert.equal(versionNamed(withPublished(stored(), '0.0'), '0.0')?.status, undefined, 'an IDM version stays as it was');
    assert.equal(termsBody(withActive(published, '2.0')).active, '2.0');
    assert.deepEqual(withoutDraft(stored(), '2.0').versions.map((version) => version.version), ['0.0', '1.0']);
    assert.deepEqual(withoutDraft(stored(), '1.0').versions.map((version) => version.version), ['0.0', '1.0', '2.0']);
  });

  it('suggests the next free whole version name', () => {
    assert.equal(suggestedVersionName(stored()), '3.0');
    assert.equal(suggestedVersionName(termsDocumentOf({ versions: [] })), '1.0');
    assert.equal(suggestedVersionName(termsDocumentOf({ versions: [{ version: 'v-beta' }] })), '1.0');
  });
});

describe('the checks of a draft', () => {
  it('wants a free name, valid distinct locales, and a text before publishing', () => {
    const document = stored();
    assert.deepEqual(draftProblems(document, { version: '3.0', locales: [{ locale: 'en', text: 'x' }] }, { isNew: true, publishing: true }), []);
    assert.deepEqual(draftProblems(document, { version: ' ', locales: [] }, { isNew: true, publishing: false }), ['Give the version a name.', 'Add at least one locale.']);
    assert.deepEqual(draftProblems(document, { version: '1.0', locales: [{ locale: 'en', text: 'x' }] }, { isNew: true, publishing: false }), ['Version "1.0" already exists: choose another name.']);
    assert.deepEqual(draftProblems(document, { version: '2.0', locales: [{ locale: 'en', text: ' ' }] }, { isNew: false, publishing: false }), [], 'an empty draft may be saved');
    assert.deepEqual(draftProblems(document, { version: '2.0', locales: [{ locale: 'en', text: ' ' }] }, { isNew: false, publishing: true }), ['Write the terms in at least one locale before publishing.']);
    assert.deepEqual(draftProblems(document, { version: '4.0', locales: [{ locale: 'en', text: 'x' }, { locale: 'EN', text: 'y' }, { locale: 'e n', text: 'z' }] }, { isNew: true, publishing: false }), [
      'The draft already has EN.',
      '"e n" is not a locale (en, fr, en_GB, fr-BE).',
    ]);
  });

  it('checks a locale to add, and opens a version in the editor with its locales in order', () => {
    assert.equal(localeProblem('fr-BE', []), '');
    assert.equal(localeProblem('fr', [{ locale: 'fr', text: '' }]), 'The draft already has fr.');
    assert.match(localeProblem('', []), /is not a locale/);
    const version = versionNamed(stored(), '0.0');
    assert.ok(version !== undefined);
    assert.deepEqual(draftOf(version), { version: '0.0', locales: [{ locale: 'en', text: 'Lorem' }, { locale: 'fr', text: 'Ceci' }] });
  });
});
