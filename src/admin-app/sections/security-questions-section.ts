/** The Security questions section: the KBA questions per locale and the answers settings (`#/<realm>/security-questions`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { KbaView } from '../kba-view.ts';

export const section: AdminSection = {
  id: 'security-questions',
  label: 'Security questions',
  order: 45,
  view: (props) => h(KbaView, props),
};
