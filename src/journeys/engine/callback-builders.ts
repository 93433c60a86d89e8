/**
 * Builders for the callbacks Arbor sends, byte-compatible with AM's JSON (output names, order and
 * value types). One function per callback type; the runner adds `IDToken` names and `_id`.
 */
import type { Callback } from './callbacks.ts';

/** Message types of TextOutputCallback: AM sends them as strings. */
export type MessageType = '0' | '1' | '2' | '4';

/** NameCallback: a plain text prompt (Platform Username without validation). */
export function nameCallback(prompt: string, value = ''): Callback {
  return { type: 'NameCallback', output: [{ name: 'prompt', value: prompt }], inputs: [{ suffix: '', value, kind: 'string' }] };
}

/** PasswordCallback: a masked prompt. */
export function passwordCallback(prompt: string): Callback {
  return { type: 'PasswordCallback', output: [{ name: 'prompt', value: prompt }], inputs: [{ suffix: '', value: '', kind: 'string' }] };
}

/** TextInputCallback: a plain text prompt with an optional default. */
export function textInputCallback(prompt: string, defaultText = ''): Callback {
  return {
    type: 'TextInputCallback',
    output: [{ name: 'prompt', value: prompt }, { name: 'defaultText', value: defaultText }],
    inputs: [{ suffix: '', value: '', kind: 'string' }],
  };
}

/** TextOutputCallback: read-only text; `messageType` "0" info, "1" warning, "2" error. */
export function textOutputCallback(message: string, messageType: MessageType = '0'): Callback {
  return { type: 'TextOutputCallback', output: [{ name: 'message', value: message }, { name: 'messageType', value: messageType }], inputs: [] };
}

/** ChoiceCallback: pick one of `choices` by index. */
export function choiceCallback(prompt: string, choices: string[], defaultChoice: number): Callback {
  return {
    type: 'ChoiceCallback',
    output: [{ name: 'prompt', value: prompt }, { name: 'choices', value: choices }, { name: 'defaultChoice', value: defaultChoice }],
    inputs: [{ suffix: '', value: defaultChoice, kind: 'number' }],
  };
}

/** Option types of ConfirmationCallback (-1 means custom `options`). */
export type OptionType = -1 | 0 | 1 | 2;

/** ConfirmationCallback: pick one of `options` by index. */
export function confirmationCallback(args: {
  prompt?: string;
  messageType?: number;
  options: string[];
  optionType?: OptionType;
  defaultOption: number;
}): Callback {
  return {
    type: 'ConfirmationCallback',
    output: [
      { name: 'prompt', value: args.prompt ?? '' },
      { name: 'messageType', value: args.messageType ?? 0 },
      { name: 'options', value: args.options },
      { name: 'optionType', value: args.optionType ?? -1 },
      { name: 'defaultOption', value: args.defaultOption },
    ],
    inputs: [{ suffix: '', value: args.defaultOption, kind: 'number' }],
  };
}

/** HiddenValueCallback: AM pre-fills the input with the id. */
export function hiddenValueCallback(id: string, value = ''): Callback {
  return { type: 'HiddenValueCallback', output: [{ name: 'value', value }, { name: 'id', value: id }], inputs: [{ suffix: '', value: id, kind: 'string' }] };
}

/** The IDM policy object a validated callback carries (`{}` when there is no validation). */
export type PoliciesObject = Record<string, unknown>;

/** ValidatedCreateUsernameCallback: Platform Username with validation; `failedPolicies` are JSON strings. */
export function validatedCreateUsernameCallback(args: {
  prompt: string;
  policies: PoliciesObject;
  failedPolicies: string[];
  validateOnly?: boolean;
  value?: string;
}): Callback {
  return {
    type: 'ValidatedCreateUsernameCallback',
    output: [
      { name: 'policies', value: args.policies },
      { name: 'failedPolicies', value: args.failedPolicies },
      { name: 'validateOnly', value: args.validateOnly ?? false },
      { name: 'prompt', value: args.prompt },
    ],
    inputs: [
      { suffix: '', value: args.value ?? '', kind: 'string' },
      { suffix: 'validateOnly', value: args.validateOnly ?? false, kind: 'boolean' },
    ],
  };
}

/** ValidatedCreatePasswordCallback: Platform Password with validation; never echoes the password. */
export function validatedCreatePasswordCallback(args: {
  prompt: string;
  policies: PoliciesObject;
  failedPolicies: string[];
  validateOnly?: boolean;
}): Callback {
  return {
    type: 'ValidatedCreatePasswordCallback',
    output: [
      { name: 'echoOn', value: false },
      { name: 'policies', value: args.policies },
      { name: 'failedPolicies', value: args.failedPolicies },
      { name: 'validateOnly', value: args.validateOnly ?? false },
      { name: 'prompt', value: args.prompt },
    ],
    inputs: [
      { suffix: '', value: '', kind: 'string' },
      { suffix: 'validateOnly', value: args.validateOnly ?? false, kind: 'boolean' },
    ],
  };
}
