/**
 * The consent page of the OpenID provider: which application asks (its name), what each scope
 * asked lets it do (the client's own text of the scope in the page's language when it gives one;
 * otherwise the standard scopes described in the page's language, others named), any further
 * claims asked, and Allow / Deny buttons in a form that posts back to the interaction with its
 * token. Also the page that says a consent answer cannot be taken. Every value from outside (the
 * application's name, scopes, their texts, claims) is escaped as text.
 */
import { escapeHtml } from './html-escape.ts';
import { oidcText, scopeDescription } from './i18n/oidc-messages.ts';
import type { PageContext } from './page-document.ts';
import { documentHtml } from './page-document.ts';

/** What the consent page shows and posts. */
export interface ConsentPageView {
  /** The application's name (or its client id). */
  clientName: string;
  /** The scopes asked. */
  scopes: readonly string[];
  /** The client's own text of a scope asked, in the page's language (AM's `name|locale|description`), by scope; shown instead of Arbor's. */
  scopeTexts?: ReadonlyMap<string, string>;
  /** Claims asked beyond those of the scopes. */
  claims: readonly string[];
  /** Where the form posts (the interaction). */
  action: string;
  /** The form's token. */
  token: string;
}

/** The consent page. */
export function consentDocument(context: PageContext, view: ConsentPageView): string {
  const t = oidcText(context.lang);
  const client = view.clientName;
  const scopes = view.scopes.map((scope) => `<li data-scope="${escapeHtml(scope)}">${escapeHtml(view.scopeTexts?.get(scope) ?? scopeDescription(context.lang, scope))}</li>`).join('');
  const claims = view.claims.length === 0 ? '' : `<p>${escapeHtml(t('consent.claims', { claims: view.claims.join(', ') }))}</p>`;
  const body =
    `<h1>${escapeHtml(t('consent.heading', { client }))}</h1>` +
    `<p>${escapeHtml(t('consent.asks', { client }))}</p>` +
    `<ul class="scopes">${scopes}</ul>${claims}` +
    `<p class="hint">${escapeHtml(t('consent.remembered'))}</p>` +
    `<form method="post" action="${escapeHtml(view.action)}"><input type="hidden" name="token" value="${escapeHtml(view.token)}">` +
    `<div class="actions"><button type="submit" name="decision" value="allow">${escapeHtml(t('consent.allow'))}</button>` +
    `<button type="submit" name="decision" value="deny">${escapeHtml(t('consent.deny'))}</button></div></form>`;
  return documentHtml(context, t('consent.title'), body);
}

/** A consent answer that cannot be taken: expired, another browser, or not verified. */
export function consentProblemDocument(context: PageContext, reason: 'expired' | 'notVerified'): string {
  const t = oidcText(context.lang);
  const title = t('consent.expiredTitle');
  return documentHtml(context, title, `<h1>${escapeHtml(title)}</h1><p class="message error" role="alert">${escapeHtml(t(reason === 'expired' ? 'consent.expired' : 'consent.notVerified'))}</p>`);
}
