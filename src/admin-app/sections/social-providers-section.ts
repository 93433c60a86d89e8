/** The Social providers section: a realm's social identity providers (`#/<realm>/social[/new[/<preset>]|/<type>/<name>]`). */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { SocialView } from '../social-view.ts';

export const section: AdminSection = {
  id: 'social',
  label: 'Social providers',
  order: 60,
  view: (props) => h(SocialView, props),
};
