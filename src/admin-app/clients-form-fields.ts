/**
 * The OAuth client form's labelled controls: text, lines, JSON, seconds, choices and checkboxes,
 * each with its help text and the problems found with it (the form's own or the server's) listed
 * under it, tied to the control with `aria-describedby` and marked `aria-invalid`.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import type { ClientField, ClientForm } from './clients-model.ts';

type Change = (event: { target: { value: string } }) => void;
type Toggle = (event: { target: { checked: boolean } }) => void;

/** The form's fields of each kind. */
type TextField = 'clientId' | 'name' | 'jwksUri' | 'backchannelLogoutUri' | 'scopes' | 'defaultScopes';
type LinesField = 'redirectionUris' | 'postLogoutRedirectUri';
type SecondsField = 'accessTokenLifetime' | 'refreshTokenLifetime' | 'authorizationCodeLifetime' | 'defaultMaxAge';
type ChoiceField = 'clientType' | 'status' | 'tokenEndpointAuthMethod' | 'tokenEndpointAuthSigningAlgorithm' | 'publicKeyLocation' | 'idTokenSignedResponseAlg';
type CheckField = 'isConsentImplied' | 'backchannelLogoutSessionRequired' | 'defaultMaxAgeEnabled';

/** One choice of a select. */
export interface Choice {
  value: string;
  label: string;
}

/** The controls of the form, bound to its values, problems and setter. */
export interface ClientFieldKit {
  text(name: TextField, label: string, hint?: string, extra?: Record<string, unknown>): ReactElement;
  lines(name: LinesField, label: string, hint: string): ReactElement;
  keySet(label: string, hint: string): ReactElement;
  seconds(name: SecondsField, label: string, max: number, hint?: string): ReactElement;
  /** A select of `choices`; `pick` stores the chosen value. A stored value not among them is offered as it is. */
  choice(name: ChoiceField, label: string, choices: readonly Choice[], pick: (value: string) => void, hint?: string): ReactElement;
  check(name: CheckField, label: string, hint?: string): ReactElement;
  /** The problems of `name` as a list (for controls laid out by the caller), or null. */
  errors(name: ClientField): ReactElement | null;
}

/** The id of `name`'s control. */
export function fieldId(name: ClientField): string {
  return `client-field-${name}`;
}

/** The kit for `form`, its problems by field, and `set`. */
export function clientFieldKit(form: ClientForm, problems: ReadonlyMap<ClientField, string[]>, set: <K extends ClientField>(field: K, value: ClientForm[K]) => void): ClientFieldKit {
  const errors = (name: ClientField): ReactElement | null => {
    const messages = problems.get(name);
    return messages === undefined ? null : h('ul', { id: `${fieldId(name)}-errors`, className: 'field-errors' }, ...messages.map((message, index) => h('li', { key: index }, message)));
  };
  const common = (name: ClientField, hint: string | undefined): Record<string, unknown> => {
    const id = fieldId(name);
    const invalid = problems.has(name);
    const described = [hint === undefined ? undefined : `${id}-hint`, invalid ? `${id}-errors` : undefined].filter((entry) => entry !== undefined).join(' ');
    return { id, 'aria-describedby': described === '' ? undefined : described, 'aria-invalid': invalid ? true : undefined };
  };
  const hintOf = (name: ClientField, hint: string | undefined): ReactElement | null => (hint === undefined ? null : h('small', { id: `${fieldId(name)}-hint`, className: 'hint' }, hint));
  const field = (name: ClientField, label: string, control: ReactElement, hint: string | undefined): ReactElement =>
    h('div', { key: name, className: 'field' }, h('label', { htmlFor: fieldId(name) }, label), control, hintOf(name, hint), errors(name));

  return {
    errors,
    text: (name, label, hint, extra = {}) =>
      field(name, label, h('input', { ...common(name, hint), ...extra, type: 'text', value: form[name], maxLength: 2048, spellCheck: false, onChange: ((event) => set(name, event.target.value)) satisfies Change }), hint),
    lines: (name, label, hint) => field(name, label, h('textarea', { ...common(name, hint), rows: 3, value: form[name], spellCheck: false, onChange: ((event) => set(name, event.target.value)) satisfies Change }), hint),
    keySet: (label, hint) =>
      field('jwkSet', label, h('textarea', { ...common('jwkSet', hint), rows: 8, value: form.jwkSet, spellCheck: false, placeholder: '{"keys": [{"kty": "EC", "crv": "P-256", "x": "…", "y": "…"}]}', onChange: ((event) => set('jwkSet', event.target.value)) satisfies Change }), hint),
    seconds: (name, label, max, hint) =>
      field(name, label, h('input', { ...common(name, hint), type: 'number', min: 0, max, step: 1, value: form[name], onChange: ((event) => set(name, event.target.value)) satisfies Change }), hint),
    choice: (name, label, choices, pick, hint) => {
      const value = form[name];
      const known = choices.some((choice) => choice.value === value) ? choices : [...choices, { value, label: `${value} (as stored)` }];
      return field(name, label, h('select', { ...common(name, hint), value, onChange: ((event) => pick(event.target.value)) satisfies Change }, ...known.map((choice) => h('option', { key: choice.value, value: choice.value }, choice.label))), hint);
    },
    check: (name, label, hint) =>
      h(
        'div',
        { key: name, className: 'field-with-check' },
        h('div', { className: 'field check' }, h('input', { ...common(name, hint), type: 'checkbox', checked: form[name], onChange: ((event) => set(name, event.target.checked)) satisfies Toggle }), h('label', { htmlFor: fieldId(name) }, label)),
        hintOf(name, hint),
        errors(name),
      ),
  };
}
