/** The Realm settings section (`#/<realm>/settings`): lockout, sessions, journeys, throttling, pages and theme. */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { RealmSettingsView } from '../realm-settings-view.ts';

export const section: AdminSection = {
  id: 'settings',
  label: 'Realm settings',
  order: 95,
  view: ({ realm, onError }) => h(RealmSettingsView, { realm, onError }),
};
