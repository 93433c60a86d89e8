/**
 * CSV export: the columns a schema gives (`_id`, every stored property, nested object properties
 * as `preferences/marketing`, `passwordHash` when asked for) and RFC 4180 lines. Complex values
 * (arrays, objects without declared properties) are written as JSON, as `users import` reads them.
 */
import type { ManagedObjectSchema } from '../managed-schema.ts';

/** The export columns of `schema`, in schema order. Properties outside the schema are not exported as CSV. */
export function csvExportColumns(schema: ManagedObjectSchema, includePasswordHashes: boolean): string[] {
  const columns = ['_id'];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (name === '_id' || name === 'password' || property.isVirtual === true) continue;
    const nested = property.type === 'object' && property.properties !== undefined ? Object.keys(property.properties) : [];
    if (nested.length > 0) columns.push(...nested.map((child) => `${name}/${child}`));
    else columns.push(name);
  }
  if (includePasswordHashes) columns.push('passwordHash');
  return columns;
}

/** One field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The fields of `object` for `columns`, as one CSV line (without its line break). */
export function csvLine(object: Record<string, unknown>, columns: readonly string[]): string {
  return columns
    .map((column) => {
      let value: unknown = object;
      for (const part of column.split('/')) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
      return csvField(value);
    })
    .join(',');
}
