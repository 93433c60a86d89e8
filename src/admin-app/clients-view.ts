/**
 * The OAuth clients section of a realm: the list, the new-client form or one client's page, as
 * the fragment says (`#/<realm>/clients`, `…/create`, `…/client/<id>`). It keeps a secret made at
 * the last save until the administrator dismisses it or leaves that client, so that it can be
 * shown once on the client's page after the create form has gone.
 */
import { createElement as h, useState } from 'react';
import type { ReactElement } from 'react';
import type { ClientsPlace } from './clients-model.ts';
import { clientsPathOf, clientsPlaceOf } from './clients-model.ts';
import { ClientFormView } from './clients-form-view.ts';
import { ClientsListView } from './clients-list-view.ts';
import { ClientSecretPanel } from './clients-secret-view.ts';

/** The section for `realm` at `path`. */
export function ClientsView(props: { realm: string; path: string[]; go: (path: string[]) => void; onError: (error: unknown) => void }): ReactElement {
  const place = clientsPlaceOf(props.path);
  const [revealed, setRevealed] = useState<{ id: string; secret: string } | undefined>(undefined);
  const [notice, setNotice] = useState('');

  const go = (next: ClientsPlace): void => {
    if (next.view !== 'client' || next.id !== revealed?.id) setRevealed(undefined);
    setNotice('');
    props.go(clientsPathOf(next));
  };

  if (place.view === 'list') {
    return h(ClientsListView, { realm: props.realm, notice, onOpen: (id: string) => go({ view: 'client', id }), onCreate: () => go({ view: 'create' }), onError: props.onError });
  }
  const id = place.view === 'client' ? place.id : undefined;
  return h(ClientFormView, {
      key: id ?? '',
      realm: props.realm,
      id,
      notice,
      secret: revealed !== undefined && revealed.id === id ? h(ClientSecretPanel, { id: revealed.id, secret: revealed.secret, onDismiss: () => setRevealed(undefined) }) : null,
      onBack: () => go({ view: 'list' }),
      onSaved: (saved: string, secret: string | undefined) => {
        if (secret !== undefined) setRevealed({ id: saved, secret });
        if (id === saved) return;
        setNotice(`Created ${saved}.`);
        props.go(clientsPathOf({ view: 'client', id: saved }));
      },
      onDeleted: (deleted: string) => {
        go({ view: 'list' });
        setNotice(`Deleted ${deleted}.`);
      },
      onError: props.onError,
    });
}
