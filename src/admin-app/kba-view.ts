/**
 * The Security questions section: the questions of `selfservice.kba` with their texts per locale
 * (add, edit, remove questions and locales) and how many answers users define and must give, saved
 * in one PUT. The server validates the document: its message is shown as it words it, and the
 * input of the field it names is marked. The questions apply to every realm.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { SectionProps } from './admin-section.ts';
import { readKbaDocument, writeKbaDocument } from './kba-client.ts';
import type { KbaForm, KbaQuestion } from './kba-model.ts';
import { inputOfField, kbaBody, kbaFormOf, kbaLocaleProblem, questionBlockId, textInputId, withLocale, withoutLocale, withoutQuestion, withQuestion, withText } from './kba-model.ts';
import { ConfigRequestError } from './terms-kba-request.ts';
import { localeName } from './terms-locale-name.ts';
import './kba.css';

type Feedback = { notice: string; problem: string; input: string };

const QUIET: Feedback = { notice: '', problem: '', input: '' };

const SETTINGS: { key: 'minimumAnswersToDefine' | 'minimumAnswersToVerify' | 'numberOfAttemptsAllowed'; label: string; hint: string }[] = [
  { key: 'minimumAnswersToDefine', label: 'Minimum answers to define', hint: 'How many questions each user chooses and answers (KBA Definition).' },
  { key: 'minimumAnswersToVerify', label: 'Minimum answers to verify', hint: 'How many of them a user must answer to prove who they are (KBA Verification); not more than they define.' },
  { key: 'numberOfAttemptsAllowed', label: 'Wrong answers before lockout', hint: '0 means no limit.' },
];

/** The section's view. */
export function KbaView(props: SectionProps): ReactElement {
  const { onError } = props;
  const [form, setForm] = useState<KbaForm | undefined>(undefined);
  const [feedback, setFeedback] = useState<Feedback>(QUIET);
  const [newLocales, setNewLocales] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    readKbaDocument().then(
      (answer) => current && setForm(kbaFormOf(answer)),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ConfigRequestError && error.status === 404) setForm(kbaFormOf({ minimumAnswersToDefine: 1, minimumAnswersToVerify: 1, questions: {} }));
        else onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [onError]);

  if (form === undefined) return h('p', { className: 'kba-page' }, 'Loading…');
  const edit = (next: KbaForm): void => {
    setForm(next);
    if (feedback.notice !== '') setFeedback(QUIET);
  };

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (form === undefined || busy) return;
    setBusy(true);
    setFeedback(QUIET);
    try {
      const stored = kbaFormOf(await writeKbaDocument(kbaBody(form)));
      setForm(stored);
      setFeedback({ ...QUIET, notice: `Saved: ${stored.questions.length} question${stored.questions.length === 1 ? '' : 's'} offered.` });
    } catch (error) {
      if (error instanceof ConfigRequestError && error.status === 400) setFeedback({ notice: '', problem: error.message, input: inputOfField(form, error.field) });
      else onError(error);
    } finally {
      setBusy(false);
    }
  }

  function addLocale(question: KbaQuestion): void {
    if (form === undefined) return;
    const locale = (newLocales[question.id] ?? '').trim();
    const problem = kbaLocaleProblem(form, question.id, locale);
    if (problem !== '') {
      setFeedback({ notice: '', problem, input: `${questionBlockId(question.id)}-new` });
      return;
    }
    setFeedback(QUIET);
    edit(withLocale(form, question.id, locale));
    setNewLocales((old) => ({ ...old, [question.id]: '' }));
  }

  const invalid = (id: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } => (feedback.input === id ? { 'aria-invalid': true, 'aria-describedby': 'kba-problem' } : {});

  const questionBlock = (question: KbaQuestion): ReactElement => {
    const block = questionBlockId(question.id);
    return h(
      'fieldset',
      { key: question.id, id: block, className: feedback.input === block ? 'kba-question kba-invalid' : 'kba-question' },
      h('legend', null, `Question ${question.id}`),
      question.texts.length === 0 ? h('p', { className: 'notice' }, 'No text yet: add a locale.') : null,
      ...question.texts.map((entry) => {
        const id = textInputId(question.id, entry.locale);
        return h(
          'div',
          { key: entry.locale, className: 'kba-text' },
          h('label', { htmlFor: id }, h('span', { className: 'visually-hidden' }, `Question ${question.id}, `), `${localeName(entry.locale)} (${entry.locale})`),
          h('input', { id, value: entry.text, maxLength: 1000, ...invalid(id), onChange: (event: { target: { value: string } }) => edit(withText(form, question.id, entry.locale, event.target.value)) }),
          h('button', { type: 'button', 'aria-label': `Remove ${entry.locale} from question ${question.id}`, onClick: () => edit(withoutLocale(form, question.id, entry.locale)) }, 'Remove'),
        );
      }),
      h(
        'div',
        { className: 'kba-add-locale' },
        h('input', {
          id: `${block}-new`,
          'aria-label': `Locale to add to question ${question.id}`,
          placeholder: 'Locale (fr, nl, de…)',
          maxLength: 35,
          value: newLocales[question.id] ?? '',
          ...invalid(`${block}-new`),
          onChange: (event: { target: { value: string } }) => setNewLocales((old) => ({ ...old, [question.id]: event.target.value })),
          onKeyDown: (event: { key: string; preventDefault: () => void }) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            addLocale(question);
          },
        }),
        h('button', { type: 'button', 'aria-label': `Add locale to question ${question.id}`, onClick: () => addLocale(question) }, 'Add locale'),
        h('button', { type: 'button', className: 'kba-remove-question', onClick: () => edit(withoutQuestion(form, question.id)) }, `Remove question ${question.id}`),
      ),
    );
  };

  return h(
    'form',
    { className: 'kba-page', 'aria-labelledby': 'kba-title', onSubmit: (event: FormEvent) => void save(event), noValidate: true },
    h('div', { className: 'toolbar' }, h('h1', { id: 'kba-title' }, 'Security questions'), h('button', { type: 'submit', className: 'primary', disabled: busy }, 'Save')),
    h('p', { className: 'kba-intro' }, 'The questions users choose from when they set up their security answers, and how many they answer. One set for every realm; nothing changes until you save.'),
    feedback.problem !== '' ? h('p', { id: 'kba-problem', className: 'error', role: 'alert' }, feedback.problem) : null,
    feedback.notice !== '' ? h('p', { className: 'kba-notice', role: 'status' }, feedback.notice) : null,
    h(
      'div',
      { className: 'kba-body' },
      h(
        'fieldset',
        { className: 'kba-settings' },
        h('legend', null, 'Answers'),
        ...SETTINGS.map((setting) => {
          const id = `kba-${setting.key}`;
          return h(
            'div',
            { key: setting.key, className: 'field' },
            h('label', { htmlFor: id }, setting.label),
            h('input', { id, inputMode: 'numeric', value: form[setting.key], maxLength: 9, ...invalid(id), onChange: (event: { target: { value: string } }) => edit({ ...form, [setting.key]: event.target.value }) }),
            h('span', { className: 'notice kba-hint' }, setting.hint),
          );
        }),
      ),
      h('h2', null, `Questions (${form.questions.length})`),
      ...form.questions.map(questionBlock),
      h('div', { className: 'kba-buttons' }, h('button', { type: 'button', onClick: () => edit(withQuestion(form)) }, 'Add question')),
    ),
  );
}
