/**
 * Applies checked CREST patch operations to a copy of an object, with IDM's semantics: `add`
 * appends to lists (`/-` appends one element), `remove` with a value removes every equal element,
 * `increment` adds to a number, `copy`/`move` read `from`; lists are never indexed.
 */
import { crestError } from './errors.ts';
import type { Pointer } from './json-pointer.ts';
import { ownValue } from '../../json/own-value.ts';
import { formatPointer, jsonEqual, leafOf, parentOf, readPointer } from './json-pointer.ts';
import type { PatchOperation } from './patch-operations.ts';

function add(root: Record<string, unknown>, field: Pointer, value: unknown): void {
  const leaf = leafOf(field);
  if (leaf === '-') {
    const listPointer = field.slice(0, -1);
    const holder = parentOf(root, listPointer, true) ?? root;
    const list = ownValue(holder, leafOf(listPointer));
    if (list !== undefined && list !== null && !Array.isArray(list)) {
      throw crestError('BAD_REQUEST', `Cannot append to ${formatPointer(listPointer)}: it is not a list`);
    }
    holder[leafOf(listPointer)] = [...(list ?? []), structuredClone(value)];
    return;
  }
  const parent = parentOf(root, field, true) ?? root;
  const current = ownValue(parent, leaf);
  if (Array.isArray(current)) {
    parent[leaf] = Array.isArray(value) ? [...current, ...structuredClone(value)] : [...current, structuredClone(value)];
  } else {
    parent[leaf] = structuredClone(value);
  }
}

function remove(root: Record<string, unknown>, operation: PatchOperation): void {
  const parent = parentOf(root, operation.field, false);
  const leaf = leafOf(operation.field);
  if (parent === undefined || !Object.hasOwn(parent, leaf)) return;
  if (!operation.hasValue) {
    delete parent[leaf];
    return;
  }
  const current = ownValue(parent, leaf);
  if (Array.isArray(current)) {
    const unwanted = Array.isArray(operation.value) ? operation.value : [operation.value];
    parent[leaf] = current.filter((item) => !unwanted.some((value) => jsonEqual(item, value)));
  } else if (jsonEqual(current, operation.value)) {
    delete parent[leaf];
  }
}

function replace(root: Record<string, unknown>, field: Pointer, value: unknown): void {
  const parent = parentOf(root, field, true) ?? root;
  parent[leafOf(field)] = structuredClone(value);
}

function increment(root: Record<string, unknown>, operation: PatchOperation): void {
  const current = readPointer(root, operation.field);
  if (typeof current !== 'number') {
    throw crestError('BAD_REQUEST', `Cannot increment ${operation.fieldText}: its value is ${current === undefined ? 'missing' : 'not a number'}`);
  }
  replace(root, operation.field, current + (operation.value as number));
}

function source(root: Record<string, unknown>, operation: PatchOperation, from: Pointer): unknown {
  const value = readPointer(root, from);
  if (value === undefined) throw crestError('BAD_REQUEST', `Cannot ${operation.operation} from ${formatPointer(from)}: the field does not exist`);
  return value;
}

/** A copy of `data` with `operations` applied in order; BAD_REQUEST when one cannot apply. */
export function applyPatch(data: Record<string, unknown>, operations: readonly PatchOperation[]): Record<string, unknown> {
  const root = structuredClone(data);
  for (const operation of operations) {
    switch (operation.operation) {
      case 'add':
        add(root, operation.field, operation.value);
        break;
      case 'remove':
        remove(root, operation);
        break;
      case 'replace':
        replace(root, operation.field, operation.value);
        break;
      case 'increment':
        increment(root, operation);
        break;
      case 'copy':
      case 'move': {
        const from = operation.from ?? [];
        const value = source(root, operation, from);
        if (operation.operation === 'move') remove(root, { ...operation, field: from, hasValue: false });
        if (leafOf(operation.field) === '-') add(root, operation.field, value);
        else replace(root, operation.field, value);
        break;
      }
    }
  }
  return root;
}
