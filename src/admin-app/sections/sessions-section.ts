/** The Sessions section: the realm's live SSO sessions (`#/<realm>/sessions`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { SessionsView } from '../sessions-view.ts';

export const section: AdminSection = {
  id: 'sessions',
  label: 'Sessions',
  order: 30,
  view: ({ realm, onError }) => h(SessionsView, { key: realm, realm, onError }),
};
