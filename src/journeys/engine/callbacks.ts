/**
 * Callback wire types (AM authenticate protocol) and the node-facing view of submitted values.
 * Nodes build `Callback`s; the runner numbers them (`IDToken<N>[suffix]`, `_id`) for the wire.
 */

/** One `{name, value}` pair of a callback's `output` or `input`. */
export interface NameValue {
  name: string;
  value: unknown;
}

/** A callback exactly as it travels on the wire. */
export interface CallbackJson {
  type: string;
  output: NameValue[];
  input?: NameValue[];
  _id?: number;
}

/** An input a callback expects, named by the suffix after `IDToken<N>` (`''` for the main one). */
export interface CallbackInput {
  suffix: string;
  /** The value shown to the client (pre-filled or echoed). */
  value: unknown;
  /** The JSON type a submitted value must have. */
  kind: 'string' | 'number' | 'boolean' | 'any';
}

/** A callback a node sends: type, outputs and the inputs it expects. */
export interface Callback {
  type: string;
  output: NameValue[];
  inputs: CallbackInput[];
}

/** A callback the client sent back, its inputs keyed by suffix (`''`, `validateOnly`, `question`…). */
export interface SubmittedCallback {
  type: string;
  /** The outputs the node had sent (from the server-side record, never from the client). */
  output: NameValue[];
  inputs: Record<string, unknown>;
}

/** Reads the main input (`IDToken<N>`) of a submitted callback. */
export function inputValue(callback: SubmittedCallback | undefined, suffix = ''): unknown {
  return callback?.inputs[suffix];
}

/** Reads an output of a callback by name. */
export function outputValue(callback: Pick<Callback, 'output'> | undefined, name: string): unknown {
  return callback?.output.find((o) => o.name === name)?.value;
}
