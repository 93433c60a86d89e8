/**
 * Small readers for the fields of IDM configuration documents: each checks one field's type and
 * throws through `fail` with the field's dotted path, so every message names what is wrong.
 */

/** Throws a validation error for `field`. */
export type FieldFailure = (field: string, message: string) => never;

/** True for a plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Readers bound to one document and one failure function. */
export interface FieldReaders {
  optionalString(field: string, value: unknown): string | undefined;
  optionalBoolean(field: string, value: unknown): boolean | undefined;
  /** An integer in [min, max]; a string of digits is accepted (IDM property substitution leaves strings). */
  optionalInteger(field: string, value: unknown, min: number, max: number): number | undefined;
  optionalObject(field: string, value: unknown): Record<string, unknown> | undefined;
  optionalStringArray(field: string, value: unknown): string[] | undefined;
}

/** Makes the readers for a document whose errors go through `fail`. */
export function fieldReaders(fail: FieldFailure): FieldReaders {
  return {
    optionalString(field, value) {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') fail(field, `${field} must be a string`);
      return value;
    },
    optionalBoolean(field, value) {
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(field, `${field} must be true or false`);
    },
    optionalInteger(field, value, min, max) {
      if (value === undefined || value === null) return undefined;
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) fail(field, `${field} must be an integer from ${min} to ${max}`);
      return n;
    },
    optionalObject(field, value) {
      if (value === undefined || value === null) return undefined;
      if (!isPlainObject(value)) fail(field, `${field} must be an object`);
      return value;
    },
    optionalStringArray(field, value) {
      if (value === undefined || value === null) return undefined;
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) fail(field, `${field} must be an array of strings`);
      return value as string[];
    },
  };
}
