/**
 * What the fault tests send through the multi-node proxy: a request with a deadline (a hang is a
 * failure, reported as status 0 with `hung`), the node that answered, and AM's wire callbacks
 * filled the way a user fills a page (registration, reset, sign-in, choosing a social provider).
 */
import { NODE_HEADER } from './round-robin-proxy.ts';

/** An answer through the proxy. */
export interface Reply {
  /** The HTTP status; 0 when nothing came back before the deadline or the connection failed. */
  status: number;
  body: Record<string, unknown>;
  /** The node that served it (-1 when unknown). */
  node: number;
  /** True when no answer came within the deadline. */
  hung: boolean;
}

/** Where requests go. */
export interface Target {
  url: string;
  proxy: { pin(node: number): void };
}

/** How long a request may take before it counts as hanging. */
export const REQUEST_DEADLINE_MS = 15_000;

/** Sends a request through the proxy, to `node` when given (else the next node of the rotation). */
export async function call(target: Target, method: string, path: string, options: { node?: number; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  if (options.node !== undefined) target.proxy.pin(options.node);
  try {
    const response = await fetch(`${target.url}${path}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    });
    const text = await response.text();
    let body: unknown = {};
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      body = { text };
    }
    const node = Number(response.headers.get(NODE_HEADER) ?? '-1');
    return { status: response.status, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}, node, hung: false };
  } catch (error) {
    const hung = error instanceof Error && error.name === 'TimeoutError';
    return { status: 0, body: { error: String(error) }, node: -1, hung };
  }
}

/** One callback on the wire. */
export interface WireCallback {
  type: string;
  output?: { name: string; value: unknown }[];
  input?: { name: string; value: unknown }[];
}

/** What a user types into a page; absent answers leave an input as it came. */
export interface PageAnswers {
  userName?: string;
  password?: string;
  /** String attributes by name (givenName, sn, mail…). */
  profile?: Record<string, string>;
  /** The social provider to choose. */
  provider?: string;
}

function outputOf(callback: WireCallback, name: string): unknown {
  return callback.output?.find((entry) => entry.name === name)?.value;
}

function setInput(callback: WireCallback, pick: (name: string, index: number) => unknown): WireCallback {
  const input = (callback.input ?? []).map((entry, index) => {
    const value = pick(entry.name, index);
    return value === undefined ? entry : { ...entry, value };
  });
  return { ...callback, input };
}

/** Fills every callback of a page as a user would: names, profile, password, security questions, terms, provider. */
export function fillPage(callbacks: readonly WireCallback[], answers: PageAnswers): WireCallback[] {
  let kba = 0;
  return callbacks.map((callback) => {
    const first = (value: unknown) => (_name: string, index: number) => (index === 0 ? value : undefined);
    switch (callback.type) {
      case 'NameCallback':
      case 'ValidatedCreateUsernameCallback':
        return setInput(callback, first(answers.userName));
      case 'PasswordCallback':
      case 'ValidatedCreatePasswordCallback':
        return setInput(callback, first(answers.password));
      case 'StringAttributeInputCallback':
        return setInput(callback, first(answers.profile?.[String(outputOf(callback, 'name'))]));
      case 'BooleanAttributeInputCallback':
        return setInput(callback, first(false));
      case 'TermsAndConditionsCallback':
        return setInput(callback, first(true));
      case 'SelectIdPCallback':
        return setInput(callback, first(answers.provider));
      case 'KbaCreateCallback': {
        const questions = outputOf(callback, 'predefinedQuestions');
        const question = Array.isArray(questions) ? questions[kba] : undefined;
        const answer = `answer number ${kba}`;
        kba += 1;
        return setInput(callback, (name) => (name.endsWith('question') ? question : name.endsWith('answer') ? answer : undefined));
      }
      default:
        return callback;
    }
  });
}

/** The callbacks of a step answer (empty when it has none). */
export function callbacksOf(reply: Reply): WireCallback[] {
  const callbacks = reply.body.callbacks;
  return Array.isArray(callbacks) ? (callbacks as WireCallback[]) : [];
}

/** The alpha realm's authenticate endpoint. */
export const ALPHA_AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';

/**
 * Answers the pages of a journey from `reply` on, with `answers`, until it ends (a success with
 * `tokenId` or `successUrl`, or any answer without callbacks); `node` pins every step. Returns the
 * last answer and the nodes that served the steps.
 */
export async function finishJourney(target: Target, reply: Reply, answers: PageAnswers, options: { node?: number; maxSteps?: number } = {}): Promise<{ last: Reply; nodes: number[] }> {
  const nodes: number[] = [];
  let current = reply;
  for (let step = 0; step < (options.maxSteps ?? 6); step += 1) {
    const callbacks = callbacksOf(current);
    if (current.status !== 200 || callbacks.length === 0) return { last: current, nodes };
    current = await call(target, 'POST', ALPHA_AUTHENTICATE, { ...(options.node === undefined ? {} : { node: options.node }), body: { authId: current.body.authId, callbacks: fillPage(callbacks, answers) } });
    nodes.push(current.node);
  }
  return { last: current, nodes };
}
