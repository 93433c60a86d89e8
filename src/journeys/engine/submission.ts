/**
 * The wire side of callbacks: numbering the callbacks of a step (`IDToken<N>[suffix]`, `_id`) and
 * reading a client's answer back into per-node submitted values, strictly: the same count and
 * types as sent, each input of the declared JSON type.
 */
import type { Callback, CallbackInput, CallbackJson, SubmittedCallback } from './callbacks.ts';
import { journeyError } from './errors.ts';
import type { PendingStep } from './journey-state.ts';

/** Renders the callbacks of one step for the wire, numbered across the step. */
export function renderCallbacks(callbacks: Callback[]): CallbackJson[] {
  return callbacks.map((callback, index) => {
    const json: CallbackJson = { type: callback.type, output: callback.output };
    if (callback.inputs.length > 0) {
      json.input = callback.inputs.map((input) => ({ name: `IDToken${index + 1}${input.suffix}`, value: input.value }));
    }
    json._id = index;
    return json;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function coerce(value: unknown, input: CallbackInput, where: string): unknown {
  switch (input.kind) {
    case 'any':
      return value;
    case 'string':
      if (typeof value === 'string') return value;
      if (value === null) return '';
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      break;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      break;
  }
  throw journeyError('BAD_SUBMISSION', `${where} must be a ${input.kind}`);
}

function readOne(sent: Callback, received: unknown, position: number): SubmittedCallback {
  const where = `callback ${position} (${sent.type})`;
  if (!isRecord(received)) throw journeyError('BAD_SUBMISSION', `${where} must be an object`);
  if (received.type !== sent.type) {
    throw journeyError('BAD_SUBMISSION', `${where}: expected type ${sent.type}, got ${JSON.stringify(received.type)}`);
  }
  const given = received.input ?? [];
  if (!Array.isArray(given)) throw journeyError('BAD_SUBMISSION', `${where}: input must be an array`);
  const inputs: Record<string, unknown> = {};
  sent.inputs.forEach((input, index) => {
    const name = `IDToken${position + 1}${input.suffix}`;
    const byName = given.find((entry) => isRecord(entry) && entry.name === name);
    const entry: unknown = byName ?? given[index];
    if (!isRecord(entry) || !('value' in entry)) {
      throw journeyError('BAD_SUBMISSION', `${where}: input ${name} is missing`);
    }
    inputs[input.suffix] = coerce(entry.value, input, `${where} input ${name}`);
  });
  return { type: sent.type, output: sent.output, inputs };
}

/**
 * Splits a client's `callbacks` array into the values each pending node receives. Throws
 * BAD_SUBMISSION when the count, order or types differ from what was sent.
 */
export function readSubmission(pending: PendingStep, callbacks: unknown): Map<string, SubmittedCallback[]> {
  const sent = pending.owners.flatMap((owner) => owner.callbacks);
  if (!Array.isArray(callbacks)) throw journeyError('BAD_SUBMISSION', 'callbacks must be an array');
  if (callbacks.length !== sent.length) {
    throw journeyError('BAD_SUBMISSION', `expected ${sent.length} callbacks (${sent.map((c) => c.type).join(', ')}), got ${callbacks.length}`);
  }
  const byNode = new Map<string, SubmittedCallback[]>();
  let position = 0;
  for (const owner of pending.owners) {
    const mine: SubmittedCallback[] = [];
    for (const callback of owner.callbacks) {
      mine.push(readOne(callback, callbacks[position], position));
      position += 1;
    }
    byNode.set(owner.nodeId, mine);
  }
  return byNode;
}

/** The sent callbacks with the values the client submitted, for re-sending a page unchanged. */
export function echoCallbacks(sent: Callback[], submitted: SubmittedCallback[] | undefined): Callback[] {
  if (submitted === undefined) return sent;
  return sent.map((callback, index) => ({
    ...callback,
    inputs: callback.inputs.map((input) => {
      const value = submitted[index]?.inputs[input.suffix];
      return value === undefined ? input : { ...input, value };
    }),
  }));
}
