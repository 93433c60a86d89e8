/** Canonical text of a QueryFilter AST, for logs and tests; it parses back to the same AST. */
import type { FieldPath, QueryFilter } from './query-filter.ts';

/** A field as a JSON pointer with a leading `/` (`~` and `/` escaped as `~0` and `~1`). */
export function formatFieldPath(field: FieldPath): string {
  return `/${field.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** A single-quoted string, as IDM writes the operand of `in`. */
function singleQuoted(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** An operand of `and` / `or`: nested `and` / `or` keep their parentheses. */
function operand(filter: QueryFilter): string {
  const text = formatQueryFilter(filter);
  return filter.op === 'and' || filter.op === 'or' ? `(${text})` : text;
}

/** The canonical text of `filter`: `/a eq "x" and !(/b pr)`, strings double-quoted, pointers with `/`. */
export function formatQueryFilter(filter: QueryFilter): string {
  switch (filter.op) {
    case 'true':
    case 'false':
      return filter.op;
    case 'and':
    case 'or':
      if (filter.filters.length === 0) return filter.op === 'and' ? 'true' : 'false';
      return filter.filters.map(operand).join(` ${filter.op} `);
    case 'not':
      return `!(${formatQueryFilter(filter.filter)})`;
    case 'pr':
      return `${formatFieldPath(filter.field)} pr`;
    case 'in':
      return `${formatFieldPath(filter.field)} in ${singleQuoted(JSON.stringify(filter.values))}`;
    default:
      return `${formatFieldPath(filter.field)} ${filter.op} ${JSON.stringify(filter.value)}`;
  }
}
