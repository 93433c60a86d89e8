/**
 * The admin app's email REST, administrators only:
 * - `GET /openidm/config/emailTemplate?_queryFilter=true` lists the templates (name, enabled, locales);
 * - `POST /openidm/config/emailTemplate/<name>?_action=preview` with `{locale?, object?, template?}`
 *   renders the stored template (or the unsaved draft `template`) with the server's own renderer,
 *   as the message would be sent;
 * - `GET /openidm/endpoint/outbox?_queryFilter=true|status eq "<status>"&_pageSize&_pagedResultsOffset`
 *   lists the outbox newest first, without bodies;
 * - `GET /openidm/endpoint/outbox/<id>` reads one message with its body, while the outbox keeps it
 *   (never to a read-only auditor: a body may hold a one-time link, which would let them act);
 * - `POST /openidm/endpoint/outbox/<id>?_action=retry` makes a failing message due now (409 otherwise).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { EmailTemplate } from '../../selfservice/email/email-template.ts';
import { parseEmailTemplate, templateConfigId } from '../../selfservice/email/email-template.ts';
import { isEmailError } from '../../selfservice/email/errors.ts';
import type { OutboxAdmin } from '../../selfservice/email/outbox-admin.ts';
import type { OutboxStatus } from '../../selfservice/email/ports.ts';
import { OUTBOX_STATUSES } from '../../selfservice/email/ports.ts';
import { renderEmail } from '../../selfservice/email/render-email.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { requireAdmin } from '../idm/authorize.ts';
import type { IdmCaller } from '../idm/idm-caller.ts';
import { resolveCaller } from '../idm/idm-caller.ts';

const OUTBOX_URL = '/openidm/endpoint/outbox';
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
const MAX_OFFSET = 1_000_000;

type Handler = (request: FastifyRequest, reply: FastifyReply, caller: IdmCaller) => Promise<FastifyReply>;

/** Administrators only; an email error (a draft that does not parse or render) is a 400 naming its field. */
function adminRoute(deps: AppDeps, handler: Handler): RouteHandlerMethod {
  return async (request, reply) => {
    const caller = await resolveCaller(deps, request);
    requireAdmin(caller);
    try {
      return await handler(request, reply, caller);
    } catch (error) {
      if (!isEmailError(error)) throw error;
      throw httpError(400, error.message, error.field === undefined || error.field === '' ? undefined : { field: error.field });
    }
  };
}

function queryOf(request: FastifyRequest): Record<string, unknown> {
  const query = request.query;
  return typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
}

function ownParam(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function integerParam(query: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const value = ownParam(query, name);
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) throw httpError(400, `${name} must be a whole number from ${min} to ${max}`, { field: name });
  return Number(value);
}

function isStatus(value: string): value is OutboxStatus {
  return (OUTBOX_STATUSES as readonly string[]).includes(value);
}

/** The status a `_queryFilter` selects: `true` (every message) or `status eq "<status>"`. */
export function outboxStatusFilter(filter: unknown): OutboxStatus | undefined {
  if (typeof filter !== 'string') throw httpError(400, '_queryFilter is required: true, or status eq "<status>"', { field: '_queryFilter' });
  const text = filter.trim();
  if (text === 'true') return undefined;
  const match = /^status\s+eq\s+"([a-z]{1,20})"$/.exec(text);
  const status = match?.[1];
  if (status === undefined || !isStatus(status)) throw httpError(400, `_queryFilter must be true or status eq "<status>" with a status of ${OUTBOX_STATUSES.join(', ')}`, { field: '_queryFilter' });
  return status;
}

function outboxOf(deps: AppDeps): OutboxAdmin {
  const outbox = deps.email.outbox;
  if (outbox === undefined) throw httpError(503, 'The outbox is not available on this server');
  return outbox;
}

function idOf(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw httpError(404, `No outbox message with id ${id.slice(0, 64)}`);
  return id;
}

function bodyObject(request: FastifyRequest): Record<string, unknown> {
  const body = request.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw httpError(400, 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Renders the preview a request asks for. */
async function preview(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const name = (request.params as { name?: string }).name ?? '';
  const id = templateConfigId(name);
  const body = bodyObject(request);
  const locale = ownParam(body, 'locale');
  if (locale !== undefined && (typeof locale !== 'string' || locale.length > 35 || !/^[A-Za-z0-9_-]*$/.test(locale))) throw httpError(400, 'locale must be a locale such as en or fr-BE', { field: 'locale' });
  const object = ownParam(body, 'object') ?? {};
  if (typeof object !== 'object' || object === null || Array.isArray(object)) throw httpError(400, 'object must be a JSON object', { field: 'object' });
  const draft = ownParam(body, 'template');
  let template: EmailTemplate | undefined;
  if (draft === undefined) {
    template = await deps.email.config.template(name);
    if (template === undefined) throw httpError(404, `No configuration exists with id ${id}`);
  } else {
    template = parseEmailTemplate(draft);
  }
  const rendered = renderEmail(template, object as Record<string, unknown>, typeof locale === 'string' && locale !== '' ? [locale] : []);
  return reply.send({ _id: id, mimeType: template.mimeType, locale: rendered.locale, subject: rendered.subject, text: rendered.text, ...(rendered.html === undefined ? {} : { html: rendered.html }) });
}

/** Registers the admin app's email routes. */
export function registerEmailAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/openidm/config/emailTemplate',
    adminRoute(deps, async (request, reply) => {
      if (ownParam(queryOf(request), '_queryFilter') !== 'true') throw httpError(400, '_queryFilter=true is required', { field: '_queryFilter' });
      const names = (await deps.email.config.templateNames()).slice(0, 500);
      const result = [];
      for (const name of names) {
        const template = await deps.email.config.template(name).catch(() => undefined);
        result.push(template === undefined ? { _id: templateConfigId(name), name, enabled: false, locales: [], mimeType: 'text/html', valid: false } : { _id: templateConfigId(name), name, enabled: template.enabled, locales: Object.keys(template.message), mimeType: template.mimeType, valid: true });
      }
      return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'EXACT', totalPagedResults: result.length, remainingPagedResults: -1 });
    }),
  );

  app.post(
    '/openidm/config/emailTemplate/:name',
    adminRoute(deps, async (request, reply) => {
      const action = ownParam(queryOf(request), '_action');
      if (action !== 'preview') throw httpError(400, `Unknown _action ${typeof action === 'string' ? action.slice(0, 40) : '(none)'}; use preview`);
      return preview(deps, request, reply);
    }),
  );

  app.get(
    OUTBOX_URL,
    adminRoute(deps, async (request, reply) => {
      const query = queryOf(request);
      const status = outboxStatusFilter(ownParam(query, '_queryFilter'));
      const pageSize = integerParam(query, '_pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      const offset = integerParam(query, '_pagedResultsOffset', 0, 0, MAX_OFFSET);
      const page = await outboxOf(deps).list({ pageSize, offset, ...(status === undefined ? {} : { status }) });
      return reply.send({
        result: page.entries,
        resultCount: page.entries.length,
        pagedResultsCookie: page.hasMore ? String(offset + pageSize) : null,
        totalPagedResultsPolicy: 'NONE',
        totalPagedResults: -1,
        remainingPagedResults: -1,
      });
    }),
  );

  app.get(
    `${OUTBOX_URL}/:id`,
    adminRoute(deps, async (request, reply, caller) => {
      const id = idOf(request);
      const message = await outboxOf(deps).read(id);
      if (message === undefined) throw httpError(404, `No outbox message with id ${id}`);
      if (caller.kind === 'admin' && caller.auditor === true) {
        const { body: _body, ...envelope } = message;
        return reply.send(envelope);
      }
      return reply.send(message);
    }),
  );

  app.post(
    `${OUTBOX_URL}/:id`,
    adminRoute(deps, async (request, reply) => {
      const action = ownParam(queryOf(request), '_action');
      if (action !== 'retry') throw httpError(400, `Unknown _action ${typeof action === 'string' ? action.slice(0, 40) : '(none)'}; use retry`);
      const id = idOf(request);
      const result = await outboxOf(deps).retry(id);
      if (result.retried) return reply.send(result.entry);
      if (result.reason === 'missing') throw httpError(404, `No outbox message with id ${id}`);
      throw httpError(409, result.message);
    }),
  );
}
