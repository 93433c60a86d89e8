/**
 * Refuses PATCH operations that read a property the caller may not read (403): `copy` or `move`
 * from it (the value would land in a readable field), `remove` with a value (an equality oracle)
 * and `increment` on it. Setting or removing it outright stays allowed.
 */
import { crestError } from './errors.ts';
import { formatPointer } from './json-pointer.ts';
import type { PatchOperation } from './patch-operations.ts';
import type { UnreadableProperty } from './unreadable-properties.ts';

/** FORBIDDEN naming the first operation that reads an unreadable property. */
export function checkPatchReads(operations: readonly PatchOperation[], unreadable: UnreadableProperty): void {
  for (const operation of operations) {
    const source = operation.from?.[0];
    if (operation.from !== undefined && source !== undefined && unreadable(source)) {
      throw crestError('FORBIDDEN', `Access denied: cannot ${operation.operation} from ${formatPointer(operation.from)}, ${source} cannot be read`);
    }
    const readsTarget = operation.operation === 'increment' || (operation.operation === 'remove' && operation.hasValue);
    const target = operation.field[0];
    if (readsTarget && target !== undefined && unreadable(target)) {
      const what = operation.operation === 'remove' ? 'remove by value' : operation.operation;
      throw crestError('FORBIDDEN', `Access denied: cannot ${what} ${operation.fieldText}, ${target} cannot be read`);
    }
  }
}
