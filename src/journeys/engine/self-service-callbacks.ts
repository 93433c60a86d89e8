/**
 * Builders for the callbacks of the self-service and platform nodes, byte-compatible with AM's
 * JSON (output names, order and value types; see `protocol/registration-first-step.json`). The
 * runner adds `IDToken` names and `_id`.
 */
import type { PoliciesObject } from './callback-builders.ts';
import type { Callback } from './callbacks.ts';

/** The outputs shared by the three attribute input callbacks. */
export interface AttributeInputArgs<V> {
  /** The attribute, `/`-pathed for nested ones (`preferences/marketing`). */
  name: string;
  prompt: string;
  required: boolean;
  /** IDM's property policy object, `{}` without validation. */
  policies: PoliciesObject;
  /** Failed requirements as JSON strings. */
  failedPolicies: string[];
  validateOnly?: boolean;
  value: V;
}

function attributeInput<V>(type: string, args: AttributeInputArgs<V>, kind: 'string' | 'boolean' | 'any'): Callback {
  const validateOnly = args.validateOnly ?? false;
  return {
    type,
    output: [
      { name: 'name', value: args.name },
      { name: 'prompt', value: args.prompt },
      { name: 'required', value: args.required },
      { name: 'policies', value: args.policies },
      { name: 'failedPolicies', value: args.failedPolicies },
      { name: 'validateOnly', value: validateOnly },
      { name: 'value', value: args.value },
    ],
    inputs: [
      { suffix: '', value: args.value, kind },
      { suffix: 'validateOnly', value: validateOnly, kind: 'boolean' },
    ],
  };
}

/** StringAttributeInputCallback: a string attribute of the IDM schema. */
export function stringAttributeInputCallback(args: AttributeInputArgs<string>): Callback {
  return attributeInput('StringAttributeInputCallback', args, 'string');
}

/**
 * NumberAttributeInputCallback: a number attribute; `value` null when unset. The input takes any
 * JSON value so that an empty field (null, "") reaches the node, which checks it.
 */
export function numberAttributeInputCallback(args: AttributeInputArgs<number | null>): Callback {
  return attributeInput('NumberAttributeInputCallback', args, 'any');
}

/** BooleanAttributeInputCallback: a boolean attribute (a checkbox). */
export function booleanAttributeInputCallback(args: AttributeInputArgs<boolean>): Callback {
  return attributeInput('BooleanAttributeInputCallback', args, 'boolean');
}

/**
 * KbaCreateCallback: pick or write a security question and answer it. `allowUserDefinedQuestions`
 * is only sent when given (older AM never sends it; clients then allow custom questions).
 */
export function kbaCreateCallback(args: {
  prompt: string;
  predefinedQuestions: string[];
  allowUserDefinedQuestions?: boolean;
  question?: string;
  answer?: string;
}): Callback {
  return {
    type: 'KbaCreateCallback',
    output: [
      { name: 'prompt', value: args.prompt },
      { name: 'predefinedQuestions', value: args.predefinedQuestions },
      ...(args.allowUserDefinedQuestions === undefined ? [] : [{ name: 'allowUserDefinedQuestions', value: args.allowUserDefinedQuestions }]),
    ],
    inputs: [
      { suffix: 'question', value: args.question ?? '', kind: 'string' },
      { suffix: 'answer', value: args.answer ?? '', kind: 'string' },
    ],
  };
}

/** TermsAndConditionsCallback: the active terms (version, text, creation date) and an accept box. */
export function termsAndConditionsCallback(args: { version: string; terms: string; createDate: string; accepted?: boolean }): Callback {
  return {
    type: 'TermsAndConditionsCallback',
    output: [
      { name: 'version', value: args.version },
      { name: 'terms', value: args.terms },
      { name: 'createDate', value: args.createDate },
    ],
    inputs: [{ suffix: '', value: args.accepted ?? false, kind: 'boolean' }],
  };
}

/** ConsentMappingCallback: one mapping that shares the user's data, and a consent box. */
export function consentMappingCallback(args: {
  name: string;
  displayName: string;
  icon: string;
  accessLevel: string;
  isRequired: boolean;
  message: string;
  fields: string[];
  consented?: boolean;
}): Callback {
  return {
    type: 'ConsentMappingCallback',
    output: [
      { name: 'name', value: args.name },
      { name: 'displayName', value: args.displayName },
      { name: 'icon', value: args.icon },
      { name: 'accessLevel', value: args.accessLevel },
      { name: 'isRequired', value: args.isRequired },
      { name: 'message', value: args.message },
      { name: 'fields', value: args.fields },
    ],
    inputs: [{ suffix: '', value: args.consented ?? false, kind: 'boolean' }],
  };
}

/** SuspendedTextOutputCallback: the read-only message of a suspended journey ("0" info). */
export function suspendedTextOutputCallback(message: string, messageType: '0' | '1' | '2' = '0'): Callback {
  return {
    type: 'SuspendedTextOutputCallback',
    output: [
      { name: 'message', value: message },
      { name: 'messageType', value: messageType },
    ],
    inputs: [],
  };
}

/** ReCaptchaCallback: what the client needs to render the CAPTCHA; the input is its response token. */
export function reCaptchaCallback(args: {
  recaptchaSiteKey: string;
  captchaApiUri: string;
  captchaDivClass: string;
  reCaptchaV3: boolean;
  disableSubmission: boolean;
}): Callback {
  return {
    type: 'ReCaptchaCallback',
    output: [
      { name: 'recaptchaSiteKey', value: args.recaptchaSiteKey },
      { name: 'captchaApiUri', value: args.captchaApiUri },
      { name: 'captchaDivClass', value: args.captchaDivClass },
      { name: 'reCaptchaV3', value: args.reCaptchaV3 },
      { name: 'disableSubmission', value: args.disableSubmission },
    ],
    inputs: [{ suffix: '', value: '', kind: 'string' }],
  };
}
