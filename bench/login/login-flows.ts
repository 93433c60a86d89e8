/**
 * The load generator's iterations, one per phase, each on one keep-alive connection:
 * - `route`: POST /echo on the minimal Fastify route;
 * - `start`: the alpha Login's first step (no hashing): POST authenticate without a body, which
 *   answers the Sign In page's callbacks;
 * - `sign-in`: that first step, then the answer with a user's name and password, which must
 *   carry a `tokenId`. The users take turns, so no user signs in twice at once.
 */
import type { HttpAnswer, HttpConnection } from './http-connection.ts';
import { postRequest } from './http-connection.ts';
import type { Outcome } from './measure-window.ts';
import { userName } from './users.ts';

const AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';
const LOGIN_START = `${AUTHENTICATE}?authIndexType=service&authIndexValue=Login`;

export type Iteration = (connection: HttpConnection) => Promise<Outcome>;

type Callback = { type: string; input?: { name: string; value: unknown }[] };
type Step = { authId: string; callbacks: Callback[] };

function json(answer: HttpAnswer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(answer.body.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function failure(what: string, answer: HttpAnswer): Outcome {
  return { ok: false, error: `${what}: HTTP ${answer.status} ${answer.body.toString('utf8').slice(0, 120)}` };
}

function isStep(value: Record<string, unknown>): value is Record<string, unknown> & Step {
  return typeof value.authId === 'string' && Array.isArray(value.callbacks);
}

/** Sets the first input of the callback of `type`; false when the step has none. */
function fill(step: Step, type: string, value: unknown): boolean {
  const input = step.callbacks.find((callback) => callback.type === type)?.input?.[0];
  if (input === undefined) return false;
  input.value = value;
  return true;
}

/** POST /echo {"hello":"world"}: a 200 with `ok: true`. */
export function routeIteration(host: string): Iteration {
  const request = postRequest(host, '/echo', JSON.stringify({ hello: 'world' }));
  return async (connection) => {
    const answer = await connection.send(request);
    return answer.status === 200 && json(answer).ok === true ? { ok: true } : failure('echo', answer);
  };
}

/** The Login journey's first step: a 200 with an `authId` and callbacks. */
export function startIteration(host: string): Iteration {
  const request = postRequest(host, LOGIN_START);
  return async (connection) => {
    const answer = await connection.send(request);
    return answer.status === 200 && isStep(json(answer)) ? { ok: true } : failure('start', answer);
  };
}

/** A whole password sign-in: the first step, then the credentials; a 200 with a `tokenId`. */
export function signInIteration(host: string, users: { count: number; password: string }): Iteration {
  const start = postRequest(host, LOGIN_START);
  let turn = 0;
  return async (connection) => {
    const name = userName(turn % users.count);
    turn += 1;
    const started = await connection.send(start);
    const step = json(started);
    if (started.status !== 200 || !isStep(step)) return failure('start', started);
    if (!fill(step, 'NameCallback', name) || !fill(step, 'PasswordCallback', users.password)) return failure('start without NameCallback and PasswordCallback', started);
    const done = await connection.send(postRequest(host, AUTHENTICATE, JSON.stringify(step)));
    return done.status === 200 && typeof json(done).tokenId === 'string' ? { ok: true } : failure('answer', done);
  };
}
