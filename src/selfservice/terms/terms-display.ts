/**
 * The display texts of `selfservice.terms` (IDM's `uiConfig`): `displayName` (the title of the
 * page asking users to accept the terms), `purpose` (why) and `buttonText` (its button). Written
 * by an administrator, each is a plain text within its length limit (`checkTermsDisplay`, on a
 * `PUT`); read for a page, only such texts are used (`termsDisplayOf`), so that a document stored
 * before the limits never breaks a page. Other `uiConfig` members are kept as they are.
 */
import { selfServiceConfigError } from '../config-errors.ts';

/** The display texts, in the order the page shows them. */
export const TERMS_DISPLAY_KEYS = ['displayName', 'purpose', 'buttonText'] as const;
export type TermsDisplayKey = (typeof TERMS_DISPLAY_KEYS)[number];

/** The longest text of each, in characters. */
export const TERMS_DISPLAY_LIMITS: Readonly<Record<TermsDisplayKey, number>> = { displayName: 120, purpose: 500, buttonText: 40 };

/** The display texts a page uses (absent: the page's own). */
export type TermsDisplay = Partial<Record<TermsDisplayKey, string>>;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `value` cannot be the text `key` (undefined, null and '' are "none"), or undefined. */
export function termsDisplayProblem(key: TermsDisplayKey, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > TERMS_DISPLAY_LIMITS[key]) return `must be at most ${TERMS_DISPLAY_LIMITS[key]} characters`;
  if (CONTROL.test(value)) return 'must be one line of text, without control characters';
  return undefined;
}

/** The usable display texts of `uiConfig` (own members only; a text with a problem, or blank, is left out). */
export function termsDisplayOf(uiConfig: unknown): TermsDisplay {
  const display: TermsDisplay = {};
  if (typeof uiConfig !== 'object' || uiConfig === null || Array.isArray(uiConfig)) return display;
  for (const key of TERMS_DISPLAY_KEYS) {
    const value: unknown = Object.hasOwn(uiConfig, key) ? Reflect.get(uiConfig, key) : undefined;
    if (typeof value === 'string' && value.trim() !== '' && termsDisplayProblem(key, value) === undefined) display[key] = value.trim();
  }
  return display;
}

/** Refuses (INVALID_TERMS_CONFIG, naming `uiConfig.<key>`) a document whose display texts break the limits. */
export function checkTermsDisplay(config: { uiConfig?: Record<string, unknown> }): void {
  const uiConfig = config.uiConfig;
  if (uiConfig === undefined) return;
  for (const key of TERMS_DISPLAY_KEYS) {
    const problem = termsDisplayProblem(key, Object.hasOwn(uiConfig, key) ? uiConfig[key] : undefined);
    if (problem !== undefined) throw selfServiceConfigError('INVALID_TERMS_CONFIG', `selfservice.terms: uiConfig.${key} ${problem}`, `uiConfig.${key}`);
  }
}
