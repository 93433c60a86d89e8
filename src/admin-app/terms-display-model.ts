/**
 * The Terms section's display texts, pure: the three texts of `selfservice.terms` `uiConfig` that
 * the page asking users to accept the terms shows (`displayName`, `purpose`, `buttonText`), read
 * into a form, checked against the server's limits, and written back into the document with the
 * other `uiConfig` members kept. An empty text is removed: the page then shows its own.
 */
import type { TermsDisplayKey } from '../selfservice/terms/terms-display.ts';
import { TERMS_DISPLAY_KEYS, TERMS_DISPLAY_LIMITS, termsDisplayProblem } from '../selfservice/terms/terms-display.ts';
import type { TermsDocument } from './terms-model.ts';

export type { TermsDisplayKey } from '../selfservice/terms/terms-display.ts';
export { TERMS_DISPLAY_KEYS, TERMS_DISPLAY_LIMITS } from '../selfservice/terms/terms-display.ts';

/** The form's texts, by `uiConfig` member. */
export type TermsDisplayForm = Record<TermsDisplayKey, string>;

/** The form of a document's display texts (its `uiConfig`; '' for a text it has not, or that is not a text). */
export function displayFormOf(uiConfig: Readonly<Record<string, unknown>> | undefined): TermsDisplayForm {
  const textOf = (key: TermsDisplayKey): string => {
    const value = uiConfig !== undefined && Object.hasOwn(uiConfig, key) ? uiConfig[key] : undefined;
    return typeof value === 'string' ? value : '';
  };
  return { displayName: textOf('displayName'), purpose: textOf('purpose'), buttonText: textOf('buttonText') };
}

/** The problems of the form by text, worded for the form (the server's limits). */
export function displayProblems(form: TermsDisplayForm): Map<TermsDisplayKey, string> {
  const problems = new Map<TermsDisplayKey, string>();
  for (const key of TERMS_DISPLAY_KEYS) {
    const text = form[key].trim();
    if (/[\r\n]/.test(text)) problems.set(key, 'One line of text.');
    else if (termsDisplayProblem(key, text) !== undefined) problems.set(key, `At most ${TERMS_DISPLAY_LIMITS[key]} characters (${text.length} now).`);
  }
  return problems;
}

/** `document` with the form's texts (trimmed; an empty one removed), the other `uiConfig` members kept. */
export function withDisplay(document: TermsDocument, form: TermsDisplayForm): TermsDocument {
  const uiConfig: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document.uiConfig ?? {})) if (key !== '__proto__') uiConfig[key] = value;
  for (const key of TERMS_DISPLAY_KEYS) {
    const text = form[key].trim();
    if (text === '') delete uiConfig[key];
    else uiConfig[key] = text;
  }
  return { ...document, uiConfig: document.uiConfig === undefined && Object.keys(uiConfig).length === 0 ? undefined : uiConfig };
}

/** The text a field the server names (`uiConfig.purpose`) is about, if any. */
export function displayKeyOf(field: string): TermsDisplayKey | undefined {
  return TERMS_DISPLAY_KEYS.find((key) => field === `uiConfig.${key}`);
}
