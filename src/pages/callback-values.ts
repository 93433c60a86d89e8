/** Reading a callback of a step: an output's value and an input's current value, by name. */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';

/** The value of output `name`, undefined when the callback has none. */
export function outputValue(callback: CallbackJson, name: string): unknown {
  return callback.output.find((entry) => entry.name === name)?.value;
}

/** The current value of input `name` (`IDToken3`, `IDToken3validateOnly`), undefined when absent. */
export function inputValue(callback: CallbackJson, name: string): unknown {
  return callback.input?.find((entry) => entry.name === name)?.value;
}

/** An own property of a plain object from outside, undefined otherwise. */
export function ownValue(record: unknown, key: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}
