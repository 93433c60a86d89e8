/**
 * The Audit section's calls: one page of a topic's events (`GET /openidm/audit/<topic>`, newest
 * first) with the session cookie. A failure throws an `IdmRequestError` (a 401 signs out).
 */
import { isRecord, own } from './am-client.ts';
import { IdmRequestError } from './idm-client.ts';
import type { AuditRow, AuditTab } from './audit-model.ts';
import { auditRows } from './audit-model.ts';

/** One page of events, and whether there is a next one. */
export interface AuditPage {
  rows: AuditRow[];
  more: boolean;
}

/** The events of `topic` matching `filter`, `size` of them from `offset`, newest first. */
export async function queryAudit(topic: AuditTab, filter: string, page: { size: number; offset: number }): Promise<AuditPage> {
  const query = new URLSearchParams({ _queryFilter: filter, _sortKeys: '-timestamp', _pageSize: String(page.size), _pagedResultsOffset: String(page.offset) });
  let response: Response;
  try {
    response = await fetch(`/openidm/audit/${encodeURIComponent(topic)}?${query.toString()}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new IdmRequestError(0, 'Arbor cannot be reached', []);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(await response.text());
  } catch {
    answer = undefined;
  }
  if (!response.ok) {
    const message = isRecord(answer) ? own(answer, 'message') : undefined;
    throw new IdmRequestError(response.status, typeof message === 'string' && message !== '' ? message : `${response.status} ${response.statusText}`, []);
  }
  const cookie = isRecord(answer) ? own(answer, 'pagedResultsCookie') : undefined;
  return { rows: auditRows(answer), more: typeof cookie === 'string' && cookie !== '' };
}
