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
    throw new Error(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(value)) throw new Error('must be a JSON object of "<reference>": "<secret>"');
  const secrets = new Map<string, string>();
  for (const [path, secret] of Object.entries(value)) {
    if (typeof secret !== 'string') throw new Error(`${path}: the secret must be a string`);
    secrets.set(path, secret);
  }
  return secrets;
}
