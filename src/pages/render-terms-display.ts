/**
 * The terms' display texts (`selfservice.terms` `uiConfig`: `displayName`, `purpose`,
 * `buttonText`) on a step that only asks users to accept the terms: the title and purpose above
 * the terms, and the label of the button. Arbor's default English texts are shown in the page's
 * language; an administrator's own texts as written. A step with other fields (a registration
 * page) keeps its own texts.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import type { TermsDisplay } from '../selfservice/terms/terms-display.ts';
import { escapeHtml } from './html-escape.ts';
import type { Translate } from './i18n/define-catalog.ts';
import type { LoginMessageId } from './i18n/login-messages.ts';
import { pageText } from './known-texts.ts';

/** The HTML above the step's fields, and the button's label (none: the page's own). */
export interface TermsDisplayParts {
  html: string;
  buttonText?: string;
}

/** True when every callback of the step is the terms to accept. */
export function onlyAsksForTerms(callbacks: readonly CallbackJson[]): boolean {
  return callbacks.length > 0 && callbacks.every((callback) => callback.type === 'TermsAndConditionsCallback');
}

/** The display parts of a step with `callbacks`, given the terms' display texts. */
export function termsDisplayParts(callbacks: readonly CallbackJson[], display: TermsDisplay | undefined, t: Translate<LoginMessageId>): TermsDisplayParts {
  if (display === undefined || !onlyAsksForTerms(callbacks)) return { html: '' };
  const title = display.displayName === undefined ? '' : `<h2 class="terms-title">${escapeHtml(pageText(display.displayName, t))}</h2>`;
  const purpose = display.purpose === undefined ? '' : `<p class="terms-purpose">${escapeHtml(pageText(display.purpose, t))}</p>`;
  return { html: title + purpose, ...(display.buttonText === undefined ? {} : { buttonText: pageText(display.buttonText, t) }) };
}
