/**
 * A published terms version, read-only (its text is what users accepted): its status, when it was
 * created, each locale rendered as users read it with its Markdown source, and the actions left:
 * make it active, or start a new draft from a copy of its texts.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import { shownDate, TermsFeedbackView, TermsStatusBadge } from './terms-list-view.ts';
import { localeName } from './terms-locale-name.ts';
import type { TermsDraft, TermsFeedback, TermsUpdate, TermsVersion } from './terms-model.ts';
import { draftOf, withActive } from './terms-model.ts';
import { TermsPreview } from './terms-preview.ts';

/** The page of published version `version`. */
export function TermsVersionView(props: {
  version: TermsVersion;
  active: boolean;
  feedback: TermsFeedback;
  busy: boolean;
  update: TermsUpdate;
  onError: (error: unknown) => void;
  onCopy: (draft: TermsDraft) => void;
  onBack: () => void;
}): ReactElement {
  const name = props.version.version;
  return h(
    'section',
    { className: 'terms-page', 'aria-labelledby': 'terms-version-title' },
    h(
      'div',
      { className: 'toolbar' },
      h('h1', { id: 'terms-version-title' }, `Terms version ${name}`),
      h(TermsStatusBadge, { version: props.version, active: props.active }),
      props.active ? null : h('button', { type: 'button', className: 'primary', disabled: props.busy, onClick: () => void props.update((doc) => withActive(doc, name), `${name} is now the active version: users who accepted another version are asked to accept it.`) }, 'Make active'),
      h('button', { type: 'button', onClick: () => props.onCopy(draftOf(props.version)) }, 'New draft from this version'),
      h('button', { type: 'button', onClick: props.onBack }, 'Back to versions'),
    ),
    h(TermsFeedbackView, { feedback: props.feedback }),
    h('p', { className: 'terms-intro' }, `Created ${shownDate(props.version.createDate)}. Published: its text can no longer change.`),
    h(
      'div',
      { className: 'terms-body' },
      ...Object.entries(props.version.texts).map(([locale, text]) =>
        h(
          'section',
          { key: locale, className: 'terms-locale', 'aria-labelledby': `terms-shown-${locale}` },
          h('div', { className: 'terms-locale-head' }, h('h2', { id: `terms-shown-${locale}` }, `${localeName(locale)} (${locale})`)),
          h(TermsPreview, { markdown: text, locale, onError: props.onError }),
          h('details', null, h('summary', null, 'Markdown'), h('pre', { className: 'terms-source' }, text)),
        ),
      ),
    ),
  );
}
