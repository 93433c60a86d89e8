/**
 * The editor of a draft terms version (a new one, or a draft already saved): its name (new only),
 * one Markdown text per locale beside its live preview, locales added and removed, then "Save
 * draft", "Publish" (saves and publishes: the text is final from then on) or "Delete draft". The
 * draft is checked here first (name, locales, a text to publish); the server has the last word.
 */
import { createElement as h, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { TermsFeedbackView } from './terms-list-view.ts';
import { localeName } from './terms-locale-name.ts';
import type { LocaleText, TermsDocument, TermsDraft, TermsFeedback, TermsUpdate, TermsVersion } from './terms-model.ts';
import { draftOf, draftProblems, localeProblem, suggestedVersionName, withDraft, withoutDraft, withPublished } from './terms-model.ts';
import { TermsPreview } from './terms-preview.ts';

/** The first state of the editor: the draft's texts, a copied version's, or an empty English text. */
function initialDraft(document: TermsDocument, version: TermsVersion | undefined, seed: TermsDraft | undefined): TermsDraft {
  if (version !== undefined) return draftOf(version);
  const name = suggestedVersionName(document);
  if (seed !== undefined) return { version: name, locales: seed.locales.map((entry) => ({ ...entry })) };
  return { version: name, locales: [{ locale: 'en', text: '' }] };
}

/** The editor; `version` is the draft being edited, undefined for a new one. */
export function TermsEditorView(props: {
  document: TermsDocument;
  version: TermsVersion | undefined;
  seed: TermsDraft | undefined;
  feedback: TermsFeedback;
  busy: boolean;
  update: TermsUpdate;
  onError: (error: unknown) => void;
  onOpen: (version: string) => void;
  onDone: () => void;
  onBack: () => void;
}): ReactElement {
  const isNew = props.version === undefined;
  const [draft, setDraft] = useState<TermsDraft>(() => initialDraft(props.document, props.version, props.seed));
  const [newLocale, setNewLocale] = useState('');
  const [problems, setProblems] = useState<string[]>([]);

  const setText = (locale: string, text: string): void => setDraft((old) => ({ ...old, locales: old.locales.map((entry) => (entry.locale === locale ? { ...entry, text } : entry)) }));
  const removeLocale = (locale: string): void => setDraft((old) => ({ ...old, locales: old.locales.filter((entry) => entry.locale !== locale) }));

  function addLocale(event: FormEvent): void {
    event.preventDefault();
    const locale = newLocale.trim();
    const problem = localeProblem(locale, draft.locales);
    if (problem !== '') {
      setProblems([problem]);
      return;
    }
    setProblems([]);
    setDraft((old) => ({ ...old, locales: [...old.locales, { locale, text: '' }] }));
    setNewLocale('');
  }

  async function store(publishing: boolean): Promise<void> {
    const found = draftProblems(props.document, draft, { isNew, publishing });
    setProblems(found);
    if (found.length > 0) return;
    const name = draft.version.trim();
    const now = new Date().toISOString();
    const stored = publishing
      ? await props.update((doc) => withPublished(withDraft(doc, draft, now, { isNew }), name), `Published ${name}: its text can no longer change. Make it active to ask users to accept it.`)
      : await props.update((doc) => withDraft(doc, draft, now, { isNew }), `Saved draft ${name}.`);
    if (stored && (publishing || isNew)) props.onOpen(name);
  }

  async function remove(): Promise<void> {
    const name = draft.version;
    if (await props.update((doc) => withoutDraft(doc, name), `Deleted draft ${name}.`)) props.onDone();
  }

  const localeBlock = (entry: LocaleText): ReactElement => {
    const id = `terms-text-${entry.locale}`;
    return h(
      'section',
      { key: entry.locale, className: 'terms-locale', 'aria-labelledby': `${id}-title` },
      h('div', { className: 'terms-locale-head' }, h('h2', { id: `${id}-title` }, `${localeName(entry.locale)} (${entry.locale})`), h('button', { type: 'button', onClick: () => removeLocale(entry.locale) }, `Remove ${entry.locale}`)),
      h(
        'div',
        { className: 'terms-columns' },
        h('div', { className: 'field' }, h('label', { htmlFor: id }, `Markdown (${entry.locale})`), h('textarea', { id, value: entry.text, maxLength: 200_000, rows: 14, spellCheck: true, onChange: (event: { target: { value: string } }) => setText(entry.locale, event.target.value) })),
        h('div', { className: 'terms-preview-column' }, h('span', { className: 'terms-preview-label', 'aria-hidden': true }, 'Preview'), h(TermsPreview, { markdown: entry.text, locale: entry.locale, onError: props.onError })),
      ),
    );
  };

  return h(
    'section',
    { className: 'terms-page terms-editor', 'aria-labelledby': 'terms-editor-title' },
    h(
      'div',
      { className: 'toolbar' },
      h('h1', { id: 'terms-editor-title' }, isNew ? 'New terms version' : `Terms version ${draft.version}`),
      isNew ? null : h('span', { className: 'terms-badge terms-badge-draft' }, 'Draft'),
      h('button', { type: 'button', onClick: props.onBack }, 'Back to versions'),
    ),
    h(TermsFeedbackView, { feedback: props.feedback }),
    problems.length === 0 ? null : h('div', { className: 'error problems', role: 'alert' }, h('p', null, 'Not saved:'), h('ul', null, ...problems.map((problem) => h('li', { key: problem }, problem)))),
    h(
      'div',
      { className: 'terms-body' },
      isNew
        ? h('div', { className: 'field terms-name' }, h('label', { htmlFor: 'terms-version-name' }, 'Version'), h('input', { id: 'terms-version-name', value: draft.version, maxLength: 100, onChange: (event: { target: { value: string } }) => setDraft((old) => ({ ...old, version: event.target.value })) }))
        : null,
      ...draft.locales.map(localeBlock),
      draft.locales.length === 0 ? h('p', { className: 'notice' }, 'No locale yet: add one below.') : null,
      h(
        'form',
        { className: 'terms-add-locale', onSubmit: addLocale },
        h('label', { htmlFor: 'terms-new-locale' }, 'Locale to add'),
        h('input', { id: 'terms-new-locale', value: newLocale, maxLength: 35, placeholder: 'fr, nl, de, fr-BE…', onChange: (event: { target: { value: string } }) => setNewLocale(event.target.value) }),
        h('button', { type: 'submit' }, 'Add locale'),
      ),
      h(
        'div',
        { className: 'terms-buttons' },
        h('button', { type: 'button', disabled: props.busy, onClick: () => void store(false) }, 'Save draft'),
        h('button', { type: 'button', className: 'primary', disabled: props.busy, onClick: () => void store(true) }, 'Publish'),
        isNew ? null : h('button', { type: 'button', className: 'terms-delete', disabled: props.busy, onClick: () => void remove() }, 'Delete draft'),
        h('span', { className: 'notice' }, 'Publishing makes the text final; make the version active afterwards to ask users to accept it.'),
      ),
    ),
  );
}
