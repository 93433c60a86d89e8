/**
 * The HTML rendering of each callback type of a step: labelled inputs named as the wire names them
 * (`IDToken<N>[suffix]`), so that the form posts back exactly what the REST client would send.
 * Failed policies are shown next to their field (`role="alert"`, tied with `aria-describedby`).
 * A type these pages do not render yet says so, with its inputs kept as they are. The pages' own
 * texts come from the catalogue, and Arbor's English defaults (prompts, messages, questions) are
 * shown in the page's language (`known-texts.ts`); a journey's own texts are shown as sent.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { inputValue, outputValue } from './callback-values.ts';
import { escapeHtml, textOf } from './html-escape.ts';
import type { Translate } from './i18n/define-catalog.ts';
import type { LoginMessageId } from './i18n/login-messages.ts';
import { callbackMessages } from './i18n/callback-messages.ts';
import { translator } from './i18n/define-catalog.ts';
import { pageText } from './known-texts.ts';
import { passwordRules } from './password-rules.ts';
import { policyMessages } from './policy-messages.ts';
import { captchaField } from './render-captcha.ts';
import type { CallbackText } from './render-consent-mapping.ts';
import { consentMappingField } from './render-consent-mapping.ts';
import { confirmPasswordField, passwordRulesList, revealButton } from './render-password-extras.ts';
import { pollingWaitField } from './render-polling-wait.ts';
import type { StageHints } from './stage-hints.ts';
import { stageHints } from './stage-hints.ts';

type Text = Translate<LoginMessageId>;

/** Terms Markdown to sanitized HTML. */
export type TermsRenderer = (markdown: string) => string;

/** What a step's rendering needs beyond its callbacks. */
export interface RenderOptions {
  /** The texts of the richer callbacks in the page's language (English by default). */
  callbackText?: CallbackText;
  /** The step's `stage` (its JSON UI hints are honoured). */
  stage?: unknown;
}

/** What every callback's rendering shares. */
interface Rendering {
  t: Text;
  ct: CallbackText;
  hints: StageHints;
  renderTerms: TermsRenderer;
  /** Each security question's place among the step's questions (`1/2`), by callback position; none when there is one. */
  kbaOrdinals: ReadonlyMap<number, string>;
}

function kbaOrdinalsOf(callbacks: readonly CallbackJson[]): Map<number, string> {
  const positions = callbacks.flatMap((callback, position) => (callback.type === 'KbaCreateCallback' ? [position] : []));
  return new Map(positions.length < 2 ? [] : positions.map((position, index) => [position, `${index + 1}/${positions.length}`]));
}

/** The fields of a step, and whether the page needs its own submit button. */
export interface RenderedCallbacks {
  html: string;
  /** False when the step's buttons are its confirmation options or providers, or when nothing can be answered. */
  submitButton: boolean;
  /** The submit button's label when the stage names one (`submitButtonText`). */
  submitText?: string;
}

const AUTOCOMPLETE: Record<string, string> = { mail: 'email', givenName: 'given-name', sn: 'family-name', telephoneNumber: 'tel', userName: 'username' };

function policyList(id: string, failedPolicies: unknown, t: Text): { html: string; describedBy: string } {
  const messages = policyMessages(failedPolicies, t);
  if (messages.length === 0) return { html: '', describedBy: '' };
  const items = messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('');
  // The alert role sits on a wrapper: on the <ul> itself it would hide the list from assistive technology.
  return { html: `<div id="${id}-errors" role="alert"><ul class="field-errors">${items}</ul></div>`, describedBy: ` aria-describedby="${id}-errors" aria-invalid="true"` };
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function textField(
  t: Text,
  args: { name: string; label: string; type: string; value: string; autocomplete: string; required: boolean; failedPolicies?: unknown; describedBy?: string; after?: string },
): string {
  const errors = policyList(args.name, args.failedPolicies, t);
  const value = args.type === 'password' ? '' : ` value="${escapeHtml(args.value)}"`;
  const described = [errors.describedBy === '' ? '' : `${args.name}-errors`, args.describedBy ?? ''].filter((id) => id !== '').join(' ');
  const describedBy = described === '' ? '' : ` aria-describedby="${escapeHtml(described)}"${errors.describedBy === '' ? '' : ' aria-invalid="true"'}`;
  return (
    `<div class="field"><label for="${escapeHtml(args.name)}">${escapeHtml(pageText(args.label, t))}</label>` +
    `<input id="${escapeHtml(args.name)}" name="${escapeHtml(args.name)}" type="${args.type}"${value} autocomplete="${args.autocomplete}"${args.required ? ' required' : ''}${describedBy}>` +
    `${args.after ?? ''}${errors.html}</div>`
  );
}

/** A new password: its field with the show button and its rules (live-checked by the page script), and its confirmation when the stage asks for it. */
function newPasswordField(r: Rendering, callback: CallbackJson, name: string): string {
  // After a refusal the failed policies say what is wrong; the rules list would only repeat them.
  const failedPolicies = outputValue(callback, 'failedPolicies');
  const rules = Array.isArray(failedPolicies) && failedPolicies.length > 0 ? [] : passwordRules(outputValue(callback, 'policies'));
  const describe = (rule: { requirement: string; params: Record<string, unknown> }): string => policyMessages([{ policyRequirement: rule.requirement, params: rule.params }], r.t)[0] ?? rule.requirement;
  const list = passwordRulesList(name, rules, describe, r.ct);
  const field = textField(r.t, {
    name,
    label: textOf(outputValue(callback, 'prompt')),
    type: 'password',
    value: '',
    autocomplete: 'new-password',
    required: true,
    failedPolicies,
    ...(list === '' ? {} : { describedBy: `${name}-rules` }),
    after: revealButton(name, r.ct) + list,
  });
  return field + (r.hints.confirmPassword ? confirmPasswordField(name, r.ct) : '') + hidden(`${name}validateOnly`, 'false');
}

function message(t: Text, text: string, messageType: string): string {
  const kind = messageType === '2' ? 'error' : messageType === '1' ? 'warning' : 'info';
  return `<p class="message ${kind}"${kind === 'info' ? '' : ' role="alert"'}>${escapeHtml(pageText(text, t))}</p>`;
}

function attributeField(t: Text, callback: CallbackJson, name: string): string {
  const attribute = textOf(outputValue(callback, 'name'));
  const label = textOf(outputValue(callback, 'prompt'));
  const required = outputValue(callback, 'required') === true;
  const failedPolicies = outputValue(callback, 'failedPolicies');
  const validateOnly = hidden(`${name}validateOnly`, 'false');
  if (callback.type === 'BooleanAttributeInputCallback') {
    const errors = policyList(name, failedPolicies, t);
    const checked = inputValue(callback, name) === true ? ' checked' : '';
    return `<div class="field check">${hidden(name, 'false')}<input id="${name}" name="${name}" type="checkbox" value="true"${checked}${errors.describedBy}><label for="${name}">${escapeHtml(pageText(label, t))}</label>${errors.html}</div>${validateOnly}`;
  }
  const type = callback.type === 'NumberAttributeInputCallback' ? 'number' : attribute === 'mail' ? 'email' : 'text';
  const autocomplete = Object.hasOwn(AUTOCOMPLETE, attribute) ? (AUTOCOMPLETE[attribute] ?? 'off') : 'off';
  return textField(t, { name, label, type, value: textOf(inputValue(callback, name)), autocomplete, required, failedPolicies }) + validateOnly;
}

function choiceField(t: Text, callback: CallbackJson, name: string): string {
  const choices = outputValue(callback, 'choices');
  const selected = inputValue(callback, name);
  const radios = (Array.isArray(choices) ? choices : []).map((choice, index) => {
    const id = `${name}-${index}`;
    return `<div class="check"><input type="radio" id="${id}" name="${name}" value="${index}"${selected === index ? ' checked' : ''}><label for="${id}">${escapeHtml(pageText(textOf(choice), t))}</label></div>`;
  });
  return `<fieldset class="field"><legend>${escapeHtml(pageText(textOf(outputValue(callback, 'prompt')), t))}</legend>${radios.join('')}</fieldset>`;
}

/** AM's standard options when a confirmation names none: YES 0, NO 1, CANCEL 2, OK 3. */
const STANDARD_OPTIONS: Readonly<Record<string, readonly [LoginMessageId, number][]>> = {
  '0': [['yes', 0], ['no', 1]],
  '1': [['yes', 0], ['no', 1], ['cancel', 2]],
  '2': [['ok', 3], ['cancel', 2]],
};

function confirmationButtons(t: Text, callback: CallbackJson, name: string): string {
  const options = outputValue(callback, 'options');
  const optionType = textOf(outputValue(callback, 'optionType'));
  const standard = Object.hasOwn(STANDARD_OPTIONS, optionType) ? (STANDARD_OPTIONS[optionType] ?? []) : [];
  const named: [string, number][] = Array.isArray(options) && options.length > 0 ? options.map((option, index) => [pageText(textOf(option), t), index]) : standard.map(([id, value]) => [t(id), value]);
  const prompt = pageText(textOf(outputValue(callback, 'prompt')), t);
  const buttons = named.map(([label, value]) => `<button type="submit" name="${name}" value="${value}">${escapeHtml(label)}</button>`).join('');
  return `${prompt === '' ? '' : `<p>${escapeHtml(prompt)}</p>`}${hidden(name, textOf(inputValue(callback, name)))}<div class="actions">${buttons}</div>`;
}

/** A question's value is the text the journey sent (so that it is recognised); its label may be translated. */
/** `ordinal` is this question's place among the step's questions (`1/2`), '' when it is the only one. */
function kbaCreateField(t: Text, callback: CallbackJson, name: string, ordinal: string): string {
  const questions = outputValue(callback, 'predefinedQuestions');
  const chosen = textOf(inputValue(callback, `${name}question`));
  const options = (Array.isArray(questions) ? questions : []).map((question) => {
    const text = textOf(question);
    return `<option value="${escapeHtml(text)}"${text === chosen ? ' selected' : ''}>${escapeHtml(pageText(text, t))}</option>`;
  });
  const custom = outputValue(callback, 'allowUserDefinedQuestions') !== false;
  // Answers the journey echoes (another field of the page was refused) are kept, the own question too.
  const predefined = Array.isArray(questions) && questions.some((question) => textOf(question) === chosen);
  const ownQuestion = predefined ? '' : chosen;
  const customField = custom
    ? `<div class="field"><label for="${name}question.custom">${escapeHtml(t('ownQuestion'))}</label><input id="${name}question.custom" name="${name}question.custom" type="text" value="${escapeHtml(ownQuestion)}" autocomplete="off"></div>`
    : '';
  const answer = textOf(inputValue(callback, `${name}answer`));
  return (
    `<fieldset class="field"><legend>${escapeHtml(pageText(textOf(outputValue(callback, 'prompt')), t))}${ordinal === '' ? '' : ` <span class="count">(${ordinal})</span>`}</legend>` +
    `<div class="field"><label for="${name}question">${escapeHtml(t('question'))}</label><select id="${name}question" name="${name}question"><option value="">${escapeHtml(t('chooseQuestion'))}</option>${options.join('')}</select></div>` +
    customField +
    `<div class="field"><label for="${name}answer">${escapeHtml(t('answer'))}</label><input id="${name}answer" name="${name}answer" type="text" value="${escapeHtml(answer)}" autocomplete="off" required></div></fieldset>`
  );
}

function termsField(t: Text, callback: CallbackJson, name: string, renderTerms: TermsRenderer): string {
  const terms = renderTerms(textOf(outputValue(callback, 'terms')));
  return (
    `<section class="terms" aria-label="${escapeHtml(t('termsLabel'))}">${terms}</section>` +
    `<div class="field check">${hidden(name, 'false')}<input id="${name}" name="${name}" type="checkbox" value="true" required${inputValue(callback, name) === true ? ' checked' : ''}><label for="${name}">${escapeHtml(t('acceptTerms'))}</label></div>`
  );
}

/** A same-origin image path (`/img/x.svg`), never a remote or scheme URL. */
function ownImage(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[A-Za-z0-9._~\/-]{1,300}$/.test(value) ? value : undefined;
}

/**
 * Select Identity Provider: a submit button per provider (its name and value answer the callback,
 * so no script is needed). With local sign-in offered, a hidden field answers `localAuthentication`
 * and comes first, then this step's "Next" button (first in the form, so Enter signs in locally);
 * a provider's button posts after the hidden field, and the last value wins. Provider buttons skip
 * the browser's checks of the local fields (`formnovalidate`).
 */
function selectIdPButtons(t: Text, callback: CallbackJson, name: string): string {
  const providers = outputValue(callback, 'providers');
  let local = false;
  const buttons: string[] = [];
  for (const entry of Array.isArray(providers) ? providers : []) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const record = entry as Record<string, unknown>;
    const provider = Object.hasOwn(record, 'provider') ? textOf(record.provider) : '';
    if (provider === '') continue;
    if (provider === 'localAuthentication') {
      local = true;
      continue;
    }
    const uiConfig = Object.hasOwn(record, 'uiConfig') && typeof record.uiConfig === 'object' && record.uiConfig !== null ? (record.uiConfig as Record<string, unknown>) : {};
    const label = (Object.hasOwn(uiConfig, 'buttonDisplayName') ? textOf(uiConfig.buttonDisplayName) : '') || provider;
    const image = ownImage(Object.hasOwn(uiConfig, 'buttonImage') ? uiConfig.buttonImage : undefined);
    const picture = image === undefined ? '' : `<img src="${escapeHtml(image)}" alt="" width="20" height="20"> `;
    buttons.push(`<button type="submit" name="${name}" value="${escapeHtml(provider)}" formnovalidate>${picture}${escapeHtml(label)}</button>`);
  }
  const localPart = local ? `${hidden(name, 'localAuthentication')}<div class="actions"><button type="submit">${escapeHtml(t('next'))}</button></div>` : '';
  const providerPart =
    buttons.length === 0 ? '' : `<div class="providers" role="group" aria-label="${escapeHtml(t('signInWith'))}"><p>${escapeHtml(t(local ? 'orSignInWith' : 'signInWith'))}</p><div class="actions">${buttons.join('')}</div></div>`;
  return localPart + providerPart;
}

function unsupported(t: Text, callback: CallbackJson): string {
  const kept = (callback.input ?? []).map((entry) => hidden(entry.name, typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value ?? ''))).join('');
  return `<p class="message error" role="alert">${escapeHtml(t('needsClient', { type: callback.type }))}</p>${kept}`;
}

function renderOne(r: Rendering, callback: CallbackJson, position: number): string {
  const { t, renderTerms } = r;
  const name = `IDToken${position + 1}`;
  switch (callback.type) {
    case 'NameCallback':
      return textField(t, { name, label: textOf(outputValue(callback, 'prompt')), type: 'text', value: textOf(inputValue(callback, name)), autocomplete: 'username', required: true });
    case 'PasswordCallback':
      return textField(t, { name, label: textOf(outputValue(callback, 'prompt')), type: 'password', value: '', autocomplete: 'current-password', required: true, failedPolicies: outputValue(callback, 'failedPolicies'), after: revealButton(name, r.ct) });
    case 'ValidatedCreateUsernameCallback':
      return textField(t, { name, label: textOf(outputValue(callback, 'prompt')), type: 'text', value: textOf(inputValue(callback, name)), autocomplete: 'username', required: true, failedPolicies: outputValue(callback, 'failedPolicies') }) + hidden(`${name}validateOnly`, 'false');
    case 'ValidatedCreatePasswordCallback':
      return newPasswordField(r, callback, name);
    case 'StringAttributeInputCallback':
    case 'NumberAttributeInputCallback':
    case 'BooleanAttributeInputCallback':
      return attributeField(t, callback, name);
    case 'ChoiceCallback':
      return choiceField(t, callback, name);
    case 'ConfirmationCallback':
      return confirmationButtons(t, callback, name);
    case 'TextOutputCallback':
      if (textOf(outputValue(callback, 'messageType')) === '4') return `<p class="message warning" role="alert">${escapeHtml(t('needsScripts'))}</p>`;
      return message(t, textOf(outputValue(callback, 'message')), textOf(outputValue(callback, 'messageType')));
    case 'SuspendedTextOutputCallback':
      return message(t, textOf(outputValue(callback, 'message')), textOf(outputValue(callback, 'messageType')));
    case 'HiddenValueCallback':
      return hidden(name, textOf(inputValue(callback, name)));
    case 'TermsAndConditionsCallback':
      return termsField(t, callback, name, renderTerms);
    case 'KbaCreateCallback':
      return kbaCreateField(t, callback, name, r.kbaOrdinals.get(position) ?? '');
    case 'SelectIdPCallback':
      return selectIdPButtons(t, callback, name);
    case 'TextInputCallback':
      return textField(t, { name, label: textOf(outputValue(callback, 'prompt')), type: 'text', value: textOf(inputValue(callback, name)) || textOf(outputValue(callback, 'defaultText')), autocomplete: 'off', required: false });
    case 'ConsentMappingCallback':
      return consentMappingField(callback, name, r.ct);
    case 'ReCaptchaCallback':
      return captchaField(callback, name, r.ct);
    case 'PollingWaitCallback':
      return pollingWaitField(callback, r.ct);
    default:
      return unsupported(t, callback);
  }
}

/**
 * The fields of `callbacks` (one step, in order). `renderTerms` turns terms Markdown into sanitized
 * HTML (the terms service's renderer, loaded by the caller only when a step shows terms); `t` gives
 * the texts in the page's language.
 */
export function renderCallbacks(callbacks: readonly CallbackJson[], renderTerms: TermsRenderer, t: Text, options: RenderOptions = {}): RenderedCallbacks {
  const rendering: Rendering = { t, ct: options.callbackText ?? translator(callbackMessages, 'en'), hints: stageHints(options.stage), renderTerms, kbaOrdinals: kbaOrdinalsOf(callbacks) };
  const html = callbacks.map((callback, position) => renderOne(rendering, callback, position)).join('\n');
  const confirmation = callbacks.some((callback) => callback.type === 'ConfirmationCallback');
  const ownButtons = callbacks.some((callback) => OWN_BUTTONS.has(callback.type));
  const submitText = rendering.hints.submitButtonText;
  return { html, submitButton: !confirmation && !ownButtons, ...(submitText === undefined ? {} : { submitText }) };
}

/** Steps whose callbacks bring their own buttons (or none). */
const OWN_BUTTONS = new Set(['SuspendedTextOutputCallback', 'SelectIdPCallback', 'PollingWaitCallback']);
