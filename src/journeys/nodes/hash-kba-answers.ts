/**
 * KBA Definition leaves the answers in clear in `transient.objectAttributes.<kbaPropertyName>`;
 * Create Object and Patch Object hash each answer with the KBA service before the object is
 * written, so that a clear answer is never stored.
 */
import type { KbaGateway } from '../engine/node-context.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `object` whose KBA entries carry hashed answers (entries already hashed stay as they are). */
export async function hashKbaAnswers(object: Record<string, unknown>, kba: KbaGateway): Promise<Record<string, unknown>> {
  const { kbaPropertyName } = await kba.settings();
  const entries = object[kbaPropertyName];
  if (!Array.isArray(entries)) return object;
  const hashed = await Promise.all(
    entries.map(async (entry: unknown) => (isRecord(entry) && typeof entry['answer'] === 'string' ? { ...entry, answer: await kba.hashAnswer(entry['answer']) } : entry)),
  );
  return { ...object, [kbaPropertyName]: hashed };
}
