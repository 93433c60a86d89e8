/**
 * Where a journey is in the Journeys section's address: `#/<realm>/journeys/<name>` draws it
 * read-only, `#/<realm>/journeys/<name>/edit` opens it in the editor, so that a reload or a shared
 * link lands where the administrator was. Without React.
 */

/** The last part of the address of a journey open in the editor. */
export const EDIT_PART = 'edit';

/** A journey's place in the section: its name (`''`: the list) and whether it is being edited. */
export interface JourneyRoute {
  name: string;
  editing: boolean;
}

/** The journey `path` (the section's parts of the address) names. */
export function journeyRoute(path: readonly string[]): JourneyRoute {
  const editing = path.length > 1 && path.at(-1) === EDIT_PART;
  return { name: (editing ? path.slice(0, -1) : path).join('/'), editing };
}

/** The section's path of journey `name`, in the editor or not. */
export function journeyPath(name: string, editing: boolean): string[] {
  return editing ? [name, EDIT_PART] : [name];
}
