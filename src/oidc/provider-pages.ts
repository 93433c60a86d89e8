/**
 * The pages oidc-provider itself shows, in Arbor's look and language (its defaults load remote
 * fonts, are English only and say "shouldChange"): the sign-out question of `connect/endSession`,
 * the page after signing out, the error page of a request that cannot go back to the application
 * (an unknown client, an unregistered redirect URI), and the device flow's code entry,
 * confirmation and success pages. Each is a journey-pages document (Arbor's stylesheet, the
 * realm's theme, the texts of `src/pages/i18n/oidc-messages.ts` in the page language) and carries
 * the pages' security headers and policy; the sign-out question's policy lets its form's answer
 * redirect to the application's registered post-logout URI. Only these pages get the headers: the
 * provider's JSON answers, redirects and `form_post` pages (whose inline script the provider
 * allows by hash) are left as the provider makes them. The realm's look reaches these renderers
 * through the raw request (`rememberPageLook`, set by the route that hands the request over).
 */
import type { IncomingMessage } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from '../pages/html-escape.ts';
import { oidcText } from '../pages/i18n/oidc-messages.ts';
import type { ProviderPageLook } from '../pages/oidc-page-look.ts';
import { formTargetOf, providerPageContext, providerPageHeaders, rawRequestLanguage } from '../pages/oidc-page-look.ts';
import type { PageContext } from '../pages/page-document.ts';
import { documentHtml } from '../pages/page-document.ts';

const looks = new WeakMap<IncomingMessage, () => ProviderPageLook>();

/** Tells the provider pages of `request` how its realm's pages look (`look` runs only when a page is shown). */
export function rememberPageLook(request: IncomingMessage, look: () => ProviderPageLook): void {
  looks.set(request, look);
}

/** The page context of a provider request. */
function contextOf(ctx: KoaContextWithOIDC): PageContext {
  return providerPageContext(looks.get(ctx.req)?.(), rawRequestLanguage(ctx.req.headers, ctx.req.url));
}

/** Sends `body` (HTML inside the card) as the answer, with the pages' headers. */
function send(ctx: KoaContextWithOIDC, context: PageContext, title: string, body: string, formTarget?: string): void {
  ctx.set(providerPageHeaders(context, formTarget));
  ctx.body = documentHtml(context, title, body);
}

/** The value of attribute `name` in a form oidc-provider made, or undefined. */
function attributeOf(form: string, pattern: RegExp): string | undefined {
  return pattern.exec(form)?.[1];
}

function clientNameOf(ctx: KoaContextWithOIDC): string {
  const client = ctx.oidc.client;
  return client === undefined ? '' : (client.clientName ?? client.clientId);
}

/** The sign-out question: `form` is oidc-provider's form (`op.logoutForm`, with its xsrf field). */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const context = contextOf(ctx);
  const t = oidcText(context.lang);
  const body =
    `<h1>${escapeHtml(t('logout.title'))}</h1>${form}<p>${escapeHtml(t('logout.question'))}</p>` +
    `<div class="actions"><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${escapeHtml(t('logout.yes'))}</button>` +
    `<button type="submit" form="op.logoutForm">${escapeHtml(t('logout.no'))}</button></div>`;
  send(ctx, context, t('logout.title'), body, formTargetOf(ctx.oidc.params?.post_logout_redirect_uri));
}

/** After signing out. */
export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  const context = contextOf(ctx);
  const t = oidcText(context.lang);
  send(ctx, context, t('loggedOut.title'), `<h1>${escapeHtml(t('loggedOut.title'))}</h1><p>${escapeHtml(t('loggedOut.text'))}</p>`);
}

/** An error that cannot go back to the application (oidc-provider's `renderError`). */
export async function renderError(ctx: KoaContextWithOIDC, out: { error?: unknown; error_description?: unknown }): Promise<void> {
  const context = contextOf(ctx);
  const t = oidcText(context.lang);
  const error = typeof out.error === 'string' ? out.error.slice(0, 200) : 'server_error';
  const description = typeof out.error_description === 'string' ? `<p>${escapeHtml(out.error_description.slice(0, 500))}</p>` : '';
  ctx.type = 'html';
  send(ctx, context, t('error.title'), `<h1>${escapeHtml(t('error.title'))}</h1><p class="message error" role="alert">${escapeHtml(t('error.text'))}</p><p><code>${escapeHtml(t('error.code', { error }))}</code></p>${description}`);
}

/** The device flow's code entry (again after a wrong code): a labelled field in the provider's form. */
export async function userCodeInputSource(ctx: KoaContextWithOIDC, form: string, _out?: unknown, err?: unknown): Promise<void> {
  const context = contextOf(ctx);
  const t = oidcText(context.lang);
  const action = attributeOf(form, /action="([^"]*)"/) ?? '';
  const xsrf = attributeOf(form, /name="xsrf" value="([^"]*)"/) ?? '';
  const name = err instanceof Error ? err.name : undefined;
  const problem =
    err === undefined || err === null
      ? ''
      : `<p class="message error" role="alert">${escapeHtml(t(name === 'AbortedError' ? 'device.interrupted' : Reflect.get(err, 'userCode') !== undefined || name === 'NoCodeError' ? 'device.wrongCode' : 'device.failed'))}</p>`;
  const body =
    `<h1>${escapeHtml(t('device.title'))}</h1>${problem}<p>${escapeHtml(t('device.enterCode'))}</p>` +
    `<form method="post" action="${escapeHtml(action)}" novalidate><input type="hidden" name="xsrf" value="${escapeHtml(xsrf)}">` +
    `<div class="field"><label for="user_code">${escapeHtml(t('device.codeLabel'))}</label>` +
    `<input id="user_code" type="text" name="user_code" autocomplete="off" autocapitalize="characters" spellcheck="false" autofocus required maxlength="64"${problem === '' ? '' : ' aria-invalid="true"'}></div>` +
    `<div class="actions"><button type="submit">${escapeHtml(t('device.continue'))}</button></div></form>`;
  send(ctx, context, t('device.title'), body);
}

/** The device flow's confirmation: the application and the code, Continue or Cancel. */
export async function userCodeConfirmSource(ctx: KoaContextWithOIDC, form: string, _client?: unknown, _deviceInfo?: unknown, userCode?: string): Promise<void> {
  const context = contextOf(ctx);
  const t = oidcText(context.lang);
  const body =
    `<h1>${escapeHtml(t('device.confirmTitle'))}</h1><p>${escapeHtml(t('device.confirm', { client: clientNameOf(ctx) }))}</p>` +
    `<p><code class="user-code">${escapeHtml(userCode ?? '')}</code></p><p class="hint">${escapeHtml(t('device.notYou'))}</p>${form}` +
    `<div class="actions"><button autofocus type="submit" form="op.deviceConfirmForm">${escapeHtml(t('device.continue'))}</button>` +
    `<button type="submit" form="op.deviceConfirmForm" value="yes" name="abort">${escapeHtml(t('device.abort'))}</button></div>`;
  send(ctx, context, t('device.confirmTitle'), body);
}

/** The device flow's end: the device is signed in. */
export async function successSource(ctx: KoaContextWithOIDC): Promise<void> {
  const context = contextOf(ctx);
  const t = oidcText(context.lang);
  send(ctx, context, t('device.successTitle'), `<h1>${escapeHtml(t('device.successTitle'))}</h1><p>${escapeHtml(t('device.success', { client: clientNameOf(ctx) }))}</p>`);
}
