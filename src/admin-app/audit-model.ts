/**
 * What the Audit section computes without a browser: the topics it shows, the CREST query filter
 * of the administrator's filters (user, outcome, a date range, the realm chosen in the header),
 * the events of an answer read through guards (hostile input), one line summing an event up, and
 * the differences between an event's before and after.
 */
import { isRecord, own } from './am-client.ts';
import { filterString } from './identities-model.ts';

/** The topics, in the order of the tabs. */
export const AUDIT_TABS = [
  { topic: 'authentication', label: 'Authentication' },
  { topic: 'activity', label: 'Activity' },
  { topic: 'config', label: 'Configuration' },
  { topic: 'access', label: 'Access' },
] as const;

/** One topic. */
export type AuditTab = (typeof AUDIT_TABS)[number]['topic'];

/** The administrator's filters; empty strings are "any". */
export interface AuditFilters {
  user: string;
  /** `SUCCESS`, `FAILURE` or '' (authentication only). */
  outcome: string;
  /** A day (`2026-12-02`, UTC) the events are on or after. */
  from: string;
  /** A day (UTC) the events are on or before. */
  to: string;
}

/** No filter. */
export const NO_FILTERS: AuditFilters = { user: '', outcome: '', from: '', to: '' };

/** An event as the section shows it: the fields it reads, and the whole event for the details. */
export interface AuditRow {
  id: string;
  timestamp: string;
  topic: string;
  event: Record<string, unknown>;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of `day` (UTC) as an ISO instant; undefined when `day` is not a date. */
export function dayStart(day: string, plusDays = 0): string | undefined {
  const match = DAY.exec(day.trim());
  if (match === null) return undefined;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return Number.isFinite(at) ? new Date(at).toISOString() : undefined;
}

/** The fields a user name is looked for in, per topic. */
function userFields(topic: AuditTab): string[] {
  if (topic === 'authentication') return ['userName'];
  if (topic === 'activity') return ['actor/username', 'after/userName', 'before/userName'];
  if (topic === 'config') return ['actor/username'];
  return [];
}

/** The `_queryFilter` of `filters` on `topic`, in `realm` (access events belong to no realm). */
export function auditFilter(topic: AuditTab, realm: string, filters: AuditFilters): string {
  const parts: string[] = [];
  if (topic !== 'access') parts.push(`realm eq ${filterString(realm)}`);
  const user = filters.user.trim();
  const fields = userFields(topic);
  if (user !== '' && fields.length > 0) {
    const matches = fields.map((field) => `${field} co ${filterString(user)}`);
    parts.push(matches.length === 1 ? (matches[0] ?? '') : `(${matches.join(' or ')})`);
  }
  if (topic === 'authentication' && (filters.outcome === 'SUCCESS' || filters.outcome === 'FAILURE')) parts.push(`outcome eq "${filters.outcome}"`);
  const from = dayStart(filters.from);
  if (from !== undefined) parts.push(`timestamp ge "${from}"`);
  const to = dayStart(filters.to, 1);
  if (to !== undefined) parts.push(`timestamp lt "${to}"`);
  return parts.length === 0 ? 'true' : parts.join(' and ');
}

/** A problem with the filters the administrator should fix, or undefined. */
export function filtersProblem(filters: AuditFilters): string | undefined {
  if (filters.from.trim() !== '' && dayStart(filters.from) === undefined) return 'From must be a date (YYYY-MM-DD).';
  if (filters.to.trim() !== '' && dayStart(filters.to) === undefined) return 'To must be a date (YYYY-MM-DD).';
  const from = dayStart(filters.from);
  const to = dayStart(filters.to);
  if (from !== undefined && to !== undefined && from > to) return 'From is after To.';
  return undefined;
}

/** The events of an answer (`result`), at most 1000, each with its id, time and topic. */
export function auditRows(answer: unknown): AuditRow[] {
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result
    .slice(0, 1000)
    .filter(isRecord)
    .map((event) => {
      const id = own(event, '_id');
      const timestamp = own(event, 'timestamp');
      const topic = own(event, 'topic');
      return { id: typeof id === 'string' ? id : '', timestamp: typeof timestamp === 'string' ? timestamp : '', topic: typeof topic === 'string' ? topic : '', event };
    });
}

function text(event: Record<string, unknown>, ...path: string[]): string {
  let value: unknown = event;
  for (const key of path) value = isRecord(value) ? own(value, key) : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Who an event is about or who did it, in a word. */
export function whoOf(row: AuditRow): string {
  const { event } = row;
  if (row.topic === 'authentication') return text(event, 'userName') || text(event, 'userId') || '(unknown user)';
  if (row.topic === 'access') return text(event, 'clientIp');
  return text(event, 'actor', 'username') || '(system)';
}

/** What happened, in one line. */
export function summaryOf(row: AuditRow): string {
  const { event } = row;
  if (row.topic === 'authentication') {
    const node = text(event, 'node', 'type');
    return `${text(event, 'journey')}: ${text(event, 'outcome')}${node === '' ? '' : ` at ${node}`}`;
  }
  if (row.topic === 'activity') {
    const name = text(event, 'after', 'userName') || text(event, 'before', 'userName') || text(event, 'objectId');
    return `${text(event, 'operation')} ${text(event, 'objectType')} ${name}`;
  }
  if (row.topic === 'config') return `${text(event, 'operation')} ${text(event, 'objectType')} ${text(event, 'objectId')}`;
  return `${text(event, 'method')} ${text(event, 'route')} → ${text(event, 'status')} (${text(event, 'elapsedMs')} ms)`;
}

/** One difference between before and after: a property path and its values as JSON text ('' when absent). */
export interface AuditChange {
  path: string;
  before: string;
  after: string;
}

function shown(value: unknown): string {
  if (value === undefined) return '';
  const json = JSON.stringify(value) ?? '';
  return json.length > 500 ? `${json.slice(0, 500)}…` : json;
}

function walk(before: unknown, after: unknown, path: string, changes: AuditChange[], depth: number): void {
  if (changes.length >= 300) return;
  const objectLike = (value: unknown): value is Record<string, unknown> | undefined => value === undefined || isRecord(value);
  if (depth < 6 && objectLike(before) && objectLike(after) && (before !== undefined || after !== undefined)) {
    const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
    for (const name of names) walk(before === undefined ? undefined : own(before, name), after === undefined ? undefined : own(after, name), `${path}/${name}`, changes, depth + 1);
    return;
  }
  const a = shown(before);
  const b = shown(after);
  if (a !== b) changes.push({ path: path === '' ? '/' : path, before: a, after: b });
}

/** The properties that differ between an event's `before` and `after` (nested objects by path). */
export function auditChanges(event: Record<string, unknown>): AuditChange[] {
  const changes: AuditChange[] = [];
  walk(own(event, 'before'), own(event, 'after'), '', changes, 0);
  return changes;
}

/** A local, readable time of an ISO timestamp (the timestamp itself when it is not one). */
export function shownTime(timestamp: string): string {
  const at = Date.parse(timestamp);
  return Number.isFinite(at) ? new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : timestamp;
}

/** An event's fields as label and text, nested objects one level flattened (`node.type`), lists joined; without before and after. */
export function detailFields(event: Record<string, unknown>): [string, string][] {
  const textOf = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
    return JSON.stringify(value) ?? '';
  };
  return Object.keys(event)
    .filter((name) => name !== 'before' && name !== 'after')
    .flatMap((name): [string, string][] => {
      const value = own(event, name);
      if (isRecord(value)) return Object.keys(value).map((key): [string, string] => [`${name}.${key}`, textOf(own(value, key))]);
      return [[name, textOf(value)]];
    });
}
