/**
 * The account page of a signed-in user: `GET /account` shows their profile, password, security
 * questions, sign-in devices and recovery codes, terms and consents, social accounts and
 * sessions, and `POST /account/<form>` changes
 * one of them (`account-actions.ts`) and redirects back (303) with a one-time status. The realm
 * is the session's. The page signs in through the realm's OpenID provider as its client
 * `arbor-account` (`account-sign-in.ts`): without a sign-in bound to the live SSO session the
 * browser goes to the provider's authorization endpoint (which runs the realm's journey when
 * there is no session) and comes back through `/account/callback`; without the provider
 * capability the page trusts the session cookie alone and sends the browser to the sign-in page. Every post needs this browser's form token (bound to the session) and
 * must not come from another site; otherwise 403 with a page that says so. The answers carry the
 * journey pages' policy (no script, no framing) and the security headers of every answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { clearSessionCookie, sessionCookie } from '../../http/cookies.ts';
import { persistentCookieClears } from '../../http/persistent-cookie-clears.ts';
import { sessionTokenOf } from '../../http/session-token.ts';
import { isCrestError } from '../../identity/crest/errors.ts';
import { isRetryLaterError } from '../../identity/retry-later-error.ts';
import type { SsoSession } from '../../sessions/sso-session.ts';
import { isStoreConnectionError } from '../../store/store-connection-error.ts';
import { accountCatalog } from '../i18n/account-messages.ts';
import { translator } from '../i18n/define-catalog.ts';
import { pageCsp } from '../login-pages.ts';
import { crossSitePost } from '../page-csrf.ts';
import { chosenLanguageCookie, queryValue, realmNameOf, requestLanguage } from '../page-query.ts';
import type { ActionResult, AccountAction } from './account-actions.ts';
import { ACCOUNT_ACTIONS, runAccountAction } from './account-actions.ts';
import { accountKeyOf, accountToken, accountTokenMatches, clearStatusCookie, newAccountKey, statusCookie, statusOf } from './account-cookies.ts';
import type { AccountProblems } from './account-document.ts';
import { accountDocument, deleteConfirmationDocument, messageDocument } from './account-document.ts';
import type { AccountPage } from './account-html.ts';
import { ACCOUNT_STYLESHEET_PATH, journeyUrl } from './account-html.ts';
import { ACCOUNT_STYLESHEET } from './account-stylesheet.ts';
import { loadAccountView } from './account-view.ts';
import { recoveryCodesDocument, removeDeviceDocument } from './device-sections.ts';
import { readAccountForm } from './read-account-form.ts';
import { ACCOUNT_SIGN_IN, type AccountSealer, clearAccountCookie, SIGN_IN_COOKIE, signInOf } from './account-sign-in-cookies.ts';
import { finishSignIn, signInHolds, startSignIn } from './account-sign-in.ts';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The page facts of a request: its language and texts, for the realm at `path`. */
function pageOf(request: FastifyRequest, path: string, csrf = ''): AccountPage {
  const lang = requestLanguage(request);
  return { context: { lang, realmPath: path, journey: '', languageLink: '/account' }, lang, t: translator(accountCatalog, lang), csrf };
}

/** The page facts of a step after a post (a confirmation…), with this browser's form token. */
function confirmPage(request: FastifyRequest, visit: { session: SsoSession; realm: RealmConfig }): AccountPage {
  const key = accountKeyOf(header(request, 'cookie')) ?? '';
  return pageOf(request, realmPath(visit.realm.name), accountToken(key, visit.session.handle));
}

function sendHtml(reply: FastifyReply, status: number, html: string, cookies: readonly string[] = []): FastifyReply {
  if (cookies.length > 0) reply.header('set-cookie', [...cookies]);
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', pageCsp()).header('cache-control', 'no-store').send(html);
}

function redirect(reply: FastifyReply, location: string, cookies: readonly string[] = []): FastifyReply {
  if (cookies.length > 0) reply.header('set-cookie', [...cookies]);
  return reply.code(303).header('location', location).header('cache-control', 'no-store').send();
}

/** The realm's sign-in page, coming back to the account page. */
function signInUrl(realm: RealmConfig | undefined): string {
  if (realm === undefined) return journeyUrl({ name: 'root' }, 'Login', '/account');
  return journeyUrl(realm, realm.journeys.defaultTree || 'Login', '/account');
}

/** The live session of the request (its idle timer reset), its token and realm; undefined without one. */
async function signedIn(deps: AppDeps, request: FastifyRequest): Promise<{ session: SsoSession; token: string; realm: RealmConfig } | undefined> {
  const token = sessionTokenOf(request, deps.settings.cookieName);
  if (token === undefined) return undefined;
  const session = await deps.sessions.validate(token, { touch: true });
  if (session === undefined) return undefined;
  const realm = await deps.realms.get(session.realm);
  return realm === undefined ? undefined : { session, token, realm };
}

async function realmFromQuery(deps: AppDeps, value: string | undefined): Promise<RealmConfig | undefined> {
  const name = realmNameOf(value || undefined);
  return (name === undefined ? undefined : await deps.realms.get(name)) ?? (await deps.realms.get('root'));
}

/** A failure of Arbor's own (a store outage…): logged, and a page that says only that something went wrong. */
function failurePage(request: FastifyRequest, reply: FastifyReply, page: AccountPage, error: unknown): FastifyReply {
  request.log.error({ err: error }, 'account page failed');
  const status = isStoreConnectionError(error) || isRetryLaterError(error) ? 503 : 500;
  return sendHtml(reply, status, messageDocument(page, 'failed.title', 'failed.message', { href: '/account', text: 'backToAccount' }));
}

/** The sealer of the page's sign-in cookies: present when the OpenID provider is installed. */
function sealerOf(deps: AppDeps): AccountSealer | undefined {
  return deps.capabilities?.has(ACCOUNT_SIGN_IN) === true ? deps.capabilities.get(ACCOUNT_SIGN_IN) : undefined;
}

/** Registers `/account`, its forms and its stylesheet. */
export async function registerAccountPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const sealer = sealerOf(deps);
  /** The visit of a request: its live session, bound to the page's sign-in when the page signs in through the provider. */
  const visitOf = async (request: FastifyRequest): Promise<{ visit: Awaited<ReturnType<typeof signedIn>>; session: SsoSession | undefined }> => {
    const found = await signedIn(deps, request);
    if (found === undefined || sealer === undefined) return { visit: found, session: found?.session };
    const bound = signInOf(sealer, header(request, 'cookie'), Date.now());
    return { visit: signInHolds(bound, found.session) ? found : undefined, session: found.session };
  };
  /** Where a request without a sign-in goes: the provider's authorization (or the sign-in page). */
  const toSignIn = async (reply: FastifyReply, realm: RealmConfig | undefined, cookies: readonly string[] = []): Promise<FastifyReply> => {
    if (sealer === undefined) return redirect(reply, signInUrl(realm), cookies);
    const start = startSignIn(deps.settings, sealer, realm?.name ?? 'root', Date.now());
    return redirect(reply, start.location, [...cookies, start.cookie, clearAccountCookie(deps.settings, SIGN_IN_COOKIE)]);
  };
  await app.register(async (scope) => {
    // The account forms post forms: the parser lives in this scope only.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.get(ACCOUNT_STYLESHEET_PATH, (_request, reply) =>
      reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').header('content-security-policy', "default-src 'none'; frame-ancestors 'none'").send(ACCOUNT_STYLESHEET),
    );

    /** The account page; `problems` when a form comes back refused. */
    const showAccount = async (request: FastifyRequest, reply: FastifyReply, visit: { session: SsoSession; realm: RealmConfig }, status: number, problems?: AccountProblems): Promise<FastifyReply> => {
      const cookies: string[] = [];
      let key = accountKeyOf(header(request, 'cookie'));
      if (key === undefined) {
        const fresh = newAccountKey(deps.settings);
        key = fresh.key;
        cookies.push(fresh.cookie);
      }
      const page = pageOf(request, realmPath(visit.realm.name), accountToken(key, visit.session.handle));
      // A language chosen with the switcher is remembered, as on the journey pages.
      const remembered = chosenLanguageCookie(deps.settings, request);
      if (remembered !== undefined) cookies.push(remembered);
      const shown = problems === undefined ? statusOf(header(request, 'cookie')) : undefined;
      if (shown !== undefined) cookies.push(clearStatusCookie(deps.settings));
      try {
        const view = await loadAccountView(deps, visit.realm, visit.session, [page.lang]);
        return sendHtml(reply, status, accountDocument(page, view, shown, problems), cookies);
      } catch (error) {
        if (isCrestError(error, 'NOT_FOUND')) return redirect(reply, signInUrl(visit.realm), [clearSessionCookie(deps.settings)]);
        return failurePage(request, reply, page, error);
      }
    };

    scope.get('/account', async (request, reply) => {
      const { visit, session } = await visitOf(request);
      if (visit === undefined) return toSignIn(reply, session === undefined ? await realmFromQuery(deps, queryValue(request, 'realm')) : await deps.realms.get(session.realm));
      return showAccount(request, reply, visit, 200);
    });

    scope.get('/account/callback', async (request, reply) => {
      const page = pageOf(request, '/');
      if (sealer === undefined) return sendHtml(reply, 404, messageDocument(page, 'badForm.title', 'badForm.message', { href: '/account', text: 'backToAccount' }));
      const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
      let outcome: Awaited<ReturnType<typeof finishSignIn>>;
      try {
        const current = await signedIn(deps, request);
        outcome = await finishSignIn(scope, deps.settings, sealer, { query, cookieHeader: header(request, 'cookie'), session: current?.session, now: Date.now() });
      } catch (error) {
        return failurePage(request, reply, page, error);
      }
      if (outcome.kind === 'signedIn') return redirect(reply, '/account', outcome.cookies);
      request.log.info({ reason: outcome.reason }, 'account sign-in refused');
      return sendHtml(reply, 400, messageDocument(page, 'refused.title', 'refused.message', { href: '/account', text: 'signIn' }), outcome.cookies);
    });

    scope.get('/account/deleted', async (request, reply) => {
      const realm = await realmFromQuery(deps, queryValue(request, 'realm'));
      const page = pageOf(request, realmPath(realm?.name ?? 'root'));
      return sendHtml(reply, 200, messageDocument(page, 'deleted.title', 'deleted.message', { href: journeyUrl(realm ?? { name: 'root' }, realm?.journeys.defaultTree || 'Login'), text: 'signIn' }, 'status'));
    });

    const answer = async (request: FastifyRequest, reply: FastifyReply, action: AccountAction): Promise<FastifyReply> => {
      const form = readAccountForm(request.body);
      const fallback = pageOf(request, realmPath(realmNameOf(form?.get('realm')) ?? 'root'));
      const refused = (message: 'refused.message' | 'delete.refused'): FastifyReply =>
        sendHtml(reply, 403, messageDocument(fallback, 'refused.title', message, { href: '/account', text: 'backToAccount' }));
      const ownOrigin = `${request.protocol}://${request.host}`;
      if (crossSitePost(request.headers, deps.settings.publicUrl, ownOrigin)) return refused('refused.message');
      if (form === undefined) return sendHtml(reply, 400, messageDocument(fallback, 'badForm.title', 'badForm.message', { href: '/account', text: 'backToAccount' }));
      let visit: Awaited<ReturnType<typeof signedIn>>;
      let session: SsoSession | undefined;
      try {
        ({ visit, session } = await visitOf(request));
      } catch (error) {
        return failurePage(request, reply, fallback, error);
      }
      if (visit === undefined) return toSignIn(reply, session === undefined ? await realmFromQuery(deps, form.get('realm')) : await deps.realms.get(session.realm));
      if (!accountTokenMatches(accountKeyOf(header(request, 'cookie')), visit.session.handle, form.get('csrf') ?? '')) return refused('refused.message');
      let result: ActionResult;
      try {
        result = await runAccountAction(action, { deps, realm: visit.realm, session: visit.session, token: visit.token, form });
      } catch (error) {
        if (isCrestError(error, 'NOT_FOUND')) return redirect(reply, signInUrl(visit.realm), [clearSessionCookie(deps.settings)]);
        if (isCrestError(error, 'CONCURRENT_UPDATE') || isCrestError(error, 'CONFLICT')) return showAccount(request, reply, visit, 409, { notice: 'changedMeanwhile' });
        return failurePage(request, reply, fallback, error);
      }
      switch (result.kind) {
        case 'done':
          return redirect(reply, '/account', [statusCookie(deps.settings, result.status)]);
        case 'invalid':
          return showAccount(request, reply, visit, 400, result.problems);
        case 'newSession':
          return redirect(reply, '/account', [sessionCookie(deps.settings, result.tokenId), statusCookie(deps.settings, 'otherSessionsEnded')]);
        case 'signedOut': {
          const target = result.deleted ? `/account/deleted?${new URLSearchParams({ realm: realmPath(visit.realm.name) }).toString()}` : journeyUrl(visit.realm, visit.realm.journeys.defaultTree || 'Login');
          const persistent = persistentCookieClears(request.headers.cookie, visit.session.userId, deps.settings.secureCookie || request.protocol === 'https');
          return redirect(reply, target, [clearSessionCookie(deps.settings), clearAccountCookie(deps.settings, SIGN_IN_COOKIE), ...persistent]);
        }
        case 'confirmDelete':
          return sendHtml(reply, 200, deleteConfirmationDocument(confirmPage(request, visit)));
        case 'deleteRefused':
          return refused('delete.refused');
        case 'confirmRemoveDevice':
          return sendHtml(reply, 200, removeDeviceDocument(confirmPage(request, visit), result.device));
        case 'recoveryCodes':
          // Shown in this answer only (no-store): the page never shows them again.
          return sendHtml(reply, 200, recoveryCodesDocument(confirmPage(request, visit), result.forKind, result.codes));
      }
    };
    for (const action of ACCOUNT_ACTIONS) scope.post(`/account/${action}`, (request, reply) => answer(request, reply, action));
  });
}
