/**
 * The Email section: three tabs (SMTP settings, templates, outbox) under one heading, each at its
 * own place in the fragment (`#/<realm>/email/settings|templates[/<name>]|outbox[/<id>]`). Email is
 * configured once for every realm.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import './email.css';
import type { EmailPlace } from './email-model.ts';
import { emailPathOf } from './email-model.ts';
import { EmailOutboxView } from './email-outbox-view.ts';
import { EmailSettingsView } from './email-settings-view.ts';
import { EmailTemplatesView } from './email-templates-view.ts';

const TABS: { tab: EmailPlace['tab']; label: string }[] = [
  { tab: 'settings', label: 'SMTP settings' },
  { tab: 'templates', label: 'Templates' },
  { tab: 'outbox', label: 'Outbox' },
];

/** The section at `place`; `go` moves to another place of it. */
export function EmailView(props: { place: EmailPlace; go: (path: string[]) => void; onError: (error: unknown) => void }): ReactElement {
  const open = (place: EmailPlace): void => props.go(emailPathOf(place));
  const body =
    props.place.tab === 'templates'
      ? h(EmailTemplatesView, { name: props.place.name, open, onError: props.onError })
      : props.place.tab === 'outbox'
        ? h(EmailOutboxView, { id: props.place.id, open, onError: props.onError })
        : h(EmailSettingsView, { open, onError: props.onError });
  return h(
    'section',
    { className: 'email', 'aria-labelledby': 'email-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'email-title' }, 'Email'), h('span', { className: 'notice' }, 'Shared by every realm')),
    h(
      'nav',
      { className: 'email-tabs', 'aria-label': 'Email' },
      ...TABS.map(({ tab, label }) =>
        h('button', { key: tab, type: 'button', className: props.place.tab === tab ? 'tab current' : 'tab', 'aria-current': props.place.tab === tab ? 'page' : undefined, onClick: () => open({ tab }) }, label),
      ),
    ),
    body,
  );
}
