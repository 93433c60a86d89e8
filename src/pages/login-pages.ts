/**
 * The journey pages (`/login`): a journey's current step rendered as an HTML form on the server,
 * through the same journey service the REST API uses, and the posted form answered as the next
 * step. The authId travels in a hidden field with a CSRF token bound to it and to the browser
 * (`page-csrf.ts`); a success sets the session cookie the REST route sets and redirects (303) to
 * `goto` when the realm allows it, else to `/login/done`. A RedirectCallback step (social sign-in)
 * keeps the step in a cookie (`social-return.ts`) and sends the browser to the provider; the
 * provider's answer comes back to `GET /login?code=…&state=…`, which posts the kept step again.
 * Pages speak the language `choosePageLanguage` picks (`?locale=` sets the `arbor-locale` cookie),
 * and that language leads the locales the journey sees. Each page carries the realm's theme and
 * the pages' security headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowedRedirect } from '../config/allowed-redirect.ts';
import type { RealmConfig } from '../config/realm-config.ts';
import { realmPath } from '../config/realm-config.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { redirectRulesOf } from '../http/am/redirect-targets.ts';
import { sessionCookie } from '../http/cookies.ts';
import { isHttpError } from '../http/errors.ts';
import { setCookieHeaders } from '../journeys/engine/response-cookie.ts';
import { requestFacts } from '../http/request-facts.ts';
import { existingSession } from '../http/existing-session.ts';
import { isRetryLaterError } from '../identity/retry-later-error.ts';
import { isJourneyError } from '../journeys/engine/errors.ts';
import { isStoreConnectionError } from '../store/store-connection-error.ts';
import { readTermsConfig } from '../selfservice/terms/terms-config.ts';
import type { TermsDisplay } from '../selfservice/terms/terms-display.ts';
import { termsDisplayOf } from '../selfservice/terms/terms-display.ts';
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import type { JourneyResponse } from '../journeys/engine/journey-service.ts';
import type { RequestFacts } from '../journeys/engine/node-context.ts';
import { callbackMessages } from './i18n/callback-messages.ts';
import type { Translate } from './i18n/define-catalog.ts';
import { translator } from './i18n/define-catalog.ts';
import type { LoginMessageId } from './i18n/login-messages.ts';
import { loginText } from './i18n/login-messages.ts';
import type { PageLanguage } from './i18n/page-language.ts';
import { pageLanguageOf } from './i18n/page-language.ts';
import { pageText } from './known-texts.ts';
import { crossSitePost, csrfKeyOf, csrfToken, csrfTokenMatches, newCsrfKey } from './page-csrf.ts';
import { outputValue } from './callback-values.ts';
import type { PageContext } from './page-document.ts';
import { chosenLanguageCookie, queryValue, realmNameOf, requestLanguage } from './page-query.ts';
import { doneDocument, errorDocument, getRedirectDocument, journeyLink, postRedirectDocument, STYLESHEET_PATH, stepDocument } from './page-document.ts';
import { PAGE_STYLESHEET } from './page-stylesheet.ts';
import { logoOrigin, realmThemeOf, themeStylesheet, themeVersion } from './page-theme.ts';
import { PAGE_SCRIPT, PAGE_SCRIPT_PATH } from './page-script.ts';
import type { PageForm } from './read-page-form.ts';
import { readPageForm } from './read-page-form.ts';
import { captchaSources } from './render-captcha.ts';
import type { TermsRenderer } from './render-callbacks.ts';
import { onlyAsksForTerms } from './render-terms-display.ts';
import { clearReturnCookie, readReturnStep, returnCookie } from './social-return.ts';

/**
 * The Content-Security-Policy of a page; `formTarget` adds the origin a form's success may redirect
 * to, `imageOrigin` the https origin of the realm's logo.
 */
export function pageCsp(formTarget?: string, imageOrigin?: string, sources?: PageSources): string {
  const formAction = formTarget === undefined ? "'self'" : `'self' ${formTarget}`;
  const images = imageOrigin === undefined ? "'self' data:" : `'self' data: ${imageOrigin}`;
  const styles = ["'self'", ...(sources?.style ?? [])].join(' ');
  const directive = (name: string, origins: readonly string[]): string => (origins.length === 0 ? '' : `${name} ${origins.join(' ')}; `);
  const scripts = sources === undefined ? '' : directive('script-src', ["'self'", ...sources.script]) + directive('frame-src', sources.frame) + directive('connect-src', sources.connect);
  return `default-src 'none'; ${scripts}style-src ${styles}; img-src ${images}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`;
}

/** What a step page loads besides Arbor's own files: the origins of a CAPTCHA's script, frames, styles and requests. */
export interface PageSources {
  script: string[];
  frame: string[];
  style: string[];
  connect: string[];
}

/** `callback` with its `validateOnly` input set when its main input is one of `names`. */
function validateOnlyAt(callback: PageForm['callbacks'][number], names: readonly string[]): PageForm['callbacks'][number] {
  const name = names.find((candidate) => callback.input.some((entry) => entry.name === candidate));
  if (name === undefined) return callback;
  const flag = `${name}validateOnly`;
  return { ...callback, input: [...callback.input.filter((entry) => entry.name !== flag), { name: flag, value: 'true' }] };
}

/** The page script's sources, with those of the step's CAPTCHA (when it has one). */
function stepSources(callbacks: readonly CallbackJson[]): PageSources {
  const captcha = callbacks.find((callback) => callback.type === 'ReCaptchaCallback');
  return captcha === undefined ? { script: [], frame: [], style: [], connect: [] } : captchaSources(captcha);
}

/** Where a realm's theme stylesheet is served (`?realm=alpha`). */
export const THEME_PATH = '/login/theme.css';

/** The headers of every page answer besides its policy: no sniffing, framing, Referer, caching or shared browsing context. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

const TREE_NAME = /^[^\p{Cc}\p{Cf}<>"'&\\/]{1,200}$/u;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}$/;

/**
 * The request facts of a page's journey: the page's language leads the preferred locales (the
 * browser's own tags of that language first, so `fr-BE` stays before `fr`), so that locale maps
 * (page headers, terms, security questions, emails) follow the page.
 */
async function pageFacts(deps: AppDeps, request: FastifyRequest, realm: RealmConfig, language: PageLanguage): Promise<RequestFacts> {
  const facts = requestFacts(request, realm.name, await existingSession(deps, request), deps.settings);
  const same = facts.locales.filter((tag) => pageLanguageOf(tag) === language && LANGUAGE_TAG.test(tag));
  const others = facts.locales.filter((tag) => pageLanguageOf(tag) !== language);
  return { ...facts, locales: [...same, ...(same.includes(language) ? [] : [language]), ...others] };
}

let termsRenderer: Promise<TermsRenderer> | undefined;

/** The terms service's Markdown renderer, loaded with the first step that shows terms. */
async function termsRendererFor(result: JourneyResponse): Promise<TermsRenderer> {
  if (result.kind !== 'step' || !result.callbacks.some((callback) => callback.type === 'TermsAndConditionsCallback')) return () => '';
  termsRenderer ??= import('../selfservice/terms/render-terms-html.ts').then((module) => module.renderTermsHtml);
  return termsRenderer;
}

/** The terms' display texts for a step that only asks to accept the terms; none otherwise, or when the document cannot be read. */
async function termsDisplayFor(deps: AppDeps, result: JourneyResponse): Promise<TermsDisplay | undefined> {
  if (result.kind !== 'step' || !onlyAsksForTerms(result.callbacks)) return undefined;
  const config = await readTermsConfig(deps.selfService.configs).catch(() => undefined);
  return termsDisplayOf(config?.uiConfig);
}

function sendPage(reply: FastifyReply, context: PageContext, status: number, html: string, formTarget?: string, sources?: PageSources): FastifyReply {
  const csp = pageCsp(formTarget, logoOrigin(context.theme), sources);
  return reply.code(status).headers(PAGE_HEADERS).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', csp).send(html);
}

/** A 303 to `location`, with the pages' headers. */
function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).headers(PAGE_HEADERS).header('location', location).send();
}

/** The texts of `context`'s page. */
function textsOf(context: PageContext): Translate<LoginMessageId> {
  return loginText(context.lang);
}

/** One page request: its realm, journey, browser key and goto. */
interface PageRequest {
  deps: AppDeps;
  realm: RealmConfig;
  context: PageContext;
  csrfKey: string;
  /** The allowed, normalized `goto`, or ''. */
  goto: string;
  /** The page answers a posted form (whose redirects the page policy keeps on Arbor's origin). */
  fromForm?: boolean;
}

/** The query parameters a provider's answer comes back to `/login` with. */
const RETURN_PARAMETERS = ['code', 'state', 'error', 'form_post_entry'] as const;

/**
 * A RedirectCallback step: keeps the step in the return cookie, then sends the browser to the
 * provider, by a 303 (GET) or a page with a "Continue" button posting `redirectData` (POST).
 */
function redirectToProvider(page: PageRequest, reply: FastifyReply, step: { authId: string; callbacks: CallbackJson[] }, callback: CallbackJson): FastifyReply {
  const { deps, context } = page;
  const t = textsOf(context);
  const target = outputValue(callback, 'redirectUrl');
  const url = typeof target === 'string' && URL.canParse(target) ? new URL(target) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return sendPage(reply, context, 502, errorDocument(context, t('signInFailed'), t('providerAddressInvalid')));
  }
  const cookie = returnCookie(deps.settings, page.csrfKey, { authId: step.authId, realm: context.realmPath, journey: context.journey, goto: page.goto, types: step.callbacks.map((entry) => entry.type) });
  if (cookie === undefined) return sendPage(reply, context, 500, errorDocument(context, t('somethingWentWrong'), t('returnNotKept')));
  reply.header('set-cookie', cookie);
  if (outputValue(callback, 'redirectMethod') !== 'POST') {
    return page.fromForm === true ? sendPage(reply, context, 200, getRedirectDocument(context, url.href)) : seeOther(reply, url.href);
  }
  const raw = outputValue(callback, 'redirectData');
  const data: Record<string, string> = {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [name, value] of Object.entries(raw)) if (typeof value === 'string') data[name] = value;
  }
  return sendPage(reply, context, 200, postRedirectDocument(context, url.href, data), url.origin);
}

async function answer(page: PageRequest, reply: FastifyReply, result: JourneyResponse, notice?: string): Promise<FastifyReply> {
  const { deps, realm, context } = page;
  for (const value of setCookieHeaders(result.cookies, deps.settings.cookieName)) reply.header('set-cookie', value);
  switch (result.kind) {
    case 'step': {
      const redirect = result.callbacks.find((callback) => callback.type === 'RedirectCallback');
      if (redirect !== undefined) return redirectToProvider(page, reply, result, redirect);
      const renderTerms = await termsRendererFor(result);
      const termsDisplay = await termsDisplayFor(deps, result);
      const html = stepDocument(context, result, { csrf: csrfToken(page.csrfKey, result.authId), goto: page.goto, renderTerms, termsDisplay, ...(notice === undefined ? {} : { notice }) });
      const target = /^https?:\/\//i.test(page.goto) ? new URL(page.goto).origin : undefined;
      return sendPage(reply, context, 200, html, target, stepSources(result.callbacks));
    }
    case 'success': {
      if (result.tokenId !== undefined) reply.header('set-cookie', sessionCookie(deps.settings, result.tokenId));
      const target = allowedRedirect(page.goto === '' ? undefined : page.goto, redirectRulesOf(deps.settings, realm)) ?? `/login/done?${new URLSearchParams({ realm: context.realmPath }).toString()}`;
      return seeOther(reply, target);
    }
    case 'failure': {
      const t = textsOf(context);
      return sendPage(reply, context, 401, errorDocument(context, t('signInFailed'), pageText(result.message, t)));
    }
  }
}

/** Renders a journey error as a page; a timed-out or replayed step starts the journey again with a message. */
async function answerError(page: PageRequest, request: FastifyRequest, reply: FastifyReply, error: unknown, restarting = false): Promise<FastifyReply> {
  if (!isJourneyError(error)) throw error;
  const { context } = page;
  const t = textsOf(context);
  switch (error.code) {
    case 'AUTH_ID_EXPIRED':
    case 'AUTH_ID_INVALID':
    case 'AUTH_ID_MALFORMED':
    case 'TREE_REVISION_GONE':
      if (context.journey === '' || restarting) return sendPage(reply, context, 401, errorDocument(context, t('pleaseStartAgain'), t('pageExpired')));
      return startJourney(page, request, reply, t('pageExpiredRestart'));
    case 'SUSPENDED_ID_INVALID':
      return sendPage(reply, context, 401, errorDocument(context, t('linkExpired'), t('linkUsed')));
    case 'TREE_NOT_FOUND':
    case 'TREE_DISABLED':
    case 'TREE_INNER_ONLY':
      return sendPage(reply, context, 404, errorDocument({ ...context, journey: '' }, t('notFound'), t('journeyNotFound')));
    case 'BAD_SUBMISSION':
      return sendPage(reply, context, 400, errorDocument(context, t('formUnreadable'), t('submissionRefused')));
    default:
      request.log.error({ err: error }, 'journey failed');
      return sendPage(reply, context, 500, errorDocument(context, t('somethingWentWrong'), t('journeyCouldNotContinue')));
  }
}

async function startJourney(page: PageRequest, request: FastifyRequest, reply: FastifyReply, notice?: string, suspendedId?: string): Promise<FastifyReply> {
  const { deps, realm, context } = page;
  const facts = await pageFacts(deps, request, realm, context.lang);
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

/** The theme stylesheet of `realm`'s pages, '' when its theme sets no colour or font. */
function realmThemeCss(realm: RealmConfig): string {
  const theme = realmThemeOf(realm);
  return theme === undefined ? '' : themeStylesheet(theme);
}

/** The page facts of a journey of `realm`: its language, the language links (keeping `goto`), its theme. */
function baseContext(request: FastifyRequest, realm: RealmConfig, journey: string, goto = ''): PageContext {
  const path = realmPath(realm.name);
  const context: PageContext = { lang: requestLanguage(request), realmPath: path, journey, languageLink: journeyLink(path, journey, goto) };
  const theme = realmThemeOf(realm);
  if (theme === undefined) return context;
  const css = themeStylesheet(theme);
  const stylesheet = css === '' ? undefined : `${THEME_PATH}?${new URLSearchParams({ realm: realm.name, v: themeVersion(css) }).toString()}`;
  return { ...context, theme: { realmName: realm.name, ...(stylesheet === undefined ? {} : { stylesheet }), ...(theme.logoUrl === undefined ? {} : { logoUrl: theme.logoUrl }) } };
}

/** Registers `/login`, `/login/done` and the stylesheets. */
export async function registerLoginPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const fallback = (request: FastifyRequest): PageContext => ({ lang: requestLanguage(request), realmPath: '/', journey: '', languageLink: '/login' });
  const stylesheetHeaders = { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" };
  const browserKey = (request: FastifyRequest, reply: FastifyReply): string => {
    const known = csrfKeyOf(request.headers.cookie);
    if (known !== undefined) return known;
    const fresh = newCsrfKey(deps.settings);
    reply.header('set-cookie', fresh.cookie);
    return fresh.key;
  };

  await app.register(async (scope) => {
    // Whatever fails under a page is answered as a page: never JSON, never the error's own words.
    scope.setErrorHandler((error, request, reply) => {
      const context = fallback(request);
      const t = textsOf(context);
      if (isRetryLaterError(error)) {
        const throttled = error.code === 'THROTTLED';
        reply.header('retry-after', String(error.retryAfterSeconds));
        const reason = throttled ? t('waitAndRetry', { seconds: error.retryAfterSeconds }) : t('unavailableNow');
        return sendPage(reply, context, throttled ? 429 : 503, errorDocument(context, t(throttled ? 'tooManyAttempts' : 'busyNow'), reason));
      }
      if (isStoreConnectionError(error)) {
        request.log.warn({ err: error }, 'store unavailable');
        return sendPage(reply, context, 503, errorDocument(context, t('busyNow'), t('unavailableNow')));
      }
      // Fastify's own errors carry `statusCode`; Arbor's (`httpError`, e.g. the NUL refusal of every request) carry `status`.
      const status = isHttpError(error) ? error.status : (error as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) return sendPage(reply, context, status, errorDocument(context, t('badRequest'), t('formNotRead')));
      request.log.error({ err: error }, 'page failed');
      return sendPage(reply, context, 500, errorDocument(context, t('somethingWentWrong'), t('journeyCouldNotContinue')));
    });
    // Pages post forms: the parser lives in this scope only, so no other route takes form bodies.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.get(STYLESHEET_PATH, (_request, reply) => reply.headers(stylesheetHeaders).header('cache-control', 'public, max-age=3600').send(PAGE_STYLESHEET));
    scope.get(PAGE_SCRIPT_PATH, (_request, reply) =>
      reply.headers({ ...stylesheetHeaders, 'content-type': 'text/javascript; charset=utf-8' }).header('cache-control', 'public, max-age=3600').send(PAGE_SCRIPT),
    );

    /** A realm's theme: custom properties only; its URL carries the stylesheet's hash, so it may be cached. */
    scope.get(THEME_PATH, async (request, reply) => {
      const realmName = realmNameOf(queryValue(request, 'realm') || undefined);
      const realm = realmName === undefined ? undefined : await deps.realms.get(realmName);
      const css = realm === undefined ? '' : realmThemeCss(realm);
      if (css === '') return reply.code(404).headers(stylesheetHeaders).header('cache-control', 'no-store').send('');
      return reply.headers(stylesheetHeaders).header('cache-control', 'public, max-age=86400').send(css);
    });

    /** The provider's answer: posts the step kept in the return cookie again, with the answer in the query. */
    const comeBack = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const key = csrfKeyOf(request.headers.cookie);
      const kept = readReturnStep(request.headers.cookie, key);
      reply.header('set-cookie', clearReturnCookie(deps.settings)).header('cache-control', 'no-store');
      const realmName = realmNameOf(kept?.realm ?? (queryValue(request, 'realm') || undefined));
      const realm = realmName === undefined ? undefined : await deps.realms.get(realmName);
      if (kept === undefined || key === undefined || realm === undefined) {
        const context = realm === undefined ? fallback(request) : baseContext(request, realm, realm.journeys.defaultTree);
        const t = textsOf(context);
        return sendPage(reply, context, 400, errorDocument(context, t('pleaseStartAgain'), t('cannotResume')));
      }
      const journey = TREE_NAME.test(kept.journey) ? kept.journey : '';
      const goto = allowedRedirect(kept.goto || undefined, redirectRulesOf(deps.settings, realm)) ?? '';
      const page: PageRequest = { deps, realm, context: baseContext(request, realm, journey, goto), csrfKey: key, goto };
      const facts = await pageFacts(deps, request, realm, page.context.lang);
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
      const remembered = chosenLanguageCookie(deps.settings, request);
      if (remembered !== undefined) reply.header('set-cookie', remembered);
      const names = ['realm', 'authIndexType', 'authIndexValue', 'journey', 'suspendedId', 'goto', 'locale'] as const;
      const query = Object.fromEntries(names.map((name) => [name, queryValue(request, name)]));
      const refuse = (status: number, context: PageContext, title: LoginMessageId, reason: LoginMessageId): FastifyReply => sendPage(reply, context, status, errorDocument(context, textsOf(context)(title), textsOf(context)(reason)));
      if (names.some((name) => query[name] === undefined)) return refuse(400, fallback(request), 'badRequest', 'repeatedParameter');
      const realmName = realmNameOf(query.realm === '' ? undefined : query.realm);
      const realm = realmName === undefined ? undefined : await deps.realms.get(realmName);
      if (realm === undefined) return refuse(404, fallback(request), 'notFound', 'noSuchRealm');
      if (query.authIndexType !== '' && query.authIndexType !== 'service') return refuse(400, baseContext(request, realm, ''), 'badRequest', 'onlyServiceIndex');
      const journey = query.authIndexValue || query.journey || realm.journeys.defaultTree;
      if (!TREE_NAME.test(journey)) return refuse(400, baseContext(request, realm, ''), 'badRequest', 'badJourneyName');
      const goto = allowedRedirect(query.goto || undefined, redirectRulesOf(deps.settings, realm)) ?? '';
      const page: PageRequest = { deps, realm, context: baseContext(request, realm, journey, goto), csrfKey: browserKey(request, reply), goto };
      return startJourney(page, request, reply, undefined, query.suspendedId || undefined);
    });

    scope.post('/login', async (request, reply) => {
      const form = readPageForm(request.body);
      const refuse = (status: number, context: PageContext, title: LoginMessageId, reason: LoginMessageId): FastifyReply => sendPage(reply, context, status, errorDocument(context, textsOf(context)(title), textsOf(context)(reason)));
      if (form === undefined) return refuse(400, fallback(request), 'badRequest', 'formNotRead');
      const realmName = realmNameOf(form.realm);
      const realm = realmName === undefined ? undefined : await deps.realms.get(realmName);
      if (realm === undefined) return refuse(404, fallback(request), 'notFound', 'noSuchRealm');
      const journey = TREE_NAME.test(form.journey) ? form.journey : '';
      const goto = allowedRedirect(form.goto || undefined, redirectRulesOf(deps.settings, realm)) ?? '';
      const context = baseContext(request, realm, journey, goto);
      const ownOrigin = `${request.protocol}://${request.host}`;
      const key = csrfKeyOf(request.headers.cookie);
      if (crossSitePost(request.headers, deps.settings.publicUrl, ownOrigin) || !csrfTokenMatches(key, form.authId, form.csrf)) return refuse(403, context, 'pleaseStartAgain', 'formNotVerified');
      const page: PageRequest = { deps, realm, context, csrfKey: key ?? browserKey(request, reply), goto, fromForm: true };
      const facts = await pageFacts(deps, request, realm, context.lang);
      // A password confirmed differently is only validated: the journey shows the step again.
      const callbacks = form.mismatched.length === 0 ? form.callbacks : form.callbacks.map((callback) => validateOnlyAt(callback, form.mismatched));
      let result: JourneyResponse;
      try {
        result = await deps.journeys.continue({ realm, authId: form.authId, callbacks, request: facts });
      } catch (error) {
        return answerError(page, request, reply, error);
      }
      return answer(page, reply, result, form.mismatched.length === 0 ? undefined : translator(callbackMessages, context.lang)('passwordsDiffer'));
    });

    scope.get('/login/done', async (request, reply) => {
      const remembered = chosenLanguageCookie(deps.settings, request);
      if (remembered !== undefined) reply.header('set-cookie', remembered);
      const realmName = realmNameOf(queryValue(request, 'realm') || undefined) ?? 'root';
      const realm = await deps.realms.get(realmName);
      const session = await existingSession(deps, request);
      const path = realmPath(realm?.name ?? 'root');
      const context: PageContext = { ...(realm === undefined ? fallback(request) : baseContext(request, realm, '')), realmPath: path, languageLink: `/login/done?${new URLSearchParams({ realm: path }).toString()}` };
      return sendPage(reply, context, 200, doneDocument(context, session?.username));
    });
  });
}
