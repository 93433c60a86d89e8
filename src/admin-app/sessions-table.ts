/**
 * A table of live SSO sessions (the user's page and the Sessions section share it): who, when it
 * was created and last used, when it ends, the journey that made it, and a "Sign out" button per
 * session. The user column (with a link to the user's page) is shown when `userHref` is given.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import type { SessionRow } from './identity-extras-model.ts';
import { timeText } from './identity-extras-model.ts';

/** The table; `onSignOut` ends one session. */
export function SessionsTable(props: { sessions: SessionRow[]; busy: boolean; onSignOut: (row: SessionRow) => void; userHref?: (row: SessionRow) => string | undefined }): ReactElement {
  const { userHref } = props;
  const row = (session: SessionRow, index: number): ReactElement => {
    const href = userHref?.(session);
    return h(
      'tr',
      { key: session.handle },
      userHref === undefined ? null : h('td', null, href === undefined ? session.username : h('a', { href }, session.username)),
      h('td', null, timeText(session.created)),
      h('td', null, timeText(session.lastUsed)),
      h('td', null, timeText(session.idleExpiry), h('br'), h('small', { className: 'hint' }, `at the latest ${timeText(session.maxExpiry)}`)),
      h('td', null, session.tree || '—'),
      h('td', { className: 'actions' }, h('button', { type: 'button', disabled: props.busy, 'aria-label': `Sign out session ${index + 1}${userHref === undefined ? '' : ` of ${session.username}`}`, onClick: () => props.onSignOut(session) }, 'Sign out')),
    );
  };
  return h(
    'table',
    { className: 'sessions-table' },
    h('thead', null, h('tr', null, userHref === undefined ? null : h('th', null, 'User'), h('th', null, 'Created'), h('th', null, 'Last used'), h('th', null, 'Ends if idle'), h('th', null, 'Journey'), h('th', null, h('span', { className: 'visually-hidden' }, 'Actions')))),
    h('tbody', null, ...props.sessions.map(row)),
  );
}
