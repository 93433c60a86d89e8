/** The Email section: SMTP settings, templates and the outbox (`#/<realm>/email/settings|templates|outbox`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { emailPlaceOf } from '../email-model.ts';
import { EmailView } from '../email-view.ts';

export const section: AdminSection = {
  id: 'email',
  label: 'Email',
  order: 50,
  view: ({ path, go, onError }) => h(EmailView, { place: emailPlaceOf(path), go, onError }),
};
