/** The Identities section: users list, new user, one user (`#/<realm>/identities[/create|/users/<id>]`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { identitiesPlaceOf } from '../identities-model.ts';
import { IdentitiesView } from '../identities-view.ts';

export const section: AdminSection = {
  id: 'identities',
  label: 'Identities',
  order: 20,
  view: ({ realm, onError }) => h(IdentitiesView, { realm, place: identitiesPlaceOf(window.location.hash) ?? { view: 'list' }, onError }),
};
