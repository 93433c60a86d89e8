/**
 * What a section of the admin app is: a name in the navigation and a view. Each section lives in
 * its own file under `sections/` (`<id>-section.ts`, exporting `section`); the shell finds them
 * there, orders them by `order` and gives the view the realm and the rest of the address fragment
 * (`#/<realm>/<id>/<path…>`), so adding a section edits no other file.
 */
import type { ReactElement } from 'react';

/** What the shell gives a section's view. */
export interface SectionProps {
  /** The realm chosen in the header. */
  realm: string;
  /** The fragment's parts after the section's id, decoded (`#/alpha/terms/v2` → `['v2']`). */
  path: string[];
  /** Opens another place of this section (`go(['v2'])` → `#/alpha/terms/v2`). */
  go: (path: string[]) => void;
  /** Shows a failure in the shell's alert (a 401 signs the administrator out). */
  onError: (failure: unknown) => void;
}

/** A section of the admin app. */
export interface AdminSection {
  /** The fragment's word for it (`terms`). */
  id: string;
  /** The navigation's name for it (`Terms`). */
  label: string;
  /** Its position in the navigation, smaller first. */
  order: number;
  /** Its view. */
  view: (props: SectionProps) => ReactElement;
}

/** Where the app is: a realm, a section and the section's own path. */
export interface Place {
  realm: string;
  section: string;
  path: string[];
}

/** The place a fragment names (`#/alpha/journeys/Login`); root's journeys when it names none. */
export function placeOf(hash: string): Place {
  const [realm, section, ...path] = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '';
      }
    });
  return {
    realm: realm === undefined || realm === '' ? 'root' : realm,
    section: section === undefined || section === '' ? 'journeys' : section,
    path: path.filter((part) => part !== ''),
  };
}

/** The fragment of `place`. */
export function hashOf(place: Place): string {
  return `#/${[place.realm, place.section, ...place.path].map(encodeURIComponent).join('/')}`;
}
