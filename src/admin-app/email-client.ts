/**
 * The email section's calls to Arbor's IDM REST, same origin, with the session cookie: the SMTP
 * settings (`config/external.email`), sending a test message (`external/email?_action=send`), the
 * templates (`config/emailTemplate`, and `?_action=preview`), and the outbox
 * (`endpoint/outbox`). A failed call throws an `IdmRequestError` (a 401 ends the session in the shell).
 */
import { sendJson } from './send-json.ts';
import { isRecord, own } from './am-client.ts';
import type { OutboxEntry, OutboxStatus, TemplatePreview, TemplateSummary } from './email-model.ts';
import { outboxEntryOf, templatePreviewOf, templateSummariesOf } from './email-model.ts';
import { IdmRequestError } from './idm-client.ts';

function call(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<unknown> {
  return sendJson(method, path, { body, failure: (status, message) => new IdmRequestError(status, message, []) });
}

const SETTINGS = '/openidm/config/external.email';
const templatePath = (name: string): string => `/openidm/config/emailTemplate/${encodeURIComponent(name)}`;
const OUTBOX = '/openidm/endpoint/outbox';

/** The stored SMTP settings, or undefined when none are stored (404). */
export async function readSmtpSettings(): Promise<unknown> {
  try {
    return await call('GET', SETTINGS);
  } catch (error) {
    if (error instanceof IdmRequestError && error.status === 404) return undefined;
    throw error;
  }
}

/** Stores the SMTP settings; answers what the server stored (the password sealed). */
export function saveSmtpSettings(document: Record<string, unknown>): Promise<unknown> {
  return call('PUT', SETTINGS, document);
}

/** Queues a plain-text test message to `to`; answers its outbox id. */
export async function sendTestEmail(to: string): Promise<string> {
  const answer = await call('POST', '/openidm/external/email?_action=send', {
    to,
    subject: 'Arbor test email',
    body: 'This is a test message sent from the Arbor admin app to check the SMTP settings.',
    type: 'text/plain',
  });
  const id = isRecord(answer) ? own(answer, 'outboxId') : undefined;
  if (typeof id !== 'string' || id === '') throw new IdmRequestError(502, 'Arbor did not say which message it queued', []);
  return id;
}

/** Every template, by name. */
export async function listTemplates(): Promise<TemplateSummary[]> {
  return templateSummariesOf(await call('GET', '/openidm/config/emailTemplate?_queryFilter=true'));
}

/** One template document. */
export function readTemplate(name: string): Promise<unknown> {
  return call('GET', templatePath(name));
}

/** Stores a template (400 naming the field when it does not compile). */
export function saveTemplate(name: string, document: Record<string, unknown>): Promise<unknown> {
  return call('PUT', templatePath(name), document);
}

/** Renders the draft `document` of template `name` for `object` in `locale`, as the server sends it. */
export async function previewTemplate(name: string, document: Record<string, unknown>, locale: string, object: Record<string, unknown>): Promise<TemplatePreview> {
  return templatePreviewOf(await call('POST', `${templatePath(name)}?_action=preview`, { template: document, locale, object }));
}

/** One page of the outbox, newest first. */
export async function listOutbox(status: OutboxStatus | '', page: { size: number; offset: number }): Promise<{ entries: OutboxEntry[]; hasMore: boolean }> {
  const query = new URLSearchParams({ _queryFilter: status === '' ? 'true' : `status eq "${status}"`, _pageSize: String(page.size), _pagedResultsOffset: String(page.offset) });
  const answer = await call('GET', `${OUTBOX}?${query.toString()}`);
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  const cookie = isRecord(answer) ? own(answer, 'pagedResultsCookie') : undefined;
  return { entries: Array.isArray(result) ? result.map(outboxEntryOf) : [], hasMore: typeof cookie === 'string' && cookie !== '' };
}

/** One outbox message, with its body while the outbox keeps it. */
export async function readOutboxMessage(id: string): Promise<OutboxEntry> {
  return outboxEntryOf(await call('GET', `${OUTBOX}/${encodeURIComponent(id)}`));
}

/** Makes a failing message due now (409 with the reason otherwise). */
export async function retryOutboxMessage(id: string): Promise<OutboxEntry> {
  return outboxEntryOf(await call('POST', `${OUTBOX}/${encodeURIComponent(id)}?_action=retry`, {}));
}
