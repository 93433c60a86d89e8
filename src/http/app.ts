/**
 * The Fastify application: body parsing with clear 4xx errors, CORS with credentials, the AM
 * and IDM routes, health, and one error handler that answers every failure with `{code, reason, message}`.
 */
import cors from '@fastify/cors';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from './app-deps.ts';
import { errorBody, isHttpError, reasonOf } from './errors.ts';
import { parseJsonBody } from './parse-json-body.ts';
import { requestLogOptions } from './request-log-options.ts';
import { registerRequestIdHeader, requestIdOf } from './request-id.ts';
import { registerSecurityHeaders, securityHeaders } from './security-headers.ts';
import { registerNulRefusal } from './refuse-nul-input.ts';
import { registerAmRoutes } from './am/am-routes.ts';
import { registerRpJwkUriRoutes } from './am/rp-jwk-uri-route.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { registerIdmRoutes } from './idm/idm-routes.ts';
import { registerSelfServiceRoutes } from './selfservice/self-service-routes.ts';
import { registerEmailRoutes } from './selfservice/email-routes.ts';
import { requireAdministrator } from './selfservice/self-service-route.ts';
import { journeyErrorStatus } from './am/journey-error-status.ts';
import { isJourneyError } from '../journeys/engine/errors.ts';
import { isIdentityError } from '../identity/errors.ts';
import { isRetryLaterError, retryLaterError } from '../identity/retry-later-error.ts';
import { sendRetryLater } from './send-retry-later.ts';
import { registerLoginPages } from '../pages/login-pages.ts';
import { registerAccountPages } from '../pages/account/account-pages.ts';
import { registerAdminApp } from './admin-app-route.ts';
import { registerAuditRoutes } from './audit/audit-routes.ts';
import { registerEmailAdminRoutes } from './selfservice/email-admin-routes.ts';
import { registerJourneyTransferRoutes } from './am/admin/journey-transfer-routes.ts';
import { registerAdminSessionsRoutes } from './am/admin-sessions-routes.ts';
import { registerSocialDiscoveryRoute } from './am/social-provider-discovery-route.ts';
import { registerTermsPreviewRoute } from './selfservice/terms-preview-route.ts';
import { isStoreConnectionError } from '../store/store-connection-error.ts';

const ALLOWED_HEADERS = [
  'authorization',
  'accept',
  'accept-api-version',
  'content-type',
  'x-requested-with',
  'x-requested-platform',
  'if-match',
  'if-none-match',
  'cache-control',
  'x-openam-username',
  'x-openam-password',
  'x-openidm-username',
  'x-openidm-password',
  'x-openidm-nosession',
  'x-openidm-reauth-password',
];

function parseJson(request: FastifyRequest, text: string, done: (error: Error | null, body?: unknown) => void): void {
  let body: unknown;
  try {
    body = parseJsonBody(text);
  } catch (error) {
    return done(error as Error);
  }
  done(null, body);
}

function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isHttpError(error)) {
    // A server-side failure's own words stay in the log: a 5xx body says only what happened.
    if (error.status >= 500 && error.status !== 503) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(error.status).send(errorBody(error.status, reasonOf(error.status)));
    }
    return reply.code(error.status).send(error.body);
  }
  if (isRetryLaterError(error)) return sendRetryLater(reply, error);
  // An object that kept changing under concurrent writes (the same user signing in on several
  // nodes at once): nothing was half written; the client retries.
  if (isIdentityError(error, 'CONCURRENT_UPDATE')) {
    request.log.warn({ err: error }, 'concurrent updates');
    return sendRetryLater(reply, retryLaterError('OVERLOADED', 'The account is being changed by other requests; try again in a moment', 1));
  }
  // The database or Redis is out (or too slow): a bare 503, the reason for the operator's log only.
  if (isStoreConnectionError(error)) {
    request.log.warn({ err: error }, 'store unavailable');
    return reply.code(503).send(errorBody(503, 'Service Unavailable'));
  }
  if (isJourneyError(error)) {
    const { status, detail } = journeyErrorStatus(error.code);
    if (status >= 500) {
      request.log.error({ err: error }, 'journey failed');
      return reply.code(status).send(errorBody(status, reasonOf(status)));
    }
    return reply.code(status).send(errorBody(status, error.message, detail));
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (error as { code?: unknown }).code;
    const message = code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `Request body is larger than the limit of ${request.routeOptions.bodyLimit ?? 0} bytes` : (error as Error).message;
    return reply.code(status).send(errorBody(status, message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody(500, 'Internal Server Error'));
}

/** Builds the app; `listen` is the caller's business. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: requestLogOptions(deps.logger, deps.settings.cookieName),
    trustProxy: deps.settings.trustProxy,
    bodyLimit: deps.settings.bodyLimit,
    // A request that reaches a closing Arbor is still answered (with Connection: close): under
    // `--workers` the primary may hand a worker a connection just as it begins to close, and a
    // rolling restart must not turn that into a 503 (the store closes only after the answers).
    return503OnClosing: false,
    // A caller's safe X-Request-ID is kept (the logs join up), else one is made; answered in X-Request-ID.
    genReqId: requestIdOf,
    // A path that is not valid percent-encoded UTF-8: the router's 400, in ForgeRock's error body.
    frameworkErrors: (error, _request, reply) => {
      // Routing failed, so no hook ran: the security headers are set here.
      (reply as FastifyReply).code(400).headers(securityHeaders(deps.settings.publicUrl)).send(errorBody(400, error.message));
    },
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => parseJson(request, String(body), done));
  registerRequestIdHeader(app);
  registerSecurityHeaders(app, deps.settings);
  registerNulRefusal(app);
  const origins = new Set(deps.settings.corsOrigins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && origins.has(origin)),
    credentials: true,
    allowedHeaders: ALLOWED_HEADERS,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody(404, `Resource ${request.method} ${request.url.split('?')[0]} not found`)));
  registerHealthRoutes(app, deps);
  registerAmRoutes(app, deps);
  registerRpJwkUriRoutes(app, deps);
  await registerIdmRoutes(app, deps);
  registerSelfServiceRoutes(app, deps);
  registerEmailRoutes(app, deps);
  await registerLoginPages(app, deps);
  await registerAccountPages(app, deps);
  registerAdminApp(app);
  registerAuditRoutes(app, deps);
  registerEmailAdminRoutes(app, deps);
  registerJourneyTransferRoutes(app, { journeyTransfer: deps.journeyTransfer, realms: deps.realms, requireAdministrator: (request, realm) => requireAdministrator(deps, request, realm) });
  registerAdminSessionsRoutes(app, deps);
  registerSocialDiscoveryRoute(app, { requireAdministrator: (request, realm) => requireAdministrator(deps, request, realm), realms: deps.realms, outboundNetworks: deps.settings.outboundNetworks });
  registerTermsPreviewRoute(app, deps);
  const capabilityHttp = { requireAdministrator: (request: FastifyRequest, realm?: string) => requireAdministrator(deps, request, realm) };
  for (const routes of deps.extraRoutes ?? []) await routes(app, capabilityHttp);
  return app;
}
