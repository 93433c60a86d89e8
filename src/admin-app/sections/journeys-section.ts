/**
 * The Journeys section: the list with the new-journey form, one journey drawn
 * (`#/<realm>/journeys/<name>`), or one journey in the editor (`#/<realm>/journeys/<name>/edit`,
 * `editor-route.ts`), where a new journey opens too. The drawing and the editor (React Flow and
 * all) are loaded when a journey is opened (`lazy-view.ts`): the list does not wait for them.
 */
import { createElement as h } from 'react';
import type { AdminSection } from '../admin-section.ts';
import { NewJourneyForm } from '../editor-new-journey.ts';
import { journeyPath, journeyRoute } from '../editor-route.ts';
import { JourneyListView } from '../journey-list-view.ts';
import { lazyView } from '../lazy-view.ts';
import type { JourneyViewProps } from '../journey-view.ts';

const JourneyView = lazyView<JourneyViewProps>('journey', () => import('../journey-view.ts').then((module) => module.JourneyView));

export const section: AdminSection = {
  id: 'journeys',
  label: 'Journeys',
  order: 10,
  view: ({ realm, path, go, onError }) => {
    const { name, editing } = journeyRoute(path);
    if (name === '') {
      return h(
        'div',
        { className: 'journeys-page' },
        h(NewJourneyForm, { realm, onCreate: (created: string) => go(journeyPath(created, true)) }),
        h(JourneyListView, { realm, onOpen: (opened: string) => go(journeyPath(opened, false)), onError }),
      );
    }
    return h(JourneyView, {
      key: `${realm}/${name}`,
      realm,
      name,
      editing,
      onBack: () => go([]),
      onEdit: () => go(journeyPath(name, true)),
      onCloseEditor: () => go(journeyPath(name, false)),
      onError,
    });
  },
};
