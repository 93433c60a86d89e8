/**
 * The users of a realm: a free-text search over the searchable name and mail attributes (or a raw
 * CREST query filter), the results a page at a time, sorted by user name, each opening the user's
 * page; and a button to create a user.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { ManagedUser, UserPage } from './idm-client.ts';
import { IdmRequestError, queryUsers } from './idm-client.ts';
import { formValue, searchFilter } from './identities-model.ts';

const PAGE_SIZE = 20;

type Query = { mode: 'text' | 'filter'; text: string; offset: number };

/** The list; `onOpen` opens a user's page, `onCreate` the new-user form. */
export function IdentitiesListView(props: { realm: string; type: string; searchable: string[]; onOpen: (id: string) => void; onCreate: () => void; onError: (error: unknown) => void }): ReactElement {
  const [draft, setDraft] = useState<{ mode: 'text' | 'filter'; text: string }>({ mode: 'text', text: '' });
  const [query, setQuery] = useState<Query>({ mode: 'text', text: '', offset: 0 });
  const [page, setPage] = useState<UserPage | undefined>(undefined);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let current = true;
    setPage(undefined);
    setProblem('');
    const filter = query.mode === 'filter' ? query.text.trim() || 'true' : searchFilter(query.text, props.searchable);
    queryUsers(props.type, filter, { size: PAGE_SIZE, offset: query.offset }).then(
      (answer) => current && setPage(answer),
      (error: unknown) => {
        if (!current) return;
        // A filter the server refuses (400) is the administrator's to fix, shown beside the box.
        if (error instanceof IdmRequestError && error.status === 400) setProblem(error.message);
        else props.onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [props.type, props.searchable, props.onError, query]);

  function search(event: FormEvent): void {
    event.preventDefault();
    setQuery({ ...draft, offset: 0 });
  }

  const total = page?.total ?? 0;
  const last = Math.min(query.offset + PAGE_SIZE, total);
  const row = (user: ManagedUser): ReactElement =>
    h(
      'tr',
      { key: user._id },
      h('td', null, h('button', { type: 'button', className: 'link', onClick: () => props.onOpen(user._id) }, formValue(user.userName) || user._id)),
      h('td', null, [formValue(user.givenName), formValue(user.sn)].filter((part) => part !== '').join(' ')),
      h('td', null, formValue(user.mail)),
      h('td', null, formValue(user.accountStatus)),
    );

  return h(
    'section',
    { className: 'journeys identities', 'aria-labelledby': 'identities-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'identities-title' }, 'Identities'), h('button', { type: 'button', onClick: props.onCreate }, 'New user')),
    h(
      'form',
      { className: 'toolbar identities-search', role: 'search', onSubmit: search },
      h(
        'select',
        { 'aria-label': 'Search by', value: draft.mode, onChange: (event: { target: { value: string } }) => setDraft({ ...draft, mode: event.target.value === 'filter' ? 'filter' : 'text' }) },
        h('option', { value: 'text' }, `Text (${props.searchable.join(', ')})`),
        h('option', { value: 'filter' }, 'Query filter'),
      ),
      h('input', {
        type: 'search',
        'aria-label': draft.mode === 'filter' ? 'Query filter' : 'Search users',
        placeholder: draft.mode === 'filter' ? 'userName sw "b" and accountStatus eq "active"' : 'Starts with…',
        value: draft.text,
        maxLength: 2000,
        onChange: (event: { target: { value: string } }) => setDraft({ ...draft, text: event.target.value }),
      }),
      h('button', { type: 'submit' }, 'Search'),
    ),
    problem === '' ? null : h('p', { className: 'error', role: 'alert' }, problem),
    page === undefined
      ? problem === '' ? h('p', null, 'Loading…') : null
      : page.users.length === 0
        ? h('p', null, 'No user matches.')
        : h(
            'div',
            null,
            h('table', null, h('thead', null, h('tr', null, h('th', null, 'User name'), h('th', null, 'Name'), h('th', null, 'Email'), h('th', null, 'Status'))), h('tbody', null, ...page.users.map(row))),
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
