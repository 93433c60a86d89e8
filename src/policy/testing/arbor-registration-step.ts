/**
 * The seed's recorded Registration step (`test/fixtures/forgerock/protocol/registration-first-step.json`)
 * as Arbor answers it: byte for byte the same but for one deliberate difference, the `policies` of
 * the `mail` callback, which carry IDM's `unique` policy (`mail` is unique in Arbor's default
 * schema, docs/idm-rest-api.md#unique-mail). Those policies are read from
 * `registration-first-step-policies.json`, the property objects Arbor's default schema answers.
 */
import { readFileSync } from 'node:fs';

const ARBOR_POLICIES: Record<string, unknown> = JSON.parse(readFileSync(new URL('./registration-first-step-policies.json', import.meta.url), 'utf8'));

interface RecordedOutput {
  name: string;
  value: unknown;
}

function isMailCallback(callback: unknown): callback is { output: RecordedOutput[] } {
  const output = (callback as { output?: unknown }).output;
  return Array.isArray(output) && output.some((item: RecordedOutput) => item.name === 'name' && item.value === 'mail');
}

/** A copy of the recorded step (or of its callbacks) with the `mail` callback's policies as Arbor's. */
export function asArborAnswers<T>(recorded: T): T {
  const copy = structuredClone(recorded);
  const callbacks: unknown = Array.isArray(copy) ? copy : (copy as { callbacks?: unknown }).callbacks;
  if (!Array.isArray(callbacks)) return copy;
  for (const callback of callbacks) {
    if (!isMailCallback(callback)) continue;
    for (const output of callback.output) if (output.name === 'policies') output.value = structuredClone(ARBOR_POLICIES.mail);
  }
  return copy;
}
