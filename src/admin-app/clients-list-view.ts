/**
 * The OAuth clients of a realm: the account page's built-in client first (shown, never editable),
 * then the stored clients with their type, status, grant types and redirect URIs; a client's id
 * opens its page, "New client" the create form.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { listClients } from './clients-client.ts';
import type { ClientSummary } from './clients-model.ts';
import { BUILT_IN_CLIENT_ID, summaryOfClient } from './clients-model.ts';
import './clients.css';

/** The list of `realm`'s clients; `notice` is a status to show (a deletion). */
export function ClientsListView(props: { realm: string; notice: string; onOpen: (id: string) => void; onCreate: () => void; onError: (error: unknown) => void }): ReactElement {
  const [clients, setClients] = useState<ClientSummary[] | undefined>(undefined);

  useEffect(() => {
    let current = true;
    listClients(props.realm).then(
      (list) => current && setClients(list.map(summaryOfClient)),
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.onError]);

  const uris = (list: string[]): ReactElement => h('ul', { className: 'uris' }, ...list.map((uri) => h('li', { key: uri }, uri)));
  const builtIn = h(
    'tr',
    { key: `built-in ${BUILT_IN_CLIENT_ID}`, className: 'built-in' },
    h('td', null, h('span', { className: 'client-id' }, BUILT_IN_CLIENT_ID), ' ', h('span', { className: 'badge' }, 'Built-in')),
    h('td', null, 'Arbor account page'),
    h('td', null, 'Public'),
    h('td', null, 'Active'),
    h('td', null, 'Authorization code'),
    h('td', { className: 'muted' }, '/account/callback of this server. Part of Arbor: it cannot be edited or deleted.'),
  );

  return h(
    'section',
    { className: 'clients', 'aria-labelledby': 'clients-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'clients-title' }, 'OAuth clients'), h('button', { type: 'button', className: 'primary', onClick: props.onCreate }, 'New client')),
    props.notice === '' ? null : h('p', { className: 'notice client-notice', role: 'status' }, props.notice),
    clients === undefined
      ? h('p', { className: 'clients-body' }, 'Loading…')
      : h(
          'table',
          { className: 'clients-table' },
          h('thead', null, h('tr', null, h('th', null, 'Client ID'), h('th', null, 'Name'), h('th', null, 'Type'), h('th', null, 'Status'), h('th', null, 'Grant types'), h('th', null, 'Redirect URIs'))),
          h(
            'tbody',
            null,
            builtIn,
            ...clients.map((client) =>
              h(
                'tr',
                { key: client.id },
                h('td', null, h('button', { type: 'button', className: 'link', onClick: () => props.onOpen(client.id) }, client.id), client.id === BUILT_IN_CLIENT_ID ? h('span', { className: 'badge warn' }, 'Never used') : null),
                h('td', null, client.name),
                h('td', null, client.clientType),
                h('td', null, client.status),
                h('td', null, client.grantTypes.join(', ')),
                h('td', null, uris(client.redirectionUris)),
              ),
            ),
          ),
        ),
    clients !== undefined && clients.length === 0 ? h('p', { className: 'clients-body muted' }, 'This realm has no clients of its own yet.') : null,
  );
}
