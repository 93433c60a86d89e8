/**
 * The panel that shows a client's new secret once, right after it was saved, with a copy button:
 * the secret was made in this browser and the server never gives it back, so it is gone once
 * the administrator leaves the page.
 */
import { createElement as h, useState } from 'react';
import type { ReactElement } from 'react';

/** The panel for `secret` of client `id`. */
export function ClientSecretPanel(props: { id: string; secret: string; onDismiss: () => void }): ReactElement {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  function copy(): void {
    navigator.clipboard.writeText(props.secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  }

  return h(
    'section',
    { className: 'card client-secret', 'aria-labelledby': 'client-secret-title' },
    h('h2', { id: 'client-secret-title' }, 'Client secret'),
    h('p', null, `This is the secret of ${props.id}. It is shown only now: copy it to the application’s configuration. Arbor keeps it sealed and never shows it again.`),
    h('div', { className: 'secret-row' }, h('label', { htmlFor: 'client-secret-value', className: 'visually-hidden' }, 'New client secret'), h('input', { id: 'client-secret-value', readOnly: true, value: props.secret, spellCheck: false, onFocus: (event: { target: { select: () => void } }) => event.target.select() }), h('button', { type: 'button', onClick: copy }, 'Copy secret')),
    copied === 'yes' ? h('p', { role: 'status', className: 'notice' }, 'Copied.') : copied === 'failed' ? h('p', { role: 'alert', className: 'inline-error' }, 'The browser did not let the page copy: select the secret and copy it.') : null,
    h('button', { type: 'button', onClick: props.onDismiss }, 'I have saved it'),
  );
}
