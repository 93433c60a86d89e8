/**
 * The Self-service section's reasoning, without a browser: AM's Self Service Trees service
 * (`{treeMapping: {endpoint: journey}}`) as rows, the well-known self-service functions first with
 * their names in words (unmapped ones too, so they can be mapped), any other endpoint after them;
 * a new endpoint's name checked as the server checks it; the `PUT` body of the rows.
 */
import { isRecord, own } from './am-client.ts';

/** The self-service functions of the end-user UI, with the form's words for them. */
export const KNOWN_FUNCTIONS: readonly { endpoint: string; label: string; description: string }[] = [
  { endpoint: 'registration', label: 'Registration', description: 'A new user creates an account.' },
  { endpoint: 'resetPassword', label: 'Reset password', description: 'A user who forgot their password sets a new one.' },
  { endpoint: 'forgottenUsername', label: 'Forgotten username', description: 'A user is sent their user name.' },
  { endpoint: 'progressiveProfile', label: 'Progressive profile', description: 'A signed-in user is asked for more about themselves.' },
  { endpoint: 'updatePassword', label: 'Update password', description: 'A signed-in user changes their password.' },
];

/** What an endpoint name may be (as the server checks it). */
const ENDPOINT = /^[A-Za-z0-9_.-]{1,128}$/;
const MAX_ENDPOINTS = 200;

/** One self-service function and the journey it runs (`''`: none). */
export interface MappingRow {
  endpoint: string;
  label: string;
  description: string;
  journey: string;
  /** True for the well-known functions (kept in the list when unmapped). */
  known: boolean;
}

/** The mapping of the service's answer (strings only, at most 200 endpoints). */
export function mappingOf(body: unknown): Record<string, string> {
  const mapping = isRecord(body) ? own(body, 'treeMapping') : undefined;
  if (!isRecord(mapping)) return {};
  const result: Record<string, string> = {};
  for (const [endpoint, journey] of Object.entries(mapping).slice(0, MAX_ENDPOINTS)) {
    if (typeof journey === 'string' && ENDPOINT.test(endpoint)) result[endpoint] = journey;
  }
  return result;
}

/** The rows of a mapping: the well-known functions in their order, then the others by name. */
export function rowsOf(mapping: Readonly<Record<string, string>>): MappingRow[] {
  const known = KNOWN_FUNCTIONS.map((entry) => ({ ...entry, journey: Object.hasOwn(mapping, entry.endpoint) ? (mapping[entry.endpoint] ?? '') : '', known: true }));
  const others = Object.keys(mapping)
    .filter((endpoint) => !KNOWN_FUNCTIONS.some((entry) => entry.endpoint === endpoint))
    .sort((a, b) => a.localeCompare(b))
    .map((endpoint) => ({ endpoint, label: endpoint, description: 'An endpoint of your own.', journey: mapping[endpoint] ?? '', known: false }));
  return [...known, ...others];
}

/** The problem of a new endpoint's name among `rows`, or undefined. */
export function endpointProblem(name: string, rows: readonly MappingRow[]): string | undefined {
  if (!ENDPOINT.test(name)) return 'Use 1 to 128 letters, digits, ".", "_" or "-".';
  if (rows.some((row) => row.endpoint === name)) return 'This endpoint is already in the list.';
  if (rows.length >= MAX_ENDPOINTS) return `At most ${MAX_ENDPOINTS} endpoints.`;
  return undefined;
}

/** The `PUT` body of the rows: every mapped endpoint (an unmapped one is left out, and so removed). */
export function mappingBody(rows: readonly MappingRow[]): { _id: ''; treeMapping: Record<string, string> } {
  const treeMapping: Record<string, string> = {};
  for (const row of rows) if (row.journey.trim() !== '') treeMapping[row.endpoint] = row.journey.trim();
  return { _id: '', treeMapping };
}

/** The rows whose journey is not one of `journeys` (a journey since deleted or renamed). */
export function missingJourneys(rows: readonly MappingRow[], journeys: readonly string[]): string[] {
  return rows.filter((row) => row.journey !== '' && !journeys.includes(row.journey)).map((row) => row.endpoint);
}
