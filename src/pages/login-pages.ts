/**
 * The journey pages (`/login`): a journey's current step rendered as an HTML form on the server,
 * through the same journey service the REST API uses, and the posted form answered as the next
 * step. The authId travels in a hidden field with a CSRF token bound to it and to the browser
 * (`page-csrf.ts`); a success sets the session cookie the REST route sets and redirects (303) to
 * `goto` when the realm allows it, else to `/login/done`. A RedirectCallback step (social sign-in)
 * keeps the step in a cookie (`social-return.ts`) and sends the browser to the provider; the
 * provider's answer comes back to `GET /login?code=…&state=…`, which posts the kept step again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowedRedirect } from '../config/allowed-redirect.ts';
import type { RealmConfig } from '../config/realm-config.ts';
import { realmPath } from '../config/realm-config.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { redirectRulesOf } from '../http/am/redirect-targets.ts';
import { sessionCookie } from '../http/cookies.ts';
import { parseAcceptLanguage, requestFacts } from '../http/request-facts.ts';
import { sessionTokenOf } from '../http/session-token.ts';
import { isJourneyError } from '../journeys/engine/errors.ts';
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import type { JourneyResponse } from '../journeys/engine/journey-service.ts';
import type { ExistingSession } from '../journeys/engine/node-context.ts';
import { crossSitePost, csrfKeyOf, csrfToken, csrfTokenMatches, newCsrfKey } from './page-csrf.ts';
import type { PageContext } from './page-document.ts';
import { doneDocument, errorDocument, postRedirectDocument, STYLESHEET_PATH, stepDocument } from './page-document.ts';
import { PAGE_STYLESHEET } from './page-stylesheet.ts';
import { readPageForm } from './read-page-form.ts';
import type { TermsRenderer } from './render-callbacks.ts';
import { clearReturnCookie, readReturnStep, returnCookie } from './social-return.ts';

/** The Content-Security-Policy of a page; `formTarget` adds the origin a form's success may redirect to. */
export function pageCsp(formTarget?: string): string {
  const formAction = formTarget === undefined ? "'self'" : `'self' ${formTarget}`;
  return `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`;
}

const TREE_NAME = /^[^\p{Cc}\p{Cf}<>"'&\\/]{1,200}$/u;
const REALM_NAME = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,8}$/;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}$/;

/** A realm as `realm=` names it (`/alpha`, `alpha`, `/`, `root`), or undefined when malformed. */
function realmNameOf(value: string | undefined): string | undefined {
  const name = (value ?? '/').replace(/^\/+/, '').replace(/^root(\/|$)/, '');
  if (name === '') return 'root';
  return REALM_NAME.test(name) ? name : undefined;
}

/** A query parameter given once, '' when absent, undefined when repeated. */
function queryValue(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const value = query !== undefined && Object.hasOwn(query, name) ? query[name] : '';
  return typeof value === 'string' ? value : undefined;
}

function languageOf(request: FastifyRequest): string {
  const header = request.headers['accept-language'];
  const best = parseAcceptLanguage(typeof header === 'string' ? header : undefined)[0];
  return best !== undefined && LANGUAGE_TAG.test(best) ? best : 'en';
}

async function existingSession(deps: AppDeps, request: FastifyRequest): Promise<ExistingSession | undefined> {
  const token = sessionTokenOf(request, deps.settings.cookieName);
  if (token === undefined) return undefined;
  const session = await deps.sessions.validate(token);
  if (session === undefined) return undefined;
  return { username: session.username, userId: session.userId, realm: session.realm, properties: session.properties };
}

let termsRenderer: Promise<TermsRenderer> | undefined;

/** The terms service's Markdown renderer, loaded with the first step that shows terms. */
async function termsRendererFor(result: JourneyResponse): Promise<TermsRenderer> {
  if (result.kind !== 'step' || !result.callbacks.some((callback) => callback.type === 'TermsAndConditionsCallback')) return () => '';
  termsRenderer ??= import('../selfservice/terms/render-terms-html.ts').then((module) => module.renderTermsHtml);
  return termsRenderer;
}

function sendPage(reply: FastifyReply, status: number, html: string, formTarget?: string): FastifyReply {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', pageCsp(formTarget)).send(html);
}

/** One page request: its realm, journey, browser key and goto. */
interface PageRequest {
  deps: AppDeps;
  realm: RealmConfig;
  context: PageContext;
  csrfKey: string;
  /** The allowed, normalized `goto`, or ''. */
  goto: string;
}

/** The query parameters a provider's answer comes back to `/login` with. */
const RETURN_PARAMETERS = ['code', 'state', 'error', 'form_post_entry'] as const;

function outputOf(callback: CallbackJson, name: string): unknown {
  return callback.output.find((entry) => entry.name === name)?.value;
}

/**
 * A RedirectCallback step: keeps the step in the return cookie, then sends the browser to the
 * provider, by a 303 (GET) or a page with a "Continue" button posting `redirectData` (POST).
 */
function redirectToProvider(page: PageRequest, reply: FastifyReply, step: { authId: string; callbacks: CallbackJson[] }, callback: CallbackJson): FastifyReply {
  const { deps, context } = page;
  const target = outputOf(callback, 'redirectUrl');
  const url = typeof target === 'string' && URL.canParse(target) ? new URL(target) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return sendPage(reply, 502, errorDocument(context, 'Sign-in failed', 'The identity provider’s address is not valid.'));
  }
  const cookie = returnCookie(deps.settings, page.csrfKey, { authId: step.authId, realm: context.realmPath, journey: context.journey, goto: page.goto, types: step.callbacks.map((entry) => entry.type) });
  if (cookie === undefined) return sendPage(reply, 500, errorDocument(context, 'Something went wrong', 'The sign-in could not be kept for the way back.'));
  reply.header('set-cookie', cookie).header('cache-control', 'no-store');
  if (outputOf(callback, 'redirectMethod') !== 'POST') return reply.code(303).header('location', url.href).send();
  const raw = outputOf(callback, 'redirectData');
  const data: Record<string, string> = {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [name, value] of Object.entries(raw)) if (typeof value === 'string') data[name] = value;
  }
  return sendPage(reply, 200, postRedirectDocument(context, url.href, data), url.origin);
}

async function answer(page: PageRequest, reply: FastifyReply, result: JourneyResponse, notice?: string): Promise<FastifyReply> {
  const { deps, realm, context } = page;
  switch (result.kind) {
    case 'step': {
      const redirect = result.callbacks.find((callback) => callback.type === 'RedirectCallback');
      if (redirect !== undefined) return redirectToProvider(page, reply, result, redirect);
      const renderTerms = await termsRendererFor(result);
      const html = stepDocument(context, result, { csrf: csrfToken(page.csrfKey, result.authId), goto: page.goto, renderTerms, ...(notice === undefined ? {} : { notice }) });
      const target = /^https?:\/\//i.test(page.goto) ? new URL(page.goto).origin : undefined;
      return sendPage(reply, 200, html, target);
    }
    case 'success': {
      if (result.tokenId !== undefined) reply.header('set-cookie', sessionCookie(deps.settings, result.tokenId));
      const target = allowedRedirect(page.goto === '' ? undefined : page.goto, redirectRulesOf(deps.settings, realm)) ?? `/login/done?${new URLSearchParams({ realm: context.realmPath }).toString()}`;
      return reply.code(303).header('location', target).send();
    }
    case 'failure':
      return sendPage(reply, 401, errorDocument(context, 'Sign-in failed', result.message));
  }
}

/** Renders a journey error as a page; a timed-out or replayed step starts the journey again with a message. */
async function answerError(page: PageRequest, request: FastifyRequest, reply: FastifyReply, error: unknown, restarting = false): Promise<FastifyReply> {
  if (!isJourneyError(error)) throw error;
  const { context } = page;
  switch (error.code) {
    case 'AUTH_ID_EXPIRED':
    case 'AUTH_ID_INVALID':
    case 'AUTH_ID_MALFORMED':
    case 'TREE_REVISION_GONE':
      if (context.journey === '' || restarting) return sendPage(reply, 401, errorDocument(context, 'Please start again', 'This page has expired.'));
      return startJourney(page, request, reply, 'This page expired or was already used. Please start again.');
    case 'SUSPENDED_ID_INVALID':
      return sendPage(reply, 401, errorDocument(context, 'Link expired', 'This link has expired or has already been used.'));
    case 'TREE_NOT_FOUND':
    case 'TREE_DISABLED':
    case 'TREE_INNER_ONLY':
      return sendPage(reply, 404, errorDocument({ ...context, journey: '' }, 'Not found', error.message));
    case 'BAD_SUBMISSION':
      return sendPage(reply, 400, errorDocument(context, 'The form could not be read', error.message));
    default:
      request.log.error({ err: error }, 'journey failed');
      return sendPage(reply, 500, errorDocument(context, 'Something went wrong', 'The journey could not continue.'));
  }
}

async function startJourney(page: PageRequest, request: FastifyRequest, reply: FastifyReply, notice?: string, suspendedId?: string): Promise<FastifyReply> {
  const { deps, realm, context } = page;
  const facts = requestFacts(request, realm.name, await existingSession(deps, request), deps.settings);
  let result: JourneyResponse;
  try {
    result =
      suspendedId === undefined
        ? await deps.journeys.start({ realm, authIndexType: 'service', authIndexValue: context.journey, request: facts, noSession: false, ...(page.goto === '' ? {} : { successUrl: page.goto }) })
        : await deps.journeys.resume({ realm, suspendedId, request: facts });
  } catch (error) {
    return answerError(page, request, reply, error, notice !== undefined);
  }
  return answer(page, reply, result, notice);
}

function baseContext(request: FastifyRequest, realmName: string, journey: string): PageContext {
  return { lang: languageOf(request), realmPath: realmPath(realmName), journey };
}

/** Registers `/login`, `/login/done` and the stylesheet. */
export async function registerLoginPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const fallback = (request: FastifyRequest): PageContext => ({ lang: languageOf(request), realmPath: '/', journey: '' });
  const browserKey = (request: FastifyRequest, reply: FastifyReply): string => {
    const known = csrfKeyOf(request.headers.cookie);
    if (known !== undefined) return known;
    const fresh = newCsrfKey(deps.settings);
    reply.header('set-cookie', fresh.cookie);
    return fresh.key;
  };

  await app.register(async (scope) => {
    // Pages post forms: the parser lives in this scope only, so no other route takes form bodies.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.get(STYLESHEET_PATH, (_request, reply) =>
      reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').header('content-security-policy', "default-src 'none'; frame-ancestors 'none'").send(PAGE_STYLESHEET),
    );

    /** The provider's answer: posts the step kept in the return cookie again, with the answer in the query. */
    const comeBack = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const key = csrfKeyOf(request.headers.cookie);
      const kept = readReturnStep(request.headers.cookie, key);
      reply.header('set-cookie', clearReturnCookie(deps.settings)).header('cache-control', 'no-store');
      const realmName = realmNameOf(kept?.realm ?? (queryValue(request, 'realm') || undefined));
      const realm = realmName === undefined ? undefined : await deps.realms.get(realmName);
      if (kept === undefined || key === undefined || realm === undefined) {
        const context = realm === undefined ? fallback(request) : baseContext(request, realm.name, realm.journeys.defaultTree);
        return sendPage(reply, 400, errorDocument(context, 'Please start again', 'This sign-in can no longer be resumed (it was already used, or it began in another browser). Please start again.'));
      }
      const journey = TREE_NAME.test(kept.journey) ? kept.journey : '';
      const goto = allowedRedirect(kept.goto || undefined, redirectRulesOf(deps.settings, realm)) ?? '';
      const page: PageRequest = { deps, realm, context: baseContext(request, realm.name, journey), csrfKey: key, goto };
      const facts = requestFacts(request, realm.name, await existingSession(deps, request), deps.settings);
      let result: JourneyResponse;
      try {
        result = await deps.journeys.continue({ realm, authId: kept.authId, callbacks: kept.types.map((type) => ({ type, input: [] })), request: facts });
      } catch (error) {
        return answerError(page, request, reply, error, true);
      }
      return answer(page, reply, result);
    };

    scope.get('/login', async (request, reply) => {
      const given = request.query as Record<string, unknown> | undefined;
      if (given !== undefined && RETURN_PARAMETERS.some((name) => Object.hasOwn(given, name))) return comeBack(request, reply);
      const names = ['realm', 'authIndexType', 'authIndexValue', 'journey', 'suspendedId', 'goto'] as const;
      const query = Object.fromEntries(names.map((name) => [name, queryValue(request, name)]));
      if (names.some((name) => query[name] === undefined)) return sendPage(reply, 400, errorDocument(fallback(request), 'Bad request', 'A query parameter was given more than once.'));
      const realmName = realmNameOf(query.realm === '' ? undefined : query.realm);
      const realm = realmName === undefined ? undefined : await deps.realms.get(realmName);
      if (realm === undefined) return sendPage(reply, 404, errorDocument(fallback(request), 'Not found', 'There is no such realm.'));
      if (query.authIndexType !== '' && query.authIndexType !== 'service') return sendPage(reply, 400, errorDocument(fallback(request), 'Bad request', 'Only authIndexType=service is supported.'));
      const journey = query.authIndexValue || query.journey || realm.journeys.defaultTree;
      if (!TREE_NAME.test(journey)) return sendPage(reply, 400, errorDocument(fallback(request), 'Bad request', 'The journey name is not valid.'));
      const goto = allowedRedirect(query.goto || undefined, redirectRulesOf(deps.settings, realm)) ?? '';
      const page: PageRequest = { deps, realm, context: baseContext(request, realm.name, journey), csrfKey: browserKey(request, reply), goto };
      return startJourney(page, request, reply, undefined, query.suspendedId || undefined);
    });

    scope.post('/login', async (request, reply) => {
      const form = readPageForm(request.body);
      if (form === undefined) return sendPage(reply, 400, errorDocument(fallback(request), 'Bad request', 'The form could not be read.'));
      const realmName = realmNameOf(form.realm);
      const realm = realmName === undefined ? undefined : await deps.realms.get(realmName);
      if (realm === undefined) return sendPage(reply, 404, errorDocument(fallback(request), 'Not found', 'There is no such realm.'));
      const journey = TREE_NAME.test(form.journey) ? form.journey : '';
      const context = baseContext(request, realm.name, journey);
      const ownOrigin = `${request.protocol}://${request.host}`;
      const key = csrfKeyOf(request.headers.cookie);
      if (crossSitePost(request.headers, deps.settings.publicUrl, ownOrigin) || !csrfTokenMatches(key, form.authId, form.csrf)) {
        return sendPage(reply, 403, errorDocument(context, 'Please start again', 'This form could not be verified (it may come from another site or an old page).'));
      }
      const goto = allowedRedirect(form.goto || undefined, redirectRulesOf(deps.settings, realm)) ?? '';
      const page: PageRequest = { deps, realm, context, csrfKey: key ?? browserKey(request, reply), goto };
      const facts = requestFacts(request, realm.name, await existingSession(deps, request), deps.settings);
      let result: JourneyResponse;
      try {
        result = await deps.journeys.continue({ realm, authId: form.authId, callbacks: form.callbacks, request: facts });
      } catch (error) {
        return answerError(page, request, reply, error);
      }
      return answer(page, reply, result);
    });

    scope.get('/login/done', async (request, reply) => {
      const realmName = realmNameOf(queryValue(request, 'realm') || undefined) ?? 'root';
      const session = await existingSession(deps, request);
      return sendPage(reply, 200, doneDocument(baseContext(request, realmName, ''), session?.username));
    });
  });
}
