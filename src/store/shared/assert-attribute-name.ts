/**
 * The attribute names every store accepts for lookups, search and unique indexes: plain
 * identifiers, which the SQL stores splice into SQL with nothing to escape. The memory store
 * refuses exactly the same, so a test on it sees what production would answer.
 */
import { storeError } from '../errors.ts';

/** Attribute names that may appear in SQL: plain identifiers. */
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws INVALID_ATTRIBUTE unless `attribute` is a plain identifier. */
export function assertAttributeName(attribute: string): void {
  if (!ATTRIBUTE_NAME.test(attribute)) {
    throw storeError('INVALID_ATTRIBUTE', `invalid attribute name ${JSON.stringify(attribute)}: expected ${ATTRIBUTE_NAME.source}`);
  }
}
