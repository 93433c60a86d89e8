/**
 * CSV columns of managed users: a header names properties (`mail`, nested `preferences/marketing`,
 * `_id`, `passwordHash`), and each cell is converted to the type the schema declares.
 */
import type { ManagedObjectSchema, ManagedProperty } from '../managed-schema.ts';
import { describeUnsafeKey, findUnsafeKey, isUnsafeKey } from '../../json/unsafe-keys.ts';
import { bulkError } from './errors.ts';

/** A cell's value, or why it does not fit the column. */
export type CellValue = { ok: true; value: unknown } | { ok: false; message: string };

/** One column: the attribute path it writes and how a cell becomes a value. */
export interface CsvColumn {
  path: string;
  convert(raw: string): CellValue;
}

/** Columns that are not schema properties but may be imported and exported. */
export const EXTRA_COLUMNS: readonly string[] = ['_id', 'passwordHash'];

function propertyAt(schema: ManagedObjectSchema, path: string): ManagedProperty | undefined {
  const [head = '', ...rest] = path.split('/');
  let property = ownProperty(schema.properties, head);
  for (const part of rest) property = property?.properties === undefined ? undefined : ownProperty(property.properties, part);
  return property;
}

function ownProperty(properties: Record<string, ManagedProperty>, name: string): ManagedProperty | undefined {
  return Object.hasOwn(properties, name) ? properties[name] : undefined;
}

/** The JSON types a property holds. */
export function typesOf(property: ManagedProperty): string[] {
  return Array.isArray(property.type) ? property.type : [property.type ?? 'string'];
}

function converter(path: string, property: ManagedProperty | undefined): CsvColumn['convert'] {
  const types = property === undefined ? ['string'] : typesOf(property);
  if (types.includes('string')) return (raw) => ({ ok: true, value: raw });
  if (types.includes('boolean')) {
    return (raw) => (raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : { ok: false, message: `${path}: expected true or false, got "${raw}"` });
  }
  if (types.includes('number') || types.includes('integer')) {
    return (raw) => {
      const value = Number(raw);
      return raw.trim() !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `${path}: expected a number, got "${raw}"` };
    };
  }
  return (raw) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, message: `${path}: expected JSON (${types.join('/')})` };
    }
    const unsafe = findUnsafeKey(value);
    return unsafe === undefined ? { ok: true, value } : { ok: false, message: `${path}: ${describeUnsafeKey(unsafe)}` };
  };
}

/** The columns of a header row; INVALID_CSV_HEADER for an empty, unknown or repeated name. */
export function csvColumns(schema: ManagedObjectSchema, header: readonly string[], type: string): CsvColumn[] {
  const seen = new Set<string>();
  return header.map((raw, index) => {
    const path = raw.trim().replace(/^\//, '');
    if (path === '') throw bulkError('INVALID_CSV_HEADER', `column ${index + 1} of the header has no name`);
    if (seen.has(path)) throw bulkError('INVALID_CSV_HEADER', `column "${path}" appears twice in the header`);
    const unsafe = path.split('/').find(isUnsafeKey);
    if (unsafe !== undefined) throw bulkError('INVALID_CSV_HEADER', `column "${path}" has the segment "${unsafe}", which names no property`);
    seen.add(path);
    if (EXTRA_COLUMNS.includes(path)) return { path, convert: converter(path, undefined) };
    const property = propertyAt(schema, path);
    if (property === undefined || property.isVirtual === true) throw bulkError('INVALID_CSV_HEADER', `column "${path}" is not a property of ${type}`);
    return { path, convert: converter(path, property) };
  });
}
