/**
 * What a new password's field gets beyond the input: its rules listed under it (words from the
 * policy messages, each with a `data-check` the page script ticks while the person types), the
 * show/hide button (rendered hidden; the script shows it), and a second field to confirm the
 * password when the stage asks for it. Without JavaScript the rules still read as a list.
 */
import { escapeHtml } from './html-escape.ts';
import type { PasswordRule } from './password-rules.ts';
import type { CallbackText } from './render-consent-mapping.ts';

/** The field name of the confirmation of password field `name`. */
export function confirmFieldName(name: string): string {
  return `${name}confirm`;
}

/** The show/hide button of password input `inputId`; hidden until the page script runs. */
export function revealButton(inputId: string, t: CallbackText): string {
  return `<button type="button" class="reveal secondary" data-reveal="${escapeHtml(inputId)}" data-hide-label="${escapeHtml(t('hidePassword'))}" aria-pressed="false" hidden>${escapeHtml(t('showPassword'))}</button>`;
}

/**
 * The rules list of password input `inputId` (`id="<inputId>-rules"`, for its aria-describedby),
 * each rule worded by `describe`; '' without rules.
 */
export function passwordRulesList(inputId: string, rules: readonly PasswordRule[], describe: (rule: PasswordRule) => string, t: CallbackText): string {
  if (rules.length === 0) return '';
  const items = rules
    .map(
      (rule) =>
        `<li data-check="${escapeHtml(rule.check)}">${escapeHtml(describe(rule))}<span class="visually-hidden" data-met="${escapeHtml(t('ruleMet'))}" data-unmet="${escapeHtml(t('ruleNotMet'))}"></span></li>`,
    )
    .join('');
  return `<div class="password-rules" id="${escapeHtml(inputId)}-rules"><p>${escapeHtml(t('passwordRules'))}</p><ul data-rules-for="${escapeHtml(inputId)}">${items}</ul></div>`;
}

/** The confirmation field of password input `name`, checked by the page script and by the server. */
export function confirmPasswordField(name: string, t: CallbackText): string {
  const id = confirmFieldName(name);
  return (
    `<div class="field"><label for="${id}">${escapeHtml(t('confirmPassword'))}</label>` +
    `<input id="${id}" name="${id}" type="password" autocomplete="new-password" required data-confirms="${escapeHtml(name)}" data-mismatch="${escapeHtml(t('passwordsDiffer'))}"></div>`
  );
}
