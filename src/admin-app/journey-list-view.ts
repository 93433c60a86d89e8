/**
 * The journeys of a realm: a search box (name or description, case-insensitive) over the list,
 * each journey with its description, node count, whether it is enabled, a button that opens its
 * drawing and a "Try it" link to its sign-in page.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { JourneySummary } from './am-client.ts';
import { listJourneys } from './am-client.ts';

/** The link that runs `journey` of `realm` on Arbor's sign-in page. */
export function tryItHref(realm: string, journey: string): string {
  return `/login?${new URLSearchParams({ realm, journey }).toString()}`;
}

/** The list; `onOpen` opens a journey's drawing. */
export function JourneyListView(props: { realm: string; onOpen: (name: string) => void; onError: (error: unknown) => void }): ReactElement {
  const [journeys, setJourneys] = useState<JourneySummary[] | undefined>(undefined);
  const [search, setSearch] = useState('');

  useEffect(() => {
    let current = true;
    setJourneys(undefined);
    listJourneys(props.realm).then(
      (list) => current && setJourneys(list),
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.onError]);

  const needle = search.trim().toLowerCase();
  const shown = (journeys ?? []).filter((journey) => needle === '' || journey.name.toLowerCase().includes(needle) || journey.description.toLowerCase().includes(needle));

  return h(
    'section',
    { className: 'journeys', 'aria-labelledby': 'journeys-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'journeys-title' }, 'Journeys'), h('input', { type: 'search', 'aria-label': 'Search journeys', placeholder: 'Search journeys', value: search, onChange: (event: { target: { value: string } }) => setSearch(event.target.value) })),
    journeys === undefined
      ? h('p', null, 'Loading…')
      : shown.length === 0
        ? h('p', null, needle === '' ? 'This realm has no journeys.' : `No journey matches “${search.trim()}”.`)
        : h(
            'table',
            null,
            h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'Description'), h('th', null, 'Nodes'), h('th', null, 'Status'), h('th', null, h('span', { className: 'visually-hidden' }, 'Actions')))),
            h(
              'tbody',
              null,
              ...shown.map((journey) =>
                h(
                  'tr',
                  { key: journey.name },
                  h('td', null, h('button', { type: 'button', className: 'link', onClick: () => props.onOpen(journey.name) }, journey.name)),
                  h('td', { className: 'description' }, journey.description),
                  h('td', null, String(journey.nodeCount)),
                  h('td', null, journey.enabled ? 'Enabled' : 'Disabled'),
                  h('td', null, h('a', { href: tryItHref(props.realm, journey.name), target: '_blank', rel: 'noopener', 'aria-label': `Try ${journey.name}` }, 'Try it')),
                ),
              ),
            ),
          ),
  );
}
