/**
 * The journeys of a realm: "Import journeys" (`journey-import-form.ts`), a search box (name or
 * description, case-insensitive) over the list, each journey with its description, node count,
 * whether it is enabled, a button that opens its drawing, a "Try it" link to its sign-in page and
 * its actions: Duplicate and Delete (through `journey-actions-panel.ts`) and Export, which
 * downloads it with its dependencies (inner trees, scripts, email templates, social providers) as
 * a Frodo file.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { JourneySummary } from './am-client.ts';
import { AmRequestError, listJourneys } from './am-client.ts';
import './journeys.css';
import { exportJourneys } from './journey-actions-client.ts';
import { exportFileName, exportSummary, listed } from './journey-actions-model.ts';
import type { PendingAction } from './journey-actions-panel.ts';
import { JourneyActionsPanel } from './journey-actions-panel.ts';
import { JourneyImportForm } from './journey-import-form.ts';

/** The link that runs `journey` of `realm` on Arbor's sign-in page. */
export function tryItHref(realm: string, journey: string): string {
  return `/login?${new URLSearchParams({ realm, journey }).toString()}`;
}

/** Saves `json` as the file `name` through a Blob link. */
function download(name: string, json: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type Notice = { kind: 'status' | 'alert'; text: string } | undefined;

/** The list; `onOpen` opens a journey's drawing. */
export function JourneyListView(props: { realm: string; onOpen: (name: string) => void; onError: (error: unknown) => void }): ReactElement {
  const [journeys, setJourneys] = useState<JourneySummary[] | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [reloads, setReloads] = useState(0);
  const [pending, setPending] = useState<PendingAction | undefined>(undefined);
  const [notice, setNotice] = useState<Notice>(undefined);
  const reload = useCallback(() => setReloads((count) => count + 1), []);

  useEffect(() => {
    let current = true;
    if (reloads === 0) setJourneys(undefined);
    listJourneys(props.realm).then(
      (list) => current && setJourneys(list),
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.onError, reloads]);

  async function exportOne(name: string): Promise<void> {
    setNotice({ kind: 'status', text: `Exporting ${name}…` });
    try {
      const file = await exportJourneys(props.realm, [name], true);
      const { journeys: trees, scripts, emailTemplates, socialProviders } = exportSummary(file);
      download(exportFileName(name), file);
      const inner = trees.filter((tree) => tree !== name);
      const parts = [inner.length === 0 ? 'no inner tree' : `inner ${inner.length === 1 ? 'tree' : 'trees'} ${listed(inner)}`, scripts.length === 0 ? 'no script' : `${scripts.length === 1 ? 'script' : 'scripts'} ${listed(scripts)}`];
      if (emailTemplates.length > 0) parts.push(`email ${emailTemplates.length === 1 ? 'template' : 'templates'} ${listed(emailTemplates)}`);
      if (socialProviders.length > 0) parts.push(`social ${socialProviders.length === 1 ? 'provider' : 'providers'} ${listed(socialProviders)}`);
      setNotice({ kind: 'status', text: `Exported ${name} to ${exportFileName(name)} with ${listed(parts)}.` });
    } catch (error) {
      if (error instanceof AmRequestError && error.status === 401) props.onError(error);
      else setNotice({ kind: 'alert', text: `${name} was not exported: ${error instanceof Error ? error.message : 'Arbor cannot be reached'}` });
    }
  }

  const needle = search.trim().toLowerCase();
  const shown = (journeys ?? []).filter((journey) => needle === '' || journey.name.toLowerCase().includes(needle) || journey.description.toLowerCase().includes(needle));
  const act = (action: PendingAction) => {
    setNotice(undefined);
    setPending(action);
  };

  return h(
    'section',
    { className: 'journeys', 'aria-labelledby': 'journeys-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'journeys-title' }, 'Journeys'), h('input', { type: 'search', 'aria-label': 'Search journeys', placeholder: 'Search journeys', value: search, onChange: (event: { target: { value: string } }) => setSearch(event.target.value) })),
    h(JourneyImportForm, { realm: props.realm, onImported: reload, onOpen: props.onOpen }),
    pending === undefined
      ? null
      : h(JourneyActionsPanel, {
          key: `${pending.kind}/${pending.name}`,
          realm: props.realm,
          action: pending,
          onCancel: () => setPending(undefined),
          onDone: (text: string) => {
            setPending(undefined);
            setNotice({ kind: 'status', text });
            reload();
          },
        }),
    notice === undefined ? null : h('p', { role: notice.kind, className: notice.kind === 'alert' ? 'error' : 'notice' }, notice.text),
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
                  h(
                    'td',
                    { className: 'journey-row-actions' },
                    h('a', { href: tryItHref(props.realm, journey.name), target: '_blank', rel: 'noopener', 'aria-label': `Try ${journey.name}` }, 'Try it'),
                    h('button', { type: 'button', 'aria-label': `Duplicate ${journey.name}`, onClick: () => act({ kind: 'duplicate', name: journey.name }) }, 'Duplicate'),
                    h('button', { type: 'button', 'aria-label': `Export ${journey.name}`, onClick: () => void exportOne(journey.name) }, 'Export'),
                    h('button', { type: 'button', className: 'danger-outline', 'aria-label': `Delete ${journey.name}`, onClick: () => act({ kind: 'delete', name: journey.name }) }, 'Delete'),
                  ),
                ),
              ),
            ),
          ),
  );
}
