/**
 * What a script run produced, read from the sandbox's result JSON as hostile input: the outcome it
 * chose, the callbacks it asked to send (turned into Arbor's callbacks, byte-compatible with AM's),
 * page texts, and the journey state it leaves.
 */
import {
  choiceCallback,
  confirmationCallback,
  hiddenValueCallback,
  nameCallback,
  passwordCallback,
  textInputCallback,
  textOutputCallback,
} from '../journeys/engine/callback-builders.ts';
import type { MessageType, OptionType } from '../journeys/engine/callback-builders.ts';
import type { Callback } from '../journeys/engine/callbacks.ts';
import { metadataCallback } from './metadata-callback.ts';
import { scriptError } from './script-error.ts';

/** A finished run. */
export interface ScriptOutput {
  /** The outcome chosen (`outcome = …`, `Action.goTo`, `action.goTo`), if any. */
  outcome?: string;
  /** Callbacks to send (`Action.send`, `callbacksBuilder`); empty when none. */
  callbacks: Callback[];
  header?: string;
  description?: string;
  stage?: string;
  /** Replaces "Login failure" if the journey ends in failure. */
  errorMessage?: string;
  shared: Record<string, unknown>;
  transient: Record<string, unknown>;
  auditEntryDetail?: unknown;
  /** What a Configuration Provider script set as `config` (asked for with `collectConfig`). */
  config?: unknown;
  /** The script's completion value as JSON (asked for with `collectResult`); null when it gave none. */
  result?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(record: Record<string, unknown>, key: string): string {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  return typeof value === 'string' ? value : '';
}

function num(record: Record<string, unknown>, key: string): number {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

function strings(record: Record<string, unknown>, key: string): string[] {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  return Array.isArray(value) ? value.filter((entry) => typeof entry === 'string') : [];
}

const MESSAGE_TYPES: Record<number, MessageType> = { 0: '0', 1: '1', 2: '2', 4: '4' };
const OPTION_TYPES: Record<number, OptionType> = { [-1]: -1, 0: 0, 1: 1, 2: 2 };

function toCallback(spec: unknown): Callback {
  if (!isRecord(spec)) throw scriptError('SCRIPT_ERROR', 'a callback to send is not an object');
  switch (str(spec, 'type')) {
    case 'NameCallback':
      return nameCallback(str(spec, 'prompt'), str(spec, 'value'));
    case 'PasswordCallback':
      return passwordCallback(str(spec, 'prompt'));
    case 'TextInputCallback':
      return textInputCallback(str(spec, 'prompt'), str(spec, 'defaultText'));
    case 'TextOutputCallback':
      return textOutputCallback(str(spec, 'message'), MESSAGE_TYPES[num(spec, 'messageType')] ?? '0');
    case 'ChoiceCallback':
      return choiceCallback(str(spec, 'prompt'), strings(spec, 'choices'), num(spec, 'defaultChoice'));
    case 'ConfirmationCallback':
      return confirmationCallback({
        prompt: str(spec, 'prompt'),
        messageType: num(spec, 'messageType'),
        options: strings(spec, 'options'),
        optionType: OPTION_TYPES[num(spec, 'optionType')] ?? -1,
        defaultOption: num(spec, 'defaultOption'),
      });
    case 'HiddenValueCallback':
      return hiddenValueCallback(str(spec, 'id'), str(spec, 'value'));
    case 'MetadataCallback': {
      const data = Object.hasOwn(spec, 'data') ? spec.data : undefined;
      return metadataCallback(isRecord(data) ? data : {});
    }
    default:
      throw scriptError('SCRIPT_ERROR', `cannot send a callback of type ${JSON.stringify(spec.type)}`);
  }
}

/** Reads the collector's JSON; SCRIPT_ERROR when it is not what the bindings write. */
export function readScriptOutput(json: string): ScriptOutput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw scriptError('SCRIPT_ERROR', 'the script’s result is not JSON');
  }
  if (!isRecord(parsed)) throw scriptError('SCRIPT_ERROR', 'the script’s result is not an object');
  const shared = Object.hasOwn(parsed, 'shared') ? parsed.shared : undefined;
  const transient = Object.hasOwn(parsed, 'transient') ? parsed.transient : undefined;
  if (!isRecord(shared) || !isRecord(transient)) throw scriptError('SCRIPT_ERROR', 'the script replaced its state with something that is not an object');
  const specs = Object.hasOwn(parsed, 'callbacks') ? parsed.callbacks : [];
  const output: ScriptOutput = { callbacks: Array.isArray(specs) ? specs.map(toCallback) : [], shared, transient };
  for (const key of ['outcome', 'header', 'description', 'stage', 'errorMessage'] as const) {
    const value = Object.hasOwn(parsed, key) ? parsed[key] : undefined;
    if (typeof value === 'string') output[key] = value;
  }
  if (Object.hasOwn(parsed, 'auditEntryDetail')) output.auditEntryDetail = parsed.auditEntryDetail;
  if (Object.hasOwn(parsed, 'config')) output.config = parsed.config;
  if (Object.hasOwn(parsed, 'result')) output.result = parsed.result === undefined ? null : parsed.result;
  return output;
}
