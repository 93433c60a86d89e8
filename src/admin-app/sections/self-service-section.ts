/** The Self-service section: which journey each self-service function runs (`#/<realm>/self-service`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { SelfServiceView } from '../self-service-view.ts';

export const section: AdminSection = {
  id: 'self-service',
  label: 'Self-service',
  order: 80,
  view: ({ realm, onError }) => h(SelfServiceView, { realm, onError }),
};
