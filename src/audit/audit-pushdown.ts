/**
 * What of a `_queryFilter` the audit store can answer itself. The terms of the filter's top-level
 * conjunction (`and`, nested ones flattened) that are string equality on an indexed field (`eq`,
 * or `in` with only strings) become the listing's `equals`; bounds on `timestamp` become its time
 * window. The whole filter is still evaluated on every event read, so the pushed-down part only
 * needs to contain the matches; `complete` says it is exactly the filter (every term answered
 * exactly), so that the store's count is the number of matches.
 *
 * Timestamps are compared as text (case-folded), as the filter does: a value in the stored form
 * (`2026-01-31T12:00:00.000Z`, what `toISOString` writes) orders exactly as the instant, so its
 * bound is exact. Any other value starting with a date (`2026-01-31`, `2026-01-31T12:00:00Z`,
 * with an offset…) bounds the matches only to the precision of its longest valid leading part
 * (day, hour, minute, second, millisecond): the window is widened to that, never narrower than
 * the matches. Other values do not narrow.
 */
import { foldCase } from '../identity/query-filter/fold-case.ts';
import type { QueryFilter } from '../identity/query-filter/query-filter.ts';
import { type AuditIndexedField, indexedFieldAt } from './audit-indexed-fields.ts';
import type { AuditEquals } from './audit-store.ts';

/** What the store can be asked, and whether that is the whole filter. */
export interface AuditPushdown {
  equals: AuditEquals;
  /** At or after this instant (epoch ms). */
  from?: number;
  /** Before this instant (epoch ms). */
  to?: number;
  /** True when the store's selection is exactly the filter's matches. */
  complete: boolean;
}

const DAY_MS = 86_400_000;
/** Leading parts of a stored timestamp (folded) and the time each spans: day, hour, minute, second, millisecond. */
const PREFIXES: readonly { length: number; unit: number }[] = [
  { length: 23, unit: 1 },
  { length: 19, unit: 1000 },
  { length: 16, unit: 60_000 },
  { length: 13, unit: 3_600_000 },
  { length: 10, unit: DAY_MS },
];
/** A stored timestamp's form, folded, and how a leading part is completed to one. */
const STORED_FORM = /^\d{4}-\d\d-\d\dt\d\d:\d\d:\d\d\.\d{3}z$/;
const COMPLETION = '0000-01-01t00:00:00.000z';

/** The instant a stored-form timestamp starting with `prefix` starts at, when `prefix` is a valid leading part. */
function prefixStart(prefix: string): number | undefined {
  const completed = prefix + COMPLETION.slice(prefix.length);
  if (!STORED_FORM.test(completed)) return undefined;
  const at = Date.parse(completed.toUpperCase());
  if (!Number.isFinite(at) || foldCase(new Date(at).toISOString()).slice(0, prefix.length) !== prefix) return undefined;
  return at;
}

/** The bounds of the timestamps `timestamp <op> value` can match, and whether they are exact. */
function timestampBounds(op: string, value: string): { from?: number; to?: number; exact: boolean } {
  const text = foldCase(value);
  const stored = text.length === COMPLETION.length && STORED_FORM.test(text) ? prefixStart(text.slice(0, 23)) : undefined;
  if (stored !== undefined) {
    // Same form, same length: text order is time order.
    if (op === 'ge') return { from: stored, exact: true };
    if (op === 'gt') return { from: stored + 1, exact: true };
    if (op === 'lt') return { to: stored, exact: true };
    if (op === 'le') return { to: stored + 1, exact: true };
    return { from: stored, to: stored + 1, exact: true };
  }
  for (const { length, unit } of PREFIXES) {
    if (text.length < length) continue;
    const start = prefixStart(text.slice(0, length));
    if (start === undefined) continue;
    // A timestamp whose leading part sorts after the value's sorts after the value, and before likewise.
    if (op === 'ge' || op === 'gt') return { from: start, exact: false };
    if (op === 'lt' || op === 'le') return { to: start + unit, exact: false };
    return { from: start, to: start + unit, exact: false };
  }
  return { exact: false };
}

function conjuncts(filter: QueryFilter): QueryFilter[] {
  return filter.op === 'and' ? filter.filters.flatMap(conjuncts) : [filter];
}

/** What the store can answer of `filter`. */
export function auditPushdownOf(filter: QueryFilter): AuditPushdown {
  const equals = new Map<AuditIndexedField, Set<string>>();
  let from = -Infinity;
  let to = Infinity;
  let complete = true;
  const narrow = (field: AuditIndexedField, values: readonly string[]): void => {
    const wanted = new Set(values.map(foldCase));
    const known = equals.get(field);
    equals.set(field, known === undefined ? wanted : new Set([...known].filter((value) => wanted.has(value))));
  };
  for (const term of conjuncts(filter)) {
    if (term.op === 'true') continue;
    if (term.op === 'in' || term.op === 'eq') {
      const field = indexedFieldAt(term.field);
      const values = term.op === 'in' ? term.values : [term.value];
      if (field !== undefined && values.every((value) => typeof value === 'string')) {
        narrow(field, values.filter((value) => typeof value === 'string'));
        continue;
      }
    }
    if ((term.op === 'eq' || term.op === 'ge' || term.op === 'gt' || term.op === 'le' || term.op === 'lt') && term.field.length === 1 && term.field[0] === 'timestamp' && typeof term.value === 'string') {
      const bounds = timestampBounds(term.op, term.value);
      if (bounds.from !== undefined) from = Math.max(from, bounds.from);
      if (bounds.to !== undefined) to = Math.min(to, bounds.to);
      if (!bounds.exact) complete = false;
      continue;
    }
    complete = false;
  }
  return {
    equals: Object.fromEntries([...equals].map(([field, values]) => [field, [...values]])),
    ...(from === -Infinity ? {} : { from }),
    ...(to === Infinity ? {} : { to }),
    complete,
  };
}
