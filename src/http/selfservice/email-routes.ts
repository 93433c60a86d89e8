/**
 * IDM's email surface, administrators only: `GET/PUT /openidm/config/external.email` (the SMTP
 * password is stored but never answered; a PUT without one keeps the stored one),
 * `GET/PUT/DELETE /openidm/config/emailTemplate/<name>`, and
 * `POST /openidm/external/email?_action=send|sendTemplate` (queued to the outbox, not sent inline).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { EmailConfigAdmin } from '../../selfservice/email/email-config-admin.ts';
import type { EmailService } from '../../selfservice/email/email-service.ts';
import type { OutboxAdmin } from '../../selfservice/email/outbox-admin.ts';
import { EMAIL_SETTINGS_CONFIG_ID } from '../../selfservice/email/email-settings.ts';
import { templateConfigId } from '../../selfservice/email/email-template.ts';
import type { EmailErrorCode } from '../../selfservice/email/errors.ts';
import { isEmailError } from '../../selfservice/email/errors.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { requireAdmin } from '../idm/authorize.ts';
import { resolveCaller } from '../idm/idm-caller.ts';
import { parseAcceptLanguage } from '../request-facts.ts';

/** What the email routes are built from. */
export interface EmailRouteDeps {
  service: EmailService;
  config: EmailConfigAdmin;
  /** The outbox for administrators (`endpoint/outbox`, see email-admin-routes.ts); those routes answer 503 without it. */
  outbox?: OutboxAdmin;
}

const STATUS: Record<EmailErrorCode, number> = {
  INVALID_EMAIL_SETTINGS: 400,
  INVALID_EMAIL_TEMPLATE: 400,
  INVALID_TEMPLATE_NAME: 400,
  INVALID_MESSAGE: 400,
  // The stored template is at fault, not the request.
  TEMPLATE_RENDER_FAILED: 500,
};

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** Administrators only; email errors become 400 (or 500) naming the field at fault in `detail.field`. */
function adminRoute(deps: AppDeps, handler: Handler): RouteHandlerMethod {
  return async (request, reply) => {
    try {
      requireAdmin(await resolveCaller(deps, request));
      return await handler(request, reply);
    } catch (error) {
      if (!isEmailError(error)) throw error;
      throw httpError(STATUS[error.code], error.message, error.field === undefined || error.field === '' ? undefined : { field: error.field });
    }
  };
}

function bodyObject(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw httpError(400, 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw httpError(400, `${name} is required`, { field: name });
    return undefined;
  }
  if (typeof value !== 'string') throw httpError(400, `${name} must be a string`, { field: name });
  return value;
}

function nameOf(request: FastifyRequest): string {
  return (request.params as { name?: string }).name ?? '';
}

async function send(email: EmailService, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = bodyObject(request);
  const from = stringField(body, 'from', false);
  const type = stringField(body, 'type', false);
  const { id } = await email.send({
    to: body.to,
    cc: body.cc,
    bcc: body.bcc,
    subject: stringField(body, 'subject', true) ?? '',
    body: stringField(body, 'body', true) ?? '',
    ...(from === undefined ? {} : { from }),
    ...(type === undefined ? {} : { type }),
  });
  return reply.send({ status: 'OK', message: 'Email sent', outboxId: id });
}

async function sendTemplate(email: EmailService, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = bodyObject(request);
  const templateName = stringField(body, 'templateName', true) ?? '';
  templateConfigId(templateName);
  const object = body.object ?? {};
  if (typeof object !== 'object' || object === null || Array.isArray(object)) throw httpError(400, 'object must be a JSON object', { field: 'object' });
  const requested = stringField(body, '_locale', false);
  const locales = [...parseAcceptLanguage(request.headers['accept-language']), ...(requested === undefined ? [] : [requested])];
  const result = await email.queueTemplate({ templateName, to: body.to, cc: body.cc, bcc: body.bcc, object: object as Record<string, unknown>, locales });
  if (!result.queued && result.reason === 'missing') throw httpError(404, `Email template ${templateName} not found`);
  if (!result.queued) throw httpError(400, `Email template ${templateName} is disabled`, { field: 'templateName' });
  return reply.send({ status: 'OK', message: 'Email sent', outboxId: result.id, locale: result.locale });
}

/** Registers the email routes. */
export function registerEmailRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Read per request: the composition root may wire `email` after the routes exist.
  const email = (): EmailRouteDeps => deps.email;
  const settingsUrl = `/openidm/config/${EMAIL_SETTINGS_CONFIG_ID}`;
  app.get(
    settingsUrl,
    adminRoute(deps, async (_request, reply) => {
      const settings = await email().config.settings();
      if (settings === undefined) throw httpError(404, `No configuration exists with id ${EMAIL_SETTINGS_CONFIG_ID}`);
      return reply.send({ _id: EMAIL_SETTINGS_CONFIG_ID, ...settings });
    }),
  );
  app.put(
    settingsUrl,
    adminRoute(deps, async (request, reply) => reply.send({ _id: EMAIL_SETTINGS_CONFIG_ID, ...(await email().config.putSettings(request.body)) })),
  );

  const templateUrl = '/openidm/config/emailTemplate/:name';
  app.get(
    templateUrl,
    adminRoute(deps, async (request, reply) => {
      const name = nameOf(request);
      const template = await email().config.template(name);
      if (template === undefined) throw httpError(404, `No configuration exists with id ${templateConfigId(name)}`);
      return reply.send({ _id: templateConfigId(name), ...template });
    }),
  );
  app.put(
    templateUrl,
    adminRoute(deps, async (request, reply) => {
      const name = nameOf(request);
      return reply.send({ _id: templateConfigId(name), ...(await email().config.putTemplate(name, request.body)) });
    }),
  );
  app.delete(
    templateUrl,
    adminRoute(deps, async (request, reply) => {
      const name = nameOf(request);
      const deleted = await email().config.deleteTemplate(name);
      if (deleted === undefined) throw httpError(404, `No configuration exists with id ${templateConfigId(name)}`);
      return reply.send({ _id: templateConfigId(name), ...deleted });
    }),
  );

  app.post(
    '/openidm/external/email',
    adminRoute(deps, async (request, reply) => {
      const action = (request.query as Record<string, unknown> | undefined)?._action;
      if (action === 'send') return send(email().service, request, reply);
      if (action === 'sendTemplate') return sendTemplate(email().service, request, reply);
      throw httpError(400, `Unknown _action ${typeof action === 'string' ? action : '(none)'}; use send or sendTemplate`);
    }),
  );
}
