/** What CREST operations answer (a resource with its revision) and the options they take. */
import type { CrestAccess } from './crest-access.ts';
import type { FieldSelection } from './field-selection.ts';

/** A resource as answered: its id and revision (for `ETag`/`Location`) and the projected body. */
export interface CrestResource {
  id: string;
  rev: string;
  body: Record<string, unknown>;
}

/** Options of every operation. */
export interface CrestOptions {
  fields?: FieldSelection;
  access?: CrestAccess;
}

/** Options of writes to an existing object: `If-Match` (a revision, or `*`). */
export interface CrestWriteOptions extends CrestOptions {
  ifMatch?: string;
}

/** Options of PUT: `If-Match`, or `If-None-Match: *` for create-only. */
export interface CrestPutOptions extends CrestWriteOptions {
  ifNoneMatch?: string;
}
