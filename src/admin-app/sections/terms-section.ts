/** The Terms section: the terms and conditions versions, their drafts and lifecycle (`#/<realm>/terms[/new|/versions/<name>]`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { TermsView } from '../terms-view.ts';

export const section: AdminSection = {
  id: 'terms',
  label: 'Terms',
  order: 40,
  view: (props) => h(TermsView, props),
};
