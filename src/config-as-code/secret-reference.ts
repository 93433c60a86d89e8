/**
 * Secrets in exported configuration: never the value, a reference to it instead,
 * `{"$secret": "social-providers/oidcConfig/google/clientSecret"}`. On import a reference takes
 * its value from the secrets file given (`--secrets`), else keeps the secret already stored at
 * that place; with neither it is an error.
 */
import { isJsonObject } from '../json/is-json-object.ts';

/** The reference written in place of a secret. */
export interface SecretReference {
  $secret: string;
}

/** The reference to the secret at `path`. */
export function secretReference(path: string): SecretReference {
  return { $secret: path };
}

/** The path `value` refers to, when it is a secret reference (an object with only `$secret`, a string). */
export function secretReferencePath(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  const path = value.$secret;
  return keys.length === 1 && typeof path === 'string' ? path : undefined;
}

/** Secrets given for an import, by reference path (the `--secrets` file's content). */
export type GivenSecrets = ReadonlyMap<string, string>;

/** The secrets of a `--secrets` file: a JSON object of reference path → secret text; throws a message for anything else. */
export function parseGivenSecrets(text: string): Map<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message may quote the text (a secret): only its position is told.
    const at = error instanceof Error ? /at position \d+(?: \(line \d+ column \d+\))?/.exec(error.message)?.[0] : undefined;
    throw new Error(`not JSON${at === undefined ? '' : ` (${at})`}`);
  }
  if (!isJsonObject(value)) throw new Error('must be a JSON object of "<reference>": "<secret>"');
  const secrets = new Map<string, string>();
  for (const [path, secret] of Object.entries(value)) {
    if (typeof secret !== 'string') throw new Error(`${path}: the secret must be a string`);
    secrets.set(path, secret);
  }
  return secrets;
}

/** What a file's secret field gives: the secret to store, `undefined` to keep the stored one, or why it cannot be used. */
export type ResolvedSecret = { value: string | undefined } | { problem: string };

/**
 * A file's secret field `value`, whose reference must be `expected`: absent (undefined value), a
 * reference given in `secrets`, a reference to the secret `stored` at that place (kept: undefined
 * value), else a problem; a secret written in clear is always a problem.
 */
export function resolveSecretReference(value: unknown, expected: string, stored: boolean, secrets: GivenSecrets): ResolvedSecret {
  if (value === undefined || value === null) return { value: undefined };
  const path = secretReferencePath(value);
  if (path === undefined) return { problem: `must be a secret reference ({"$secret": "${expected}"}), never the secret itself` };
  const given = secrets.get(path);
  if (given !== undefined) return { value: given };
  if (path === expected && stored) return { value: undefined };
  return { problem: `no secret ${path} is stored and none is given (--secrets)` };
}
