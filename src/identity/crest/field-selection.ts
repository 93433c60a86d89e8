/**
 * CREST's `_fields` parameter: a comma list of JSON pointers, `*` for the default fields, `*_ref`
 * for relationship fields, and `_meta/*` (or `_meta/<field>`) for the metadata IDM never returns
 * unless asked. Absent or empty means the default fields.
 */
import type { Pointer } from './json-pointer.ts';
import { parsePointer } from './json-pointer.ts';

/** What `_fields` asks for. */
export interface FieldSelection {
  /** The default fields (no `_fields`, or `*`). */
  defaults: boolean;
  /** Relationship fields (`*_ref`, `*_ref/*`). */
  references: boolean;
  /** Explicit fields of the object (`_id`/`_rev` are always returned, so never listed). */
  pointers: Pointer[];
  /** `_meta` as a whole (`_meta`, `_meta/*`), some of its fields, or nothing. */
  meta: 'all' | Pointer[] | undefined;
}

/** The selection of a request without `_fields`. */
export const DEFAULT_FIELDS: Readonly<FieldSelection> = Object.freeze({ defaults: true, references: false, pointers: [], meta: undefined });

/** The selection `_queryId=query-all-ids` makes: `_id` and `_rev` only. */
export const ID_FIELDS_ONLY: Readonly<FieldSelection> = Object.freeze({ defaults: false, references: false, pointers: [], meta: undefined });

/** Parses `_fields`; BAD_REQUEST for a malformed pointer. */
export function parseFieldSelection(text: string | undefined): FieldSelection {
  const entries = (text ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return { ...DEFAULT_FIELDS, pointers: [] };
  const selection: FieldSelection = { defaults: false, references: false, pointers: [], meta: undefined };
  for (const entry of entries) {
    const bare = entry.replace(/^\//, '');
    if (bare === '*') selection.defaults = true;
    else if (bare === '*_ref' || bare === '*_ref/*') selection.references = true;
    else if (bare === '_meta' || bare === '_meta/*') selection.meta = 'all';
    else if (bare.startsWith('_meta/')) {
      const pointer = parsePointer(bare.slice('_meta/'.length), '_fields entry');
      if (selection.meta !== 'all') selection.meta = [...(selection.meta ?? []), pointer];
    } else if (bare !== '_id' && bare !== '_rev') {
      selection.pointers.push(parsePointer(entry, '_fields entry'));
    }
  }
  return selection;
}
