/**
 * A realm's social identity providers: name (opens the provider), type and whether it is enabled,
 * each deletable after a confirmation; "Add provider" opens the preset chooser.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { deleteProvider, listProviders } from './social-client.ts';
import type { ProviderSummary } from './social-model.ts';
import { providerSummaries, TYPE_LABELS } from './social-model.ts';
import './social.css';

/** The list of `realm`'s providers. */
export function SocialListView(props: { realm: string; go: (path: string[]) => void; onError: (error: unknown) => void }): ReactElement {
  const [providers, setProviders] = useState<ProviderSummary[] | undefined>(undefined);
  const [confirming, setConfirming] = useState<ProviderSummary | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    setProviders(undefined);
    listProviders(props.realm).then(
      (answer) => current && setProviders(providerSummaries(answer)),
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.onError, reload]);

  function remove(provider: ProviderSummary): void {
    deleteProvider(props.realm, provider.type, provider.name).then(
      () => {
        setConfirming(undefined);
        setNotice(`Deleted ${provider.name}.`);
        setReload((count) => count + 1);
      },
      (error: unknown) => {
        setConfirming(undefined);
        props.onError(error);
      },
    );
  }

  const row = (provider: ProviderSummary): ReactElement =>
    h(
      'tr',
      { key: `${provider.type}/${provider.name}` },
      h('td', null, h('button', { type: 'button', className: 'link', onClick: () => props.go([provider.type, provider.name]) }, provider.name)),
      h('td', null, TYPE_LABELS[provider.type]),
      h('td', null, h('span', { className: provider.enabled ? 'social-badge on' : 'social-badge off' }, provider.enabled ? 'Enabled' : 'Disabled')),
      h(
        'td',
        { className: 'social-actions' },
        confirming === provider
          ? h(
              'span',
              { className: 'social-confirm' },
              `Delete ${provider.name}?`,
              h('button', { type: 'button', className: 'danger', onClick: () => remove(provider) }, 'Yes, delete'),
              h('button', { type: 'button', onClick: () => setConfirming(undefined) }, 'Cancel'),
            )
          : h('button', { type: 'button', 'aria-label': `Delete ${provider.name}`, onClick: () => setConfirming(provider) }, 'Delete'),
      ),
    );

  return h(
    'section',
    { className: 'journeys social', 'aria-labelledby': 'social-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'social-title' }, 'Social providers'), h('button', { type: 'button', className: 'primary', onClick: () => props.go(['new']) }, 'Add provider')),
    notice === '' ? null : h('p', { className: 'social-status', role: 'status' }, notice),
    providers === undefined
      ? h('p', null, 'Loading…')
      : providers.length === 0
        ? h('p', null, 'This realm has no social identity provider yet.')
        : h(
            'table',
            null,
            h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'Type'), h('th', null, 'Status'), h('th', null, h('span', { className: 'visually-hidden' }, 'Actions')))),
            h('tbody', null, ...providers.map(row)),
          ),
  );
}
