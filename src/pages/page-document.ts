/**
 * The HTML documents of the pages: a step's form, an error with a way to start again, and the
 * "signed in" page. Plain semantic HTML, no script; every value from outside is escaped here or
 * by the callback renderers.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { escapeHtml } from './html-escape.ts';
import { journeyPageUrl, pageTextHtml } from './page-text.ts';
import type { TermsRenderer } from './render-callbacks.ts';
import { renderCallbacks } from './render-callbacks.ts';

/** Where the stylesheet is served. */
export const STYLESHEET_PATH = '/login/pages.css';

/** The page-wide facts every document needs. */
export interface PageContext {
  /** The `lang` of the document. */
  lang: string;
  /** `/alpha`, `/`. */
  realmPath: string;
  journey: string;
}

/** A whole page: `body` (HTML) inside the pages' layout, titled `title` (text). */
export function documentHtml(context: PageContext, title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="${escapeHtml(context.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<link rel="stylesheet" href="${STYLESHEET_PATH}"></head>\n<body><main><div class="card">${body}</div></main></body></html>\n`
  );
}

function notice(text: string | undefined): string {
  return text === undefined ? '' : `<p class="message error" role="alert">${escapeHtml(text)}</p>`;
}

/** A step of a journey as a form that posts back to `/login`. */
export function stepDocument(
  context: PageContext,
  step: { authId: string; callbacks: CallbackJson[]; header?: string; description?: string },
  form: { csrf: string; goto: string; renderTerms: TermsRenderer; notice?: string },
): string {
  const fields = renderCallbacks(step.callbacks, form.renderTerms);
  const header = step.header === undefined || step.header === '' ? 'Sign in' : step.header;
  const hiddenFields = [
    ['authId', step.authId],
    ['csrf', form.csrf],
    ['realm', context.realmPath],
    ['journey', context.journey],
    ['goto', form.goto],
    ...step.callbacks.map((callback) => ['callback', callback.type]),
  ]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name ?? '')}" value="${escapeHtml(value ?? '')}">`)
    .join('');
  const body =
    `<h1>${step.header === undefined ? escapeHtml(header) : pageTextHtml(header, context.realmPath)}</h1>` +
    (step.description === undefined || step.description === '' ? '' : `<p class="description">${pageTextHtml(step.description, context.realmPath)}</p>`) +
    notice(form.notice) +
    `<form method="post" action="/login">${hiddenFields}\n${fields.html}\n` +
    (fields.submitButton ? '<div class="actions"><button type="submit">Next</button></div>' : '') +
    '</form>';
  return documentHtml(context, header.replace(/<[^>]*>/g, ''), body);
}

/** A failure or refusal: the reason, and a link that starts the journey again. */
export function errorDocument(context: PageContext, title: string, reason: string): string {
  const again = context.journey === '' ? '' : `<p><a href="${escapeHtml(journeyPageUrl(context.realmPath, context.journey))}">Start again</a></p>`;
  return documentHtml(context, title, `<h1>${escapeHtml(title)}</h1>${notice(reason)}${again}`);
}

/** The page after a journey that ended well. */
export function doneDocument(context: PageContext, username: string | undefined): string {
  const text = username === undefined ? 'You have completed this step.' : `You are signed in as ${username}.`;
  return documentHtml(context, username === undefined ? 'Done' : 'Signed in', `<h1>${username === undefined ? 'Done' : 'You are signed in'}</h1><p>${escapeHtml(text)}</p>`);
}

/**
 * The way to a provider that takes a POST: the page CSP allows no script, so instead of an
 * auto-submitting form the page shows one "Continue" button posting `data` to `url`.
 */
export function postRedirectDocument(context: PageContext, url: string, data: Readonly<Record<string, string>>): string {
  const fields = Object.entries(data)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const body = `<h1>Continue to sign in</h1><p>You are being sent to your identity provider to sign in.</p><form method="post" action="${escapeHtml(url)}">${fields}<div class="actions"><button type="submit">Continue</button></div></form>`;
  return documentHtml(context, 'Continue to sign in', body);
}
