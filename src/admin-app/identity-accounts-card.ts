/**
 * The user's page's Linked accounts card: the social accounts linked to the user (their
 * `aliasList`, `<provider>-<subject>`) with "Unlink", a patch of the list at the revision read.
 * Unlinking the last one is allowed: a user left without a way in resets their password.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { CardStatus } from './identity-card-status.ts';
import { cardStatus, QUIET_STATUS } from './identity-card-status.ts';
import { readAliases, unlinkAlias } from './identity-extras-client.ts';
import type { LinkedAccount } from './identity-extras-model.ts';
import { linkedAccountsOf } from './identity-extras-model.ts';
import { isCardProblem } from './identity-sessions-card.ts';

/** The card of user `id` of managed type `type`. */
export function IdentityAccountsCard(props: { type: string; id: string; onError: (error: unknown) => void }): ReactElement {
  const [read, setRead] = useState<{ aliasList: unknown; rev: string } | undefined>(undefined);
  const [status, setStatus] = useState<CardStatus>(QUIET_STATUS);
  const [busy, setBusy] = useState(false);
  const { type, id, onError } = props;

  const load = useCallback(async (): Promise<void> => setRead(await readAliases(type, id)), [type, id]);

  useEffect(() => {
    load().catch((error: unknown) => (isCardProblem(error) ? setStatus({ notice: '', problem: error.message }) : onError(error)));
  }, [load, onError]);

  async function unlink(account: LinkedAccount): Promise<void> {
    if (busy || read === undefined) return;
    setBusy(true);
    setStatus(QUIET_STATUS);
    try {
      await unlinkAlias(type, id, read.aliasList, read.rev, account.alias);
      await load();
      setStatus({ notice: `Unlinked the ${account.provider} account.`, problem: '' });
    } catch (error) {
      if (!isCardProblem(error)) onError(error);
      else {
        setStatus({ notice: '', problem: error.status === 412 ? 'The user changed meanwhile: the list was read again; try once more.' : error.message });
        await load().catch(() => undefined);
      }
    } finally {
      setBusy(false);
    }
  }

  const accounts = read === undefined ? undefined : linkedAccountsOf(read.aliasList);
  return h(
    'section',
    { className: 'card', 'aria-labelledby': 'identity-accounts-title' },
    h('h2', { id: 'identity-accounts-title' }, 'Linked accounts'),
    cardStatus(status),
    accounts === undefined
      ? status.problem === '' ? h('p', { className: 'hint' }, 'Loading…') : null
      : accounts.length === 0
        ? h('p', { className: 'hint' }, 'No social account is linked.')
        : h(
            'ul',
            { className: 'item-list' },
            ...accounts.map((account) =>
              h(
                'li',
                { key: account.alias },
                h('span', null, h('strong', null, account.provider), account.subject === '' ? null : h('small', { className: 'hint' }, ` ${account.subject}`)),
                h('button', { type: 'button', disabled: busy, 'aria-label': `Unlink ${account.alias}`, onClick: () => void unlink(account) }, 'Unlink'),
              ),
            ),
          ),
  );
}
