/**
 * The realms' OpenID providers in Fastify, at AM's paths: under `/am/oauth2/realms/root` (root)
 * and `/am/oauth2/realms/root/realms/<r>`, each path one of the provider's (discovery,
 * `authorize`, `access_token`, `userinfo`, `token/revoke`, `introspect`, `connect/endSession`,
 * `connect/jwk_uri`, `device/code`, `device/user`) is handed, raw, to the realm's oidc-provider
 * (Koa): Fastify reads no body there (the provider parses its own) and the reply is hijacked.
 * `<base>/interaction/<uid>` is Arbor's: the sign-in runs as a journey on Arbor's login page
 * (oidc/interactions.ts) and comes back there; a consent prompt shows Arbor's consent page there,
 * whose form posts back to it (oidc/consent-interaction.ts). A POST to `<base>/authorize` is AM's
 * native decision form, turned into the provider's GET authorization (oidc/decision-form.ts).
 * The provider's own pages get the realm's look through the raw request (oidc/provider-pages.ts).
 * An unknown realm answers 404 in AM's shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { RealmConfig } from '../../config/realm-config.ts';
import { httpError } from '../../http/errors.ts';
import { oauth2BasePath } from '../../oidc/am-oauth2-paths.ts';
import type { ArborLoginReader } from '../../oidc/arbor-login.ts';
import { answerConsent, type ConsentAnswer, showConsent } from '../../oidc/consent-interaction.ts';
import { acceptDecisionForm, readFormBody } from '../../oidc/decision-form.ts';
import { interactionStep, journeyFor, loginPageUrl } from '../../oidc/interactions.ts';
import { rememberPageLook } from '../../oidc/provider-pages.ts';
import { consentProblemDocument } from '../../pages/consent-document.ts';
import { pageLookOf, providerPageContext, providerPageHeaders } from '../../pages/oidc-page-look.ts';
import type { PageContext } from '../../pages/page-document.ts';
import { crossSitePost } from '../../pages/page-csrf.ts';
import { chosenLanguageCookie, requestLanguage } from '../../pages/page-query.ts';
import type { RealmProviders } from './realm-providers.ts';
import { logProviderErrors, rememberRequestLog } from './provider-error-log.ts';

/** What the routes need. */
export interface OidcRouteDeps {
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  providers: RealmProviders;
  readLogin: ArborLoginReader;
  /** The realm's `acr` → journey map. */
  acrJourneys(realm: string): Promise<Readonly<Record<string, string>>>;
}

/** The provider's paths under a realm's base (oidc-provider's routes with AM's names; `:uid` segments). */
const PROVIDER_PATHS = [
  '/.well-known/openid-configuration',
  '/authorize',
  '/authorize/:uid',
  '/access_token',
  '/userinfo',
  '/token/revoke',
  '/introspect',
  '/connect/endSession',
  '/connect/endSession/confirm',
  '/connect/endSession/success',
  '/connect/jwk_uri',
  '/device/code',
  '/device/user',
  '/device/user/:uid',
];

const BASES = ['/am/oauth2/realms/root', '/am/oauth2/realms/root/realms/:realm'];

const UID = /^[A-Za-z0-9_-]{1,64}$/;

function realmParam(request: FastifyRequest): string {
  const params = request.params as Record<string, unknown>;
  const value = Object.hasOwn(params, 'realm') ? params.realm : undefined;
  return typeof value === 'string' ? value : 'root';
}

const callbacks = new WeakMap<Provider, (req: IncomingMessage, res: ServerResponse) => Promise<void>>();

/** Requests from an origin Arbor's CORS settings allow with credentials (`ARBOR_CORS_ORIGINS`). */
const credentialedOrigins = new WeakSet<IncomingMessage>();

function callbackOf(provider: Provider): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let callback = callbacks.get(provider);
  if (callback === undefined) {
    // oidc-provider's CORS never allows credentials; the ForgeRock SDK's userinfo, revoke and
    // endSession calls are credentialed (as with AM): an allowed origin is told so, as Arbor's CORS does.
    provider.use(async (ctx, next) => {
      await next();
      const origin = ctx.get('Origin');
      if (origin !== '' && credentialedOrigins.has(ctx.req) && ctx.response.get('Access-Control-Allow-Origin') === origin) ctx.set('Access-Control-Allow-Credentials', 'true');
    });
    logProviderErrors(provider);
    const handler = provider.callback();
    callback = async (req, res) => {
      await handler(req, res);
    };
    callbacks.set(provider, callback);
  }
  return callback;
}

/** Sends a consent page (with the pages' headers), or finishes the interaction with the consent's result. */
async function sendConsent(provider: Provider, request: FastifyRequest, reply: FastifyReply, context: PageContext, answer: ConsentAnswer): Promise<FastifyReply | undefined> {
  if (answer.kind === 'page') return reply.code(answer.status).headers(providerPageHeaders(context, answer.formTarget)).send(answer.html);
  reply.hijack();
  await provider.interactionFinished(request.raw, reply.raw, answer.result, { mergeWithLastSubmission: false });
  return undefined;
}

/** Registers the provider paths and the interaction route of every realm. */
export async function registerOidcRoutes(app: FastifyInstance, deps: OidcRouteDeps): Promise<void> {
  const realmOf = async (request: FastifyRequest): Promise<RealmConfig> => {
    const name = realmParam(request);
    const realm = name === 'root' && request.url.startsWith('/am/oauth2/realms/root/realms/') ? undefined : await deps.realms.get(name);
    if (realm === undefined) throw httpError(404, `Realm /${name === 'root' ? '' : name} not found`);
    return realm;
  };

  const toProvider = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const realm = await realmOf(request);
    const provider = await deps.providers.providerOf(realm.name);
    const raw = request.raw;
    const url = raw.url ?? '/';
    const base = oauth2BasePath(realm.name);
    // The provider sees its own path; `originalUrl` tells it where it is mounted (its URLs keep AM's paths).
    Object.assign(raw, { originalUrl: url, url: url.slice(base.length) || '/' });
    rememberPageLook(raw, () => pageLookOf(realm));
    rememberRequestLog(raw, request.log);
    if (raw.method === 'POST' && new URL(raw.url ?? '/', 'http://arbor').pathname === '/authorize') {
      // AM's native decision form (decision=allow&csrf=<tokenId>): the provider takes no POST here.
      const found = await deps.readLogin(raw);
      await acceptDecisionForm(raw, '/authorize', found?.realm === realm.name ? found : undefined);
    }
    if (reply.getHeader('access-control-allow-credentials') === 'true') credentialedOrigins.add(raw);
    reply.hijack();
    await callbackOf(provider)(raw, reply.raw);
  };

  const interaction = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const realm = await realmOf(request);
    const params = request.params as Record<string, unknown>;
    const uid = Object.hasOwn(params, 'uid') && typeof params.uid === 'string' && UID.test(params.uid) ? params.uid : undefined;
    if (uid === undefined) throw httpError(400, 'Invalid interaction');
    const provider = await deps.providers.providerOf(realm.name);
    const back = `${oauth2BasePath(realm.name)}/interaction/${uid}`;
    const context = providerPageContext(pageLookOf(realm), requestLanguage(request), back);
    const remembered = chosenLanguageCookie({ secureCookie: provider.issuer.startsWith('https:') }, request);
    if (remembered !== undefined) reply.header('set-cookie', remembered);
    const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
    if (details === undefined || details.uid !== uid) return sendConsent(provider, request, reply, context, { kind: 'page', status: 400, html: consentProblemDocument(context, 'expired') });
    const found = await deps.readLogin(request.raw);
    const login = found?.realm === realm.name ? found : undefined;
    if (request.method === 'POST') {
      const form = await readFormBody(request.raw, 8 * 1024);
      const crossSite = crossSitePost(request.headers, provider.issuer, `${request.protocol}://${request.host}`);
      return sendConsent(provider, request, reply, context, await answerConsent(provider, details, login, form, crossSite, context));
    }
    const journey = journeyFor(details.params, await deps.acrJourneys(realm.name), realm.journeys.defaultTree);
    const step = interactionStep({ prompt: details.prompt.name, reasons: details.prompt.reasons, startedAt: details.iat, params: details.params, accountId: details.session?.accountId }, login, journey);
    if (step.kind === 'consent' && login !== undefined) return sendConsent(provider, request, reply, context, await showConsent(provider, details, login, context, back));
    if (step.kind === 'journey') {
      return reply.code(303).header('cache-control', 'no-store').header('location', loginPageUrl(realm.name, step.journey, back)).send();
    }
    reply.hijack();
    const result = step.kind === 'login' ? { login: step.login } : step.kind === 'error' ? { error: step.error, error_description: step.description } : { error: 'login_required', error_description: 'no sign-in' };
    await provider.interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
    return undefined;
  };

  await app.register(async (scope) => {
    // oidc-provider reads its own request bodies: no parser of Fastify's touches them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    for (const base of BASES) {
      for (const path of PROVIDER_PATHS) scope.route({ method: ['GET', 'POST'], url: `${base}${path}`, handler: toProvider });
      scope.route({ method: ['GET', 'POST'], url: `${base}/interaction/:uid`, handler: interaction });
    }
  });
}
