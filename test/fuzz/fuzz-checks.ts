/**
 * What every fuzzed answer must be: below 500; an error in its protocol's JSON shape (ForgeRock's
 * `{code, reason, message}`, or OAuth's `{error}` on the OpenID provider), or a page (HTML) or
 * redirect where the route answers one; and `Object.prototype` (and `Array.prototype`) exactly as
 * before. Also counts crashes: unhandled rejections and uncaught exceptions while a target runs.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';

/** How a route answers: AM/IDM REST (ForgeRock JSON), the OpenID provider (OAuth JSON), or pages (HTML). */
export type AnswerShape = 'crest' | 'oauth' | 'page';

/** Whatever the answer's JSON is, or undefined when it is not JSON. */
function jsonOf(response: LightMyRequestResponse): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Asserts the answer is sound for a route of `shape`; `what` names the request in the failure. */
export function assertSoundAnswer(response: LightMyRequestResponse, shape: AnswerShape, what: string): void {
  const status = response.statusCode;
  const where = `${what} → ${status} ${response.body.slice(0, 300)}`;
  assert.ok(status < 500, where);
  const type = String(response.headers['content-type'] ?? '');
  if (status >= 300 && status < 400) {
    assert.ok(status === 304 || typeof response.headers.location === 'string', `a redirect without a location: ${where}`);
    return;
  }
  if (type.startsWith('text/html')) {
    assert.ok(shape !== 'crest', `an HTML answer from a REST route: ${where}`);
    return;
  }
  if (status === 204 || response.body === '') {
    assert.ok(status < 400, `an error without a body: ${where}`);
    return;
  }
  assert.match(type, /^application\/(json|jwt|jwk-set\+json)|^text\/(css|javascript|plain)/, `unexpected content type "${type}": ${where}`);
  if (!type.startsWith('application/json')) return;
  const body = jsonOf(response);
  assert.notEqual(body, undefined, `a JSON content type with a body that is not JSON: ${where}`);
  if (status < 400) return;
  assert.ok(isRecord(body), `an error body that is not an object: ${where}`);
  if (typeof body.error === 'string' && shape !== 'crest') return;
  assert.equal(body.code, status, `an error body whose code is not the status: ${where}`);
  assert.equal(typeof body.message, 'string', `an error body without a message: ${where}`);
  assert.equal(typeof body.reason, 'string', `an error body without a reason: ${where}`);
}

const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

/** The own property names of the built-in prototypes, to compare after each case. */
export function prototypeSnapshot(): string {
  return PROTOTYPES.map(([name, prototype]) => `${name}:${Reflect.ownKeys(prototype).map(String).sort().join(',')}`).join('|');
}

/** Asserts no prototype gained or lost a property since `before`. */
export function assertPrototypesClean(before: string, what: string): void {
  const now = prototypeSnapshot();
  if (now === before) return;
  // Undo the damage so that the report is the only casualty.
  for (const [, prototype] of PROTOTYPES) for (const key of ['polluted', 'successUrl', 'isAdmin']) Reflect.deleteProperty(prototype, key);
  assert.fail(`prototype pollution after ${what}: ${now} (was ${before})`);
}

/** Counts unhandled rejections and uncaught exceptions from `start()` to `stop()`. */
export interface CrashWatch {
  stop(): { count: number; first: string | undefined };
}

/** Starts counting crashes (listeners on `process`, removed by `stop`). */
export function watchCrashes(): CrashWatch {
  let count = 0;
  let first: string | undefined;
  const record = (reason: unknown) => {
    count += 1;
    first ??= reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  };
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  return {
    stop() {
      process.off('unhandledRejection', record);
      process.off('uncaughtException', record);
      return { count, first };
    },
  };
}
