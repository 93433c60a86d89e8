/**
 * The versions of the terms: name (opens the version), status (draft, published, active), when it
 * was created and its locales, with the actions a version's status allows: publish a draft
 * (its text is final from then on), make a published version active, delete a draft; then the
 * form of the acceptance page's display texts.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import type { TermsDocument, TermsFeedback, TermsUpdate, TermsVersion } from './terms-model.ts';
import { isPublished, localesOf, withActive, withoutDraft, withPublished } from './terms-model.ts';
import { TermsDisplayView } from './terms-display-view.ts';

/** A date as the administrator reads it (the stored ISO text when it does not parse). */
export function shownDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The status badge of a version. */
export function TermsStatusBadge(props: { version: TermsVersion; active: boolean }): ReactElement {
  if (props.active) return h('span', { className: 'terms-badge terms-badge-active' }, 'Active');
  return isPublished(props.version) ? h('span', { className: 'terms-badge' }, 'Published') : h('span', { className: 'terms-badge terms-badge-draft' }, 'Draft');
}

/** The feedback of the last action: a status or an alert. */
export function TermsFeedbackView(props: { feedback: TermsFeedback }): ReactElement | null {
  if (props.feedback.problem !== '') return h('p', { className: 'error', role: 'alert' }, props.feedback.problem);
  if (props.feedback.notice !== '') return h('p', { className: 'terms-notice', role: 'status' }, props.feedback.notice);
  return null;
}

/** The list. */
export function TermsListView(props: { document: TermsDocument; feedback: TermsFeedback; busy: boolean; update: TermsUpdate; onOpen: (version: string) => void; onCreate: () => void }): ReactElement {
  const { document, busy, update } = props;
  const actions = (version: TermsVersion): ReactElement[] => {
    const name = version.version;
    if (!isPublished(version)) {
      return [
        h('button', { key: 'publish', type: 'button', disabled: busy, 'aria-label': `Publish ${name}`, onClick: () => void update((doc) => withPublished(doc, name), `Published ${name}: its text can no longer change.`) }, 'Publish'),
        h('button', { key: 'delete', type: 'button', className: 'terms-delete', disabled: busy, 'aria-label': `Delete draft ${name}`, onClick: () => void update((doc) => withoutDraft(doc, name), `Deleted draft ${name}.`) }, 'Delete'),
      ];
    }
    if (document.active === name) return [];
    return [h('button', { key: 'activate', type: 'button', disabled: busy, 'aria-label': `Make ${name} active`, onClick: () => void update((doc) => withActive(doc, name), `${name} is now the active version: users who accepted another version are asked to accept it.`) }, 'Make active')];
  };
  const row = (version: TermsVersion): ReactElement =>
    h(
      'tr',
      { key: version.version },
      h('td', null, h('button', { type: 'button', className: 'link', onClick: () => props.onOpen(version.version) }, version.version)),
      h('td', null, h(TermsStatusBadge, { version, active: document.active === version.version })),
      h('td', null, shownDate(version.createDate)),
      h('td', null, localesOf(version)),
      h('td', { className: 'terms-actions-cell' }, h('div', { className: 'terms-actions' }, ...actions(version))),
    );
  return h(
    'section',
    { className: 'journeys terms-page', 'aria-labelledby': 'terms-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'terms-title' }, 'Terms and conditions'), h('button', { type: 'button', className: 'primary', onClick: props.onCreate }, 'New version')),
    h(
      'p',
      { className: 'terms-intro' },
      'One set of terms for every realm. Write a new version as a draft, publish it (its text can then never change: it is what users accept), and make it active: ',
      'users who accepted another version are asked to accept it at their next sign-in.',
    ),
    props.feedback.source === 'display' ? null : h(TermsFeedbackView, { feedback: props.feedback }),
    document.active === '' ? h('p', { className: 'terms-intro' }, 'No version is active: users are not asked to accept any terms.') : null,
    document.versions.length === 0
      ? h('p', { className: 'terms-intro' }, 'No version yet.')
      : h(
          'table',
          null,
          h('thead', null, h('tr', null, h('th', null, 'Version'), h('th', null, 'Status'), h('th', null, 'Created'), h('th', null, 'Locales'), h('th', null, h('span', { className: 'visually-hidden' }, 'Actions')))),
          h('tbody', null, ...[...document.versions].reverse().map(row)),
        ),
    h(TermsDisplayView, { document, feedback: props.feedback, busy, update }),
  );
}
