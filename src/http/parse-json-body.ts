/**
 * The one JSON body parser of every route (AM, IDM, self-service): empty is `undefined`, malformed
 * JSON is a 400, and so is a body with a `__proto__`, `constructor` or `prototype` key anywhere
 * (as Fastify's own parser refuses them), so that no handler ever sees a key that could reach an
 * object's prototype, or with U+0000 or an unpaired surrogate in a string or key (which PostgreSQL
 * cannot store), or nested deeper than `MAX_JSON_DEPTH` (SQLite's JSON functions and recursive code).
 */
import { findTooDeep, MAX_JSON_DEPTH } from '../json/json-depth.ts';
import { findNul } from '../json/nul-characters.ts';
import { findUnpairedSurrogate } from '../json/unpaired-surrogates.ts';
import { describeUnsafeKey, findUnsafeKey } from '../json/unsafe-keys.ts';
import { httpError } from './errors.ts';

/** The parsed body; throws the 400 to answer. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw httpError(400, `Malformed JSON body: ${(error as Error).message}`);
  }
  const deep = findTooDeep(body);
  if (deep !== undefined) throw httpError(400, `Invalid JSON body: the value at ${deep} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const unsafe = findUnsafeKey(body);
  if (unsafe !== undefined) throw httpError(400, `Invalid JSON body: ${describeUnsafeKey(unsafe)}`);
  const nul = findNul(body);
  if (nul !== undefined) throw httpError(400, `Invalid JSON body: the text at ${nul === '' ? 'the root' : nul} holds U+0000 (NUL), which no value may contain`);
  const surrogate = findUnpairedSurrogate(body);
  if (surrogate !== undefined) throw httpError(400, `Invalid JSON body: the text at ${surrogate === '' ? 'the root' : surrogate} holds an unpaired surrogate (\\uD800-\\uDFFF alone), which is not Unicode text`);
  return body;
}
