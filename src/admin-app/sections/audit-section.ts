/** The Audit section: authentication, activity, configuration and access events (`#/<realm>/audit[/<topic>]`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { AuditView } from '../audit-view.ts';

export const section: AdminSection = {
  id: 'audit',
  label: 'Audit',
  order: 90,
  view: (props) => h(AuditView, props),
};
