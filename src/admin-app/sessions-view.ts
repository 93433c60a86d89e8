/**
 * The Sessions section: a realm's live SSO sessions, newest first, a page at a time, searched by
 * user name (those starting with the text), each with "Sign out" and a link to its user's page.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import './identities.css';
import type { CardStatus } from './identity-card-status.ts';
import { cardStatus, QUIET_STATUS } from './identity-card-status.ts';
import { listSessions, logoutSessions } from './identity-extras-client.ts';
import type { SessionPage, SessionRow } from './identity-extras-model.ts';
import { sessionsFilter } from './identity-extras-model.ts';
import { isCardProblem } from './identity-sessions-card.ts';
import { identitiesHref } from './identities-model.ts';
import { SessionsTable } from './sessions-table.ts';

const PAGE_SIZE = 20;

/** The section's view for `realm`. */
export function SessionsView(props: { realm: string; onError: (error: unknown) => void }): ReactElement {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState({ text: '', offset: 0 });
  const [page, setPage] = useState<SessionPage | undefined>(undefined);
  const [status, setStatus] = useState<CardStatus>(QUIET_STATUS);
  const [busy, setBusy] = useState(false);
  const { realm, onError } = props;

  const load = useCallback(async (): Promise<void> => setPage(await listSessions(realm, sessionsFilter(query.text), { size: PAGE_SIZE, offset: query.offset })), [realm, query]);

  useEffect(() => {
    setPage(undefined);
    load().catch((error: unknown) => (isCardProblem(error) ? setStatus({ notice: '', problem: error.message }) : onError(error)));
  }, [load, onError]);

  function search(event: FormEvent): void {
    event.preventDefault();
    setStatus(QUIET_STATUS);
    setQuery({ text: draft, offset: 0 });
  }

  async function signOut(row: SessionRow): Promise<void> {
    if (busy) return;
    setBusy(true);
    setStatus(QUIET_STATUS);
    try {
      const ended = await logoutSessions(realm, [row.handle]);
      await load();
      setStatus({ notice: ended > 0 ? `Signed out a session of ${row.username}.` : 'That session had already ended.', problem: '' });
    } catch (error) {
      if (isCardProblem(error)) setStatus({ notice: '', problem: error.message });
      else onError(error);
    } finally {
      setBusy(false);
    }
  }

  const total = page?.total ?? 0;
  const last = Math.min(query.offset + PAGE_SIZE, total);
  return h(
    'section',
    { className: 'journeys sessions-page', 'aria-labelledby': 'sessions-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'sessions-title' }, 'Sessions')),
    h(
      'form',
      { className: 'toolbar sessions-search', role: 'search', onSubmit: search },
      h('label', { htmlFor: 'sessions-search' }, 'User name'),
      h('input', { id: 'sessions-search', type: 'search', placeholder: 'Starts with…', value: draft, maxLength: 256, onChange: (event: { target: { value: string } }) => setDraft(event.target.value) }),
      h('button', { type: 'submit' }, 'Search'),
    ),
    cardStatus(status),
    page === undefined
      ? status.problem === '' ? h('p', { className: 'sessions-note' }, 'Loading…') : null
      : page.sessions.length === 0
        ? h('p', { className: 'sessions-note' }, query.text.trim() === '' ? 'No active session in this realm.' : 'No active session of a matching user.')
        : h(
            'div',
            null,
            h(SessionsTable, { sessions: page.sessions, busy, onSignOut: (row: SessionRow) => void signOut(row), userHref: (row: SessionRow) => (row.userId === '' ? undefined : identitiesHref(realm, { view: 'user', id: row.userId })) }),
            h(
              'div',
              { className: 'toolbar pager' },
              h('span', null, `${query.offset + 1}–${last} of ${total}`),
              h('button', { type: 'button', disabled: query.offset === 0, onClick: () => setQuery({ ...query, offset: Math.max(0, query.offset - PAGE_SIZE) }) }, 'Previous'),
              h('button', { type: 'button', disabled: last >= total, onClick: () => setQuery({ ...query, offset: query.offset + PAGE_SIZE }) }, 'Next'),
            ),
          ),
  );
}
