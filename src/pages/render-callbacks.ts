/**
 * The HTML rendering of each callback type of a step: labelled inputs named as the wire names them
 * (`IDToken<N>[suffix]`), so that the form posts back exactly what the REST client would send.
 * Failed policies are shown next to their field (`role="alert"`, tied with `aria-describedby`).
 * A type these pages do not render yet says so, with its inputs kept as they are.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { escapeHtml, textOf } from './html-escape.ts';
import { policyMessages } from './policy-messages.ts';

/** Terms Markdown to sanitized HTML. */
export type TermsRenderer = (markdown: string) => string;

/** The fields of a step, and whether the page needs its own submit button. */
export interface RenderedCallbacks {
  html: string;
  /** False when the step's buttons are its confirmation options or providers, or when nothing can be answered. */
  submitButton: boolean;
}

function output(callback: CallbackJson, name: string): unknown {
  return callback.output.find((entry) => entry.name === name)?.value;
}

function inputOf(callback: CallbackJson, name: string): unknown {
  return callback.input?.find((entry) => entry.name === name)?.value;
}

const AUTOCOMPLETE: Record<string, string> = { mail: 'email', givenName: 'given-name', sn: 'family-name', telephoneNumber: 'tel', userName: 'username' };

function policyList(id: string, failedPolicies: unknown): { html: string; describedBy: string } {
  const messages = policyMessages(failedPolicies);
  if (messages.length === 0) return { html: '', describedBy: '' };
  const items = messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('');
  // The alert role sits on a wrapper: on the <ul> itself it would hide the list from assistive technology.
  return { html: `<div id="${id}-errors" role="alert"><ul class="field-errors">${items}</ul></div>`, describedBy: ` aria-describedby="${id}-errors" aria-invalid="true"` };
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function textField(args: { name: string; label: string; type: string; value: string; autocomplete: string; required: boolean; failedPolicies?: unknown }): string {
  const errors = policyList(args.name, args.failedPolicies);
  const value = args.type === 'password' ? '' : ` value="${escapeHtml(args.value)}"`;
  return (
    `<div class="field"><label for="${escapeHtml(args.name)}">${escapeHtml(args.label)}</label>` +
    `<input id="${escapeHtml(args.name)}" name="${escapeHtml(args.name)}" type="${args.type}"${value} autocomplete="${args.autocomplete}"${args.required ? ' required' : ''}${errors.describedBy}>` +
    `${errors.html}</div>`
  );
}

function message(text: string, messageType: string): string {
  const kind = messageType === '2' ? 'error' : messageType === '1' ? 'warning' : 'info';
  return `<p class="message ${kind}"${kind === 'info' ? '' : ' role="alert"'}>${escapeHtml(text)}</p>`;
}

function attributeField(callback: CallbackJson, name: string): string {
  const attribute = textOf(output(callback, 'name'));
  const label = textOf(output(callback, 'prompt'));
  const required = output(callback, 'required') === true;
  const failedPolicies = output(callback, 'failedPolicies');
  const validateOnly = hidden(`${name}validateOnly`, 'false');
  if (callback.type === 'BooleanAttributeInputCallback') {
    const errors = policyList(name, failedPolicies);
    const checked = inputOf(callback, name) === true ? ' checked' : '';
    return `<div class="field check">${hidden(name, 'false')}<input id="${name}" name="${name}" type="checkbox" value="true"${checked}${errors.describedBy}><label for="${name}">${escapeHtml(label)}</label>${errors.html}</div>${validateOnly}`;
  }
  const type = callback.type === 'NumberAttributeInputCallback' ? 'number' : attribute === 'mail' ? 'email' : 'text';
  const autocomplete = Object.hasOwn(AUTOCOMPLETE, attribute) ? (AUTOCOMPLETE[attribute] ?? 'off') : 'off';
  return textField({ name, label, type, value: textOf(inputOf(callback, name)), autocomplete, required, failedPolicies }) + validateOnly;
}

function choiceField(callback: CallbackJson, name: string): string {
  const choices = output(callback, 'choices');
  const selected = inputOf(callback, name);
  const radios = (Array.isArray(choices) ? choices : []).map((choice, index) => {
    const id = `${name}-${index}`;
    return `<div class="check"><input type="radio" id="${id}" name="${name}" value="${index}"${selected === index ? ' checked' : ''}><label for="${id}">${escapeHtml(textOf(choice))}</label></div>`;
  });
  return `<fieldset class="field"><legend>${escapeHtml(textOf(output(callback, 'prompt')))}</legend>${radios.join('')}</fieldset>`;
}

/** AM's standard options when a confirmation names none: YES 0, NO 1, CANCEL 2, OK 3. */
const STANDARD_OPTIONS: Record<string, [string, number][]> = {
  '0': [['Yes', 0], ['No', 1]],
  '1': [['Yes', 0], ['No', 1], ['Cancel', 2]],
  '2': [['OK', 3], ['Cancel', 2]],
};

function confirmationButtons(callback: CallbackJson, name: string): string {
  const options = output(callback, 'options');
  const named: [string, number][] = Array.isArray(options) && options.length > 0 ? options.map((option, index) => [textOf(option), index]) : (STANDARD_OPTIONS[textOf(output(callback, 'optionType'))] ?? []);
  const prompt = textOf(output(callback, 'prompt'));
  const buttons = named.map(([label, value]) => `<button type="submit" name="${name}" value="${value}">${escapeHtml(label)}</button>`).join('');
  return `${prompt === '' ? '' : `<p>${escapeHtml(prompt)}</p>`}${hidden(name, textOf(inputOf(callback, name)))}<div class="actions">${buttons}</div>`;
}

function kbaCreateField(callback: CallbackJson, name: string): string {
  const questions = output(callback, 'predefinedQuestions');
  const chosen = textOf(inputOf(callback, `${name}question`));
  const options = (Array.isArray(questions) ? questions : []).map((question) => {
    const text = textOf(question);
    return `<option value="${escapeHtml(text)}"${text === chosen ? ' selected' : ''}>${escapeHtml(text)}</option>`;
  });
  const custom = output(callback, 'allowUserDefinedQuestions') !== false;
  const customField = custom ? `<div class="field"><label for="${name}question.custom">Or write your own question</label><input id="${name}question.custom" name="${name}question.custom" type="text" autocomplete="off"></div>` : '';
  return (
    `<fieldset class="field"><legend>${escapeHtml(textOf(output(callback, 'prompt')))}</legend>` +
    `<div class="field"><label for="${name}question">Question</label><select id="${name}question" name="${name}question"><option value="">Choose a question</option>${options.join('')}</select></div>` +
    customField +
    `<div class="field"><label for="${name}answer">Answer</label><input id="${name}answer" name="${name}answer" type="text" autocomplete="off" required></div></fieldset>`
  );
}

function termsField(callback: CallbackJson, name: string, renderTerms: TermsRenderer): string {
  const terms = renderTerms(textOf(output(callback, 'terms')));
  return (
    `<section class="terms" aria-label="Terms and conditions">${terms}</section>` +
    `<div class="field check">${hidden(name, 'false')}<input id="${name}" name="${name}" type="checkbox" value="true" required><label for="${name}">I accept the terms and conditions</label></div>`
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
function selectIdPButtons(callback: CallbackJson, name: string): string {
  const providers = output(callback, 'providers');
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
  const localPart = local ? `${hidden(name, 'localAuthentication')}<div class="actions"><button type="submit">Next</button></div>` : '';
  const providerPart = buttons.length === 0 ? '' : `<div class="providers" role="group" aria-label="Sign in with"><p>${local ? 'Or sign in with' : 'Sign in with'}</p><div class="actions">${buttons.join('')}</div></div>`;
  return localPart + providerPart;
}

function unsupported(callback: CallbackJson): string {
  const kept = (callback.input ?? []).map((entry) => hidden(entry.name, typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value ?? ''))).join('');
  return `<p class="message error" role="alert">This step needs a client that supports ${escapeHtml(callback.type)}.</p>${kept}`;
}

function renderOne(callback: CallbackJson, position: number, renderTerms: TermsRenderer): string {
  const name = `IDToken${position + 1}`;
  switch (callback.type) {
    case 'NameCallback':
      return textField({ name, label: textOf(output(callback, 'prompt')), type: 'text', value: textOf(inputOf(callback, name)), autocomplete: 'username', required: true });
    case 'PasswordCallback':
      return textField({ name, label: textOf(output(callback, 'prompt')), type: 'password', value: '', autocomplete: 'current-password', required: true, failedPolicies: output(callback, 'failedPolicies') });
    case 'ValidatedCreateUsernameCallback':
      return textField({ name, label: textOf(output(callback, 'prompt')), type: 'text', value: textOf(inputOf(callback, name)), autocomplete: 'username', required: true, failedPolicies: output(callback, 'failedPolicies') }) + hidden(`${name}validateOnly`, 'false');
    case 'ValidatedCreatePasswordCallback':
      return textField({ name, label: textOf(output(callback, 'prompt')), type: 'password', value: '', autocomplete: 'new-password', required: true, failedPolicies: output(callback, 'failedPolicies') }) + hidden(`${name}validateOnly`, 'false');
    case 'StringAttributeInputCallback':
    case 'NumberAttributeInputCallback':
    case 'BooleanAttributeInputCallback':
      return attributeField(callback, name);
    case 'ChoiceCallback':
      return choiceField(callback, name);
    case 'ConfirmationCallback':
      return confirmationButtons(callback, name);
    case 'TextOutputCallback':
      if (textOf(output(callback, 'messageType')) === '4') return '<p class="message warning" role="alert">This step needs a client that runs scripts.</p>';
      return message(textOf(output(callback, 'message')), textOf(output(callback, 'messageType')));
    case 'SuspendedTextOutputCallback':
      return message(textOf(output(callback, 'message')), textOf(output(callback, 'messageType')));
    case 'HiddenValueCallback':
      return hidden(name, textOf(inputOf(callback, name)));
    case 'TermsAndConditionsCallback':
      return termsField(callback, name, renderTerms);
    case 'KbaCreateCallback':
      return kbaCreateField(callback, name);
    case 'SelectIdPCallback':
      return selectIdPButtons(callback, name);
    default:
      return unsupported(callback);
  }
}

/**
 * The fields of `callbacks` (one step, in order). `renderTerms` turns terms Markdown into sanitized
 * HTML (the terms service's renderer, loaded by the caller only when a step shows terms).
 */
export function renderCallbacks(callbacks: readonly CallbackJson[], renderTerms: TermsRenderer): RenderedCallbacks {
  const html = callbacks.map((callback, position) => renderOne(callback, position, renderTerms)).join('\n');
  const confirmation = callbacks.some((callback) => callback.type === 'ConfirmationCallback');
  const ownButtons = callbacks.some((callback) => callback.type === 'SuspendedTextOutputCallback' || callback.type === 'SelectIdPCallback');
  return { html, submitButton: !confirmation && !ownButtons };
}
