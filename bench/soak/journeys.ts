/**
 * The soak's four journeys, each as a person runs it through the proxy, reporting its outcome to
 * the window recorder:
 * - `sign-in`: the alpha `Login` journey with a seeded (or earlier registered) user's name and
 *   password, until a `tokenId`;
 * - `registration`: the alpha `Registration` journey with a new user (profile, preferences,
 *   security questions, terms), who then joins the sign-in users;
 * - `reset`: the alpha `ResetPassword` journey: the email address, the suspended step, then, once
 *   the email reached the SMTP sink, its link followed to the new-password page and a new password.
 *   The start resolves the returned promise; the part after the email runs on (`pending`);
 * - `idm-query`: an administrator's `_queryFilter` query on `managed/alpha_user`, with a session.
 */
import type { Mailbox } from './mailbox.ts';
import { answerCallbacks, type Person, type WireCallback } from './answer-callbacks.ts';
import { SoakRequestError, type Answer, type SoakClient } from './soak-client.ts';
import type { JourneyKind, WindowRecorder } from './window-stats.ts';

export const ALPHA_AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';
const treePath = (tree: string): string => `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=${tree}`;

/** The password of every seeded sign-in user and every registered one. */
export const SOAK_PASSWORD = 'Wide-Meadow-Passw0rd-7';
/** Steps a journey may take before the soak calls it stuck. */
const MAX_STEPS = 6;
/** How long a reset waits for its email (each node's outbox runs every 10 s). */
const EMAIL_WAIT_MS = 60_000;

/** The users the journeys pick from. */
export interface UserPools {
  /** Users who sign in with SOAK_PASSWORD (registered users join). */
  signIn: string[];
  /** Users free for a reset (one taken out while its reset runs); their mail is `<name>@example.com`. */
  resetFree: string[];
}

/** What the journeys run with. */
export interface JourneyContext {
  client: SoakClient;
  recorder: WindowRecorder;
  mailbox: Mailbox;
  /** The administrator's session cookie (`iPlanetDirectoryPro=…`). */
  adminCookie: string;
  users: UserPools;
  /** Prefix of the names this run registers. */
  runId: string;
  /** Resets past their first part, until they end. */
  pending: Set<Promise<void>>;
}

/** Why a journey failed: its error kind and an example message. */
class JourneyFailure extends Error {
  readonly kind: string;
  constructor(kind: string, example: string) {
    super(example);
    this.name = 'JourneyFailure';
    this.kind = kind;
  }
}

function callbacksOf(answer: Answer): WireCallback[] | undefined {
  const callbacks = answer.body.callbacks;
  return typeof answer.body.authId === 'string' && Array.isArray(callbacks) ? (callbacks as WireCallback[]) : undefined;
}

function hasFailedPolicies(callbacks: readonly WireCallback[]): boolean {
  return callbacks.some((callback) => callback.output?.some((entry) => entry.name === 'failedPolicies' && Array.isArray(entry.value) && entry.value.length > 0) === true);
}

/**
 * The client address of a person: `10.x.y.z` from their name, sent as `X-Forwarded-For` (the nodes
 * trust the proxy, as behind a real load balancer), so that each person has an address of their
 * own as real users do, and the per-address throttling sees people, not the load generator.
 */
export function addressOf(name: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index += 1) hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193) >>> 0;
  return `10.${(hash >>> 16) & 0xff}.${(hash >>> 8) & 0xff}.${(hash & 0xff) | 1}`;
}

async function send(ctx: JourneyContext, label: string, method: 'GET' | 'POST', path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  try {
    return await ctx.client.send(method, path, options);
  } catch (error) {
    if (error instanceof SoakRequestError) throw new JourneyFailure(`${label}: ${error.code}`, error.message);
    throw error;
  }
}

/**
 * Walks a journey from `path`, answering each step as `person`, until it succeeds (answers the
 * success body) or reaches a step with `stopAt` (answers that step's callbacks).
 */
async function walk(ctx: JourneyContext, kind: string, path: string, person: Person & { address: string }, stopAt?: string): Promise<Answer> {
  const headers = { 'x-forwarded-for': person.address };
  let answer = await send(ctx, `${kind} step 1`, 'POST', path, { headers });
  for (let step = 1; step <= MAX_STEPS; step += 1) {
    const label = `${kind} step ${step}`;
    if (answer.status !== 200) throw new JourneyFailure(`${label}: HTTP ${answer.status}`, answer.text);
    if (typeof answer.body.tokenId === 'string' || typeof answer.body.successUrl === 'string') return answer;
    const callbacks = callbacksOf(answer);
    if (callbacks === undefined) throw new JourneyFailure(`${label}: neither a step nor a success`, answer.text);
    if (stopAt !== undefined && callbacks.some((callback) => callback.type === stopAt)) return answer;
    if (hasFailedPolicies(callbacks)) throw new JourneyFailure(`${label}: refused by a policy`, answer.text);
    const missing = answerCallbacks(callbacks, person);
    if (missing !== undefined) throw new JourneyFailure(`${label}: cannot answer ${missing}`, answer.text);
    answer = await send(ctx, `${kind} step ${step + 1}`, 'POST', ALPHA_AUTHENTICATE, { headers, body: { ...answer.body, callbacks } });
  }
  throw new JourneyFailure(`${kind}: more than ${MAX_STEPS} steps`, answer.text);
}

/** Runs `work`, recording its success, or its failure by kind. */
async function recorded(ctx: JourneyContext, kind: JourneyKind, work: () => Promise<void>): Promise<void> {
  try {
    await work();
    ctx.recorder.completed(kind);
  } catch (error) {
    if (error instanceof JourneyFailure) ctx.recorder.failed(kind, error.kind, error.message);
    else ctx.recorder.failed(kind, `${kind}: ${error instanceof Error ? error.name : 'error'}`, error instanceof Error ? error.message : String(error));
  }
}

let signInTurn = 0;
let registered = 0;
let queryTurn = 0;

function signIn(ctx: JourneyContext): Promise<void> {
  return recorded(ctx, 'sign-in', async () => {
    const userName = ctx.users.signIn[signInTurn++ % ctx.users.signIn.length];
    if (userName === undefined) throw new JourneyFailure('sign-in: no users', 'no sign-in users were seeded');
    const done = await walk(ctx, 'sign-in', treePath('Login'), { userName, password: SOAK_PASSWORD, address: addressOf(userName) });
    if (typeof done.body.tokenId !== 'string') throw new JourneyFailure('sign-in: success without tokenId', done.text);
  });
}

function registration(ctx: JourneyContext): Promise<void> {
  return recorded(ctx, 'registration', async () => {
    const userName = `${ctx.runId}r${registered++}`;
    await walk(ctx, 'registration', treePath('Registration'), { userName, password: SOAK_PASSWORD, address: addressOf(userName), attributes: { givenName: 'Mira', sn: 'Registered', mail: `${userName}@example.com` } });
    ctx.users.signIn.push(userName);
  });
}

function idmQuery(ctx: JourneyContext): Promise<void> {
  return recorded(ctx, 'idm-query', async () => {
    const turn = queryTurn++;
    const someone = ctx.users.signIn[turn % ctx.users.signIn.length] ?? 'nobody';
    const filters = [`userName eq "${someone}"`, `mail eq "${someone}@example.com"`, `userName sw "${someone.slice(0, -1)}"`];
    const filter = filters[turn % filters.length] ?? 'true';
    const path = `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent(filter)}&_pageSize=20&_fields=userName,mail,givenName,sn`;
    const answer = await send(ctx, 'idm-query', 'GET', path, { headers: { cookie: ctx.adminCookie } });
    if (answer.status !== 200) throw new JourneyFailure(`idm-query: HTTP ${answer.status}`, answer.text);
    const result = answer.body.result;
    if (!Array.isArray(result) || result.length === 0) throw new JourneyFailure('idm-query: no result', answer.text);
  });
}

/** The reset's second part: the emailed link, the new-password page, the new password. */
async function finishReset(ctx: JourneyContext, userName: string): Promise<void> {
  let link: URL;
  try {
    link = await ctx.mailbox.nextLink(`${userName}@example.com`, EMAIL_WAIT_MS);
  } catch (error) {
    throw new JourneyFailure('reset email: not received within a minute', error instanceof Error ? error.message : String(error));
  }
  const tree = link.searchParams.get('authIndexValue');
  const suspendedId = link.searchParams.get('suspendedId');
  if (tree !== 'ResetPassword' || suspendedId === null) throw new JourneyFailure('reset email: unexpected link', link.toString());
  await walk(ctx, 'reset link', `${treePath(tree)}&suspendedId=${encodeURIComponent(suspendedId)}`, { address: addressOf(userName), password: `Fresh-Reset-${Math.random().toString(36).slice(2, 10)}-A1` });
}

function reset(ctx: JourneyContext): Promise<void> {
  const userName = ctx.users.resetFree.shift();
  if (userName === undefined) return recorded(ctx, 'reset', () => Promise.reject(new JourneyFailure('reset: no free user (load generator)', 'every reset user is in a reset')));
  let started: () => void = () => undefined;
  const firstPart = new Promise<void>((resolve) => {
    started = resolve;
  });
  const whole = recorded(ctx, 'reset', async () => {
    try {
      await walk(ctx, 'reset', treePath('ResetPassword'), { address: addressOf(userName), attributes: { mail: `${userName}@example.com` } }, 'SuspendedTextOutputCallback');
      started();
      await finishReset(ctx, userName);
    } finally {
      ctx.users.resetFree.push(userName);
    }
  }).finally(() => {
    started();
    ctx.pending.delete(whole);
  });
  ctx.pending.add(whole);
  return firstPart;
}

/** Runs one journey of `kind`; resolves when it ends (a reset: when its email is on its way). */
export function runJourney(ctx: JourneyContext, kind: JourneyKind): Promise<void> {
  switch (kind) {
    case 'sign-in':
      return signIn(ctx);
    case 'registration':
      return registration(ctx);
    case 'reset':
      return reset(ctx);
    case 'idm-query':
      return idmQuery(ctx);
  }
}
