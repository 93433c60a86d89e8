/**
 * Fuzz target 1, callback payloads: every journey of alpha and root (the defaults and any other the
 * realm has) is started on AM's authenticate REST, then the real step comes back mutated, up to
 * three steps deep: input values of the wrong type, huge, deep, unicode, NUL, numbers as strings;
 * callbacks missing, duplicated, extra, renamed or retyped; the authId replaced; `__proto__`,
 * `constructor` and duplicate keys spliced into the JSON text. Some steps are answered sensibly
 * (the right user, the right password), so the fuzz reaches the later steps of each journey.
 */
import fc from 'fast-check';
import { authenticateUrl, type FuzzArbor, FUZZ_USER } from './fuzz-arbor.ts';
import { assertSoundAnswer } from './fuzz-checks.ts';
import type { FuzzTarget } from './fuzz-target.ts';
import { caseProperty } from './fuzz-target.ts';
import { fieldValue, hostileValue, nastyString, percentEncode, spliceKey } from './hostile-values.ts';

interface Input {
  name: string;
  value: unknown;
}
interface Callback {
  type: unknown;
  output?: { name: string; value: unknown }[];
  input?: Input[];
  _id?: unknown;
}
type Step = Record<string, unknown> & { callbacks?: Callback[] };

/** What one submission does to the step it answers. */
type Mutation =
  | { kind: 'sensible' }
  | { kind: 'values'; values: unknown[] }
  | { kind: 'drop'; index: number }
  | { kind: 'duplicate'; index: number }
  | { kind: 'extra'; callback: unknown }
  | { kind: 'callbacks'; value: unknown }
  | { kind: 'rename'; index: number; name: string }
  | { kind: 'retype'; index: number; type: unknown }
  | { kind: 'authId'; value: unknown }
  | { kind: 'body'; value: unknown };

const CALLBACK_TYPES = ['NameCallback', 'PasswordCallback', 'TextOutputCallback', 'ChoiceCallback', 'ConfirmationCallback', 'HiddenValueCallback', 'ValidatedCreatePasswordCallback', 'ValidatedCreateUsernameCallback', 'StringAttributeInputCallback', 'BooleanAttributeInputCallback', 'NumberAttributeInputCallback', 'KbaCreateCallback', 'TermsAndConditionsCallback', 'SelectIdPCallback', 'RedirectCallback', 'ReCaptchaCallback', 'MetadataCallback', 'SuspendedTextOutputCallback', 'ConsentMappingCallback', 'DeviceProfileCallback', 'WebAuthnRegistrationCallback', 'PollingWaitCallback'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Mutation>({ kind: 'sensible' }) },
  { weight: 6, arbitrary: fc.array(fieldValue, { maxLength: 6 }).map((values): Mutation => ({ kind: 'values', values })) },
  { weight: 1, arbitrary: fc.nat(8).map((index): Mutation => ({ kind: 'drop', index })) },
  { weight: 1, arbitrary: fc.nat(8).map((index): Mutation => ({ kind: 'duplicate', index })) },
  { weight: 1, arbitrary: fc.oneof(hostileValue, fc.record({ type: fc.constantFrom(...CALLBACK_TYPES), input: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('IDToken1', 'IDToken2', 'IDToken99'), nastyString), value: fieldValue }), { maxLength: 2 }), _id: fc.oneof(fc.nat(9), hostileValue) })).map((callback): Mutation => ({ kind: 'extra', callback })) },
  { weight: 1, arbitrary: hostileValue.map((value): Mutation => ({ kind: 'callbacks', value })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(8), fc.oneof(nastyString, fc.constantFrom('IDToken1', 'IDToken2', 'IDToken1validateOnly'))).map(([index, name]): Mutation => ({ kind: 'rename', index, name })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(8), fc.oneof(fc.constantFrom(...CALLBACK_TYPES), hostileValue)).map(([index, type]): Mutation => ({ kind: 'retype', index, type })) },
  { weight: 1, arbitrary: hostileValue.map((value): Mutation => ({ kind: 'authId', value })) },
  { weight: 1, arbitrary: hostileValue.map((value): Mutation => ({ kind: 'body', value })) },
);

/** How the JSON text goes out: as is, with a key spliced in, or with another content type. */
const wire = fc.record({
  splice: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined, freq: 3 }),
  contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
});

const submission = fc.record({ mutation, wire });

/** A plausible answer for a callback (the journeys' own users and values). */
function sensible(callback: Callback, counter: number): unknown {
  const prompt = callback.output?.find((output) => output.name === 'name')?.value;
  switch (callback.type) {
    case 'NameCallback':
      return FUZZ_USER.userName;
    case 'PasswordCallback':
    case 'ValidatedCreatePasswordCallback':
      return FUZZ_USER.password;
    case 'ValidatedCreateUsernameCallback':
      return `fuzz${counter}`;
    case 'StringAttributeInputCallback':
      return prompt === 'mail' ? `fuzz${counter}@example.com` : 'Fuzz';
    case 'TermsAndConditionsCallback':
    case 'BooleanAttributeInputCallback':
      return true;
    case 'ChoiceCallback':
    case 'ConfirmationCallback':
      return 0;
    default:
      return callback.input?.[0]?.value;
  }
}

let sensibleCounter = 0;

/** The step as the mutation makes it. */
function mutate(step: Step, change: Mutation): unknown {
  const next: Step = structuredClone(step);
  const callbacks = Array.isArray(next.callbacks) ? next.callbacks : [];
  const at = (index: number) => index % Math.max(1, callbacks.length);
  switch (change.kind) {
    case 'sensible':
      sensibleCounter += 1;
      for (const callback of callbacks) if (callback.input?.[0] !== undefined) callback.input[0].value = sensible(callback, sensibleCounter);
      return next;
    case 'values': {
      const inputs = callbacks.flatMap((callback) => callback.input ?? []);
      change.values.forEach((value, index) => {
        const input = inputs[index];
        if (input !== undefined) input.value = value;
      });
      return next;
    }
    case 'drop':
      callbacks.splice(at(change.index), 1);
      return next;
    case 'duplicate': {
      const callback = callbacks[at(change.index)];
      if (callback !== undefined) callbacks.push(structuredClone(callback));
      return next;
    }
    case 'extra':
      next.callbacks = [...callbacks, change.callback as Callback];
      return next;
    case 'callbacks':
      return { ...next, callbacks: change.value };
    case 'rename': {
      const input = callbacks[at(change.index)]?.input?.[0];
      if (input !== undefined) input.name = change.name;
      return next;
    }
    case 'retype': {
      const callback = callbacks[at(change.index)];
      if (callback !== undefined) callback.type = change.type;
      return next;
    }
    case 'authId':
      return { ...next, authId: change.value };
    case 'body':
      return change.value;
  }
}

function isStep(value: unknown): value is Step {
  return typeof value === 'object' && value !== null && Array.isArray((value as Step).callbacks) && typeof (value as Step).authId === 'string';
}

/** Callback payloads against every journey of alpha and root. */
export const callbackPayloadsTarget: FuzzTarget = {
  name: 'callback payloads',
  async prepare(arbor: FuzzArbor) {
    const journeys: { realm: 'root' | 'alpha'; name: string }[] = [];
    for (const realm of ['alpha', 'root'] as const) {
      const base = realm === 'root' ? '/am/json/realms/root' : '/am/json/realms/root/realms/alpha';
      const listed = await arbor.inject({ method: 'GET', url: `${base}/realm-config/authentication/authenticationtrees/trees?_queryFilter=true`, headers: { iplanetdirectorypro: arbor.adminToken } });
      for (const tree of listed.json<{ result: { _id: string; innerTreeOnly?: boolean }[] }>().result) journeys.push({ realm, name: tree._id });
    }
    const input = fc.record({ journey: fc.constantFrom(...journeys), submissions: fc.array(submission, { minLength: 1, maxLength: 3 }) });
    return caseProperty(input, async ({ journey, submissions }) => {
      const url = `${authenticateUrl(journey.realm)}?authIndexType=service&authIndexValue=${percentEncode(journey.name)}`;
      const started = await arbor.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{}' });
      assertSoundAnswer(started, 'crest', `start ${journey.realm}/${journey.name}`);
      let step: unknown = started.json();
      for (const [index, { mutation: change, wire: how }] of submissions.entries()) {
        if (!isStep(step)) return;
        let text = JSON.stringify(mutate(step, change)) ?? 'null';
        if (how.splice !== undefined) text = spliceKey(text, how.splice[0], how.splice[1]);
        const answer = await arbor.inject({ method: 'POST', url, headers: { 'content-type': how.contentType, 'accept-api-version': 'resource=2.1, protocol=1.0' }, payload: text });
        assertSoundAnswer(answer, 'crest', `${journey.realm}/${journey.name} submission ${index + 1} (${change.kind})`);
        step = answer.statusCode === 200 ? answer.json() : undefined;
      }
    });
  },
};
