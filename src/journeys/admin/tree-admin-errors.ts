/** Typed errors of the tree and node administration (`tree-admin.ts`), with stable codes. */

/** Why an administration call failed. */
export type TreeAdminErrorCode = 'TREE_NOT_FOUND' | 'NODE_NOT_FOUND' | 'NODE_TYPE_UNKNOWN' | 'TREE_INVALID' | 'NODE_INVALID' | 'NODE_IN_USE' | 'BAD_REQUEST';

/** An administration error: `problems` lists every reason (a refused tree's validation problems). */
export interface TreeAdminError extends Error {
  name: 'TreeAdminError';
  code: TreeAdminErrorCode;
  problems: string[];
}

/** Makes a TreeAdminError. */
export function treeAdminError(code: TreeAdminErrorCode, message: string, problems: string[] = []): TreeAdminError {
  return Object.assign(new Error(message), { name: 'TreeAdminError' as const, code, problems });
}

/** True for errors made by `treeAdminError`. */
export function isTreeAdminError(error: unknown): error is TreeAdminError {
  return error instanceof Error && error.name === 'TreeAdminError' && 'code' in error;
}
