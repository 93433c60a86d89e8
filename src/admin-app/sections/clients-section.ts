/** The OAuth clients section: list, new client, one client (`#/<realm>/clients[/create|/client/<id>]`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { ClientsView } from '../clients-view.ts';

export const section: AdminSection = {
  id: 'clients',
  label: 'OAuth clients',
  order: 70,
  view: ({ realm, path, go, onError }) => h(ClientsView, { realm, path, go, onError }),
};
