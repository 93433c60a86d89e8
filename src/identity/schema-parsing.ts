/**
 * Small checkers for parsing configuration documents: each returns the typed value or throws
 * INVALID_MANAGED_CONFIG naming the dotted path of the bad field.
 */
import { identityError } from './errors.ts';

function fail(path: string, expected: string): never {
  throw identityError('INVALID_MANAGED_CONFIG', `${path}: expected ${expected}`);
}

/** A plain JSON object (not null, not an array). */
export function parseObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object');
  return value as Record<string, unknown>;
}

/** An array of anything. */
export function parseArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'an array');
  return value;
}

/** A string. */
export function parseString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string');
  return value;
}

/** A string or null (IDM writes `"description": null`). */
export function parseNullableString(value: unknown, path: string): string | null {
  if (value !== null && typeof value !== 'string') fail(path, 'a string or null');
  return value;
}

/** A boolean. */
export function parseBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'true or false');
  return value;
}

/** A finite number or null (IDM writes `"minLength": null`). */
export function parseNullableNumber(value: unknown, path: string): number | null {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) fail(path, 'a number or null');
  return value;
}

/** An array of strings. */
export function parseStringList(value: unknown, path: string): string[] {
  return parseArray(value, path).map((item, i) => parseString(item, `${path}[${i}]`));
}
