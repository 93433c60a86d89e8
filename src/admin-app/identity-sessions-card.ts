/**
 * The user's page's Sessions card: the user's live SSO sessions (AM's administrator listing,
 * `username eq "<name>"`), "Sign out" for one (`logoutByHandle`) and "Sign out everywhere"
 * (`logoutByUser`, which also ends sessions a listing could miss).
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { AmRequestError } from './am-client.ts';
import type { CardStatus } from './identity-card-status.ts';
import { cardStatus, QUIET_STATUS } from './identity-card-status.ts';
import { listSessions, logoutSessions, logoutUser } from './identity-extras-client.ts';
import type { SessionRow } from './identity-extras-model.ts';
import { sessionsFilter } from './identity-extras-model.ts';
import { SessionsTable } from './sessions-table.ts';

const SHOWN = 50;

/** True for a failure the card shows itself (the shell takes lost sessions and network failures). */
export function isCardProblem(error: unknown): error is AmRequestError {
  return error instanceof AmRequestError && error.status !== 401 && error.status !== 0;
}

/** The card of user `username` of `realm`. */
export function IdentitySessionsCard(props: { realm: string; username: string; onError: (error: unknown) => void }): ReactElement {
  const [sessions, setSessions] = useState<SessionRow[] | undefined>(undefined);
  const [total, setTotal] = useState(0);
  const [status, setStatus] = useState<CardStatus>(QUIET_STATUS);
  const [busy, setBusy] = useState(false);
  const { realm, username, onError } = props;

  const load = useCallback(async (): Promise<void> => {
    const page = await listSessions(realm, sessionsFilter(username, true), { size: SHOWN, offset: 0 });
    setSessions(page.sessions);
    setTotal(page.total);
  }, [realm, username]);

  useEffect(() => {
    load().catch((error: unknown) => (isCardProblem(error) ? setStatus({ notice: '', problem: error.message }) : onError(error)));
  }, [load, onError]);

  async function act(action: () => Promise<string>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setStatus(QUIET_STATUS);
    try {
      const notice = await action();
      await load();
      setStatus({ notice, problem: '' });
    } catch (error) {
      if (isCardProblem(error)) setStatus({ notice: '', problem: error.message });
      else onError(error);
    } finally {
      setBusy(false);
    }
  }

  const signOut = (row: SessionRow): void => void act(async () => ((await logoutSessions(realm, [row.handle])) > 0 ? 'Session signed out.' : 'That session had already ended.'));
  const signOutEverywhere = (): void =>
    void act(async () => {
      await logoutUser(realm, username);
      return 'Signed out everywhere: every session of the user ended.';
    });

  return h(
    'section',
    { className: 'card wide', 'aria-labelledby': 'identity-sessions-title' },
    h('div', { className: 'card-head' }, h('h2', { id: 'identity-sessions-title' }, 'Sessions'), h('button', { type: 'button', className: 'danger', disabled: busy || username === '', onClick: signOutEverywhere }, 'Sign out everywhere')),
    cardStatus(status),
    sessions === undefined
      ? status.problem === '' ? h('p', { className: 'hint' }, 'Loading…') : null
      : sessions.length === 0
        ? h('p', { className: 'hint' }, 'No active session.')
        : h(
            'div',
            null,
            h(SessionsTable, { sessions, busy, onSignOut: signOut }),
            total > sessions.length ? h('p', { className: 'hint' }, `The ${sessions.length} newest of ${total} sessions.`) : null,
          ),
  );
}
