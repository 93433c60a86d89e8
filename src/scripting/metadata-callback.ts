/**
 * MetadataCallback as AM sends it: one output, `data`, an object the client reads (no input).
 * Scripts send it (`new MetadataCallback(json)`, `callbacksBuilder.metadataCallback(object)`).
 */
import type { Callback } from '../journeys/engine/callbacks.ts';

/** MetadataCallback carrying `data`. */
export function metadataCallback(data: Record<string, unknown>): Callback {
  return { type: 'MetadataCallback', output: [{ name: 'data', value: data }], inputs: [] };
}
