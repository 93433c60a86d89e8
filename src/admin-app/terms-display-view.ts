/**
 * The Terms section's "Display" form: the title, purpose and button text of the page that asks
 * users to accept the terms (`selfservice.terms` `uiConfig`), each with its help text and limit,
 * checked in the page and saved through the section's update of the whole document. A problem,
 * the page's or the server's (`detail.field`: `uiConfig.purpose`), is shown under its field.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { TermsDisplayForm, TermsDisplayKey } from './terms-display-model.ts';
import { displayFormOf, displayKeyOf, displayProblems, TERMS_DISPLAY_LIMITS, withDisplay } from './terms-display-model.ts';
import type { TermsDocument, TermsFeedback, TermsUpdate } from './terms-model.ts';

/** Each text's label and help. */
const FIELDS: readonly { key: TermsDisplayKey; label: string; hint: string }[] = [
  { key: 'displayName', label: 'Title', hint: 'Above the terms: “We’ve updated our terms”.' },
  { key: 'purpose', label: 'Purpose', hint: 'Under the title: why users are asked.' },
  { key: 'buttonText', label: 'Button text', hint: 'The button that accepts: “Accept”.' },
];

/** The form, under the versions list. */
export function TermsDisplayView(props: { document: TermsDocument; feedback: TermsFeedback; busy: boolean; update: TermsUpdate }): ReactElement {
  const { feedback, busy, update } = props;
  const uiConfig = props.document.uiConfig;
  const [form, setForm] = useState<TermsDisplayForm>(() => displayFormOf(uiConfig));
  const [problems, setProblems] = useState<Map<TermsDisplayKey, string>>(new Map());

  // The stored texts, when the document changes (saved here, or re-read after another action).
  useEffect(() => setForm(displayFormOf(uiConfig)), [uiConfig]);

  const ours = feedback.source === 'display';
  const refused = ours && feedback.problem !== '' ? displayKeyOf(feedback.field ?? '') : undefined;
  const messageOf = (key: TermsDisplayKey): string | undefined => problems.get(key) ?? (refused === key ? feedback.problem : undefined);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = displayProblems(form);
    setProblems(found);
    if (found.size > 0) return;
    await update((fresh) => withDisplay(fresh, form), 'Saved the display texts.', 'display');
  }

  const status =
    problems.size > 0
      ? h('p', { className: 'error terms-display-status', role: 'alert' }, 'Some texts need attention: see the fields marked below.')
      : ours && feedback.problem !== ''
        ? h('p', { className: 'error terms-display-status', role: 'alert' }, refused === undefined ? feedback.problem : 'The server refused the texts: see the field marked below.')
        : ours && feedback.notice !== ''
          ? h('p', { className: 'terms-notice terms-display-status', role: 'status' }, feedback.notice)
          : null;

  const field = ({ key, label, hint }: { key: TermsDisplayKey; label: string; hint: string }): ReactElement => {
    const id = `terms-display-${key}`;
    const message = messageOf(key);
    const limit = TERMS_DISPLAY_LIMITS[key];
    return h(
      'div',
      { key, className: 'field' },
      h('label', { htmlFor: id }, label),
      h('input', {
        id,
        type: 'text',
        value: form[key],
        maxLength: limit + 100,
        'aria-invalid': message === undefined ? undefined : true,
        'aria-describedby': message === undefined ? `${id}-hint` : `${id}-hint ${id}-error`,
        onChange: (event: { target: { value: string } }) => setForm((old) => ({ ...old, [key]: event.target.value })),
      }),
      h('small', { id: `${id}-hint`, className: 'hint' }, `${hint} At most ${limit} characters.`),
      message === undefined ? null : h('p', { id: `${id}-error`, className: 'field-error' }, message),
    );
  };

  return h(
    'section',
    { className: 'terms-display', 'aria-labelledby': 'terms-display-title' },
    h('h2', { id: 'terms-display-title' }, 'Display'),
    h(
      'p',
      { className: 'terms-intro' },
      'The texts of the sign-in page that asks users to accept the terms on their own. Leave one empty for the page’s own text. ',
      'Arbor’s default English texts are shown in each page’s language; your own as you write them.',
    ),
    status,
    h(
      'form',
      { 'aria-label': 'Display texts', noValidate: true, onSubmit: (event: FormEvent) => void save(event) },
      ...FIELDS.map(field),
      h('button', { type: 'submit', className: 'primary', disabled: busy }, 'Save display texts'),
    ),
  );
}
