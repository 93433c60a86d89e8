/**
 * Helpers for the self-service end-to-end tests: the administrator's REST calls, test users (with
 * or without the active terms accepted), a real SMTP server configured through `external.email`,
 * the ForgeRock SDK pointed at a tree (with an optional session header), reading emailed links,
 * and driving journeys step by step (the Login journey's terms step included).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CallbackType, Config, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type {
  AttributeInputCallback,
  ConfigOptions,
  FRLoginFailure,
  FRLoginSuccess,
  FRStep,
  KbaCreateCallback,
  NameCallback,
  PasswordCallback,
  TermsAndConditionsCallback,
  ValidatedCreatePasswordCallback,
  ValidatedCreateUsernameCallback,
} from '@forgerock/javascript-sdk';
import type { ParsedMail } from 'mailparser';
import type { OutboxMessage } from '../../src/selfservice/email/ports.ts';
import { startSmtpSink, type SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import type { TestServer } from './test-server.ts';

/**
 * A callback as the wire carries it. (The SDK's declaration files do not resolve under
 * `moduleResolution: nodenext`, so its types are `any` here: these name what the tests read.)
 */
export interface WireCallback {
  type: string;
  output: { name: string; value: unknown }[];
  input?: { name: string; value: unknown }[];
}

/** A failed policy as the SDK parses it from `failedPolicies`. */
export interface PolicyFailure {
  policyRequirement: string;
  params?: Record<string, unknown>;
}

/** What `FRAuth.next` resolves to. */
export type StepResult = FRStep | FRLoginSuccess | FRLoginFailure;

/** The administrator password every test server starts with. */
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** A JSON answer of the REST API. */
export interface JsonAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** Calls the REST API with a client's credentials. */
export type RestApi = (method: string, path: string, body?: unknown) => Promise<JsonAnswer>;

/** A REST client sending `credentials` (a session header, or IDM's `X-OpenIDM-*` headers) with every request. */
export function restClient(server: TestServer, credentials: Record<string, string>): RestApi {
  return async (method, path, body) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        ...credentials,
        'accept-api-version': 'resource=1.0',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
}

/**
 * The administrator's REST client: amadmin's credentials in IDM's `X-OpenIDM-*` headers, so that
 * it keeps working when a test moves the clock past session lifetimes.
 */
export async function adminClient(server: TestServer): Promise<RestApi> {
  const admin = restClient(server, { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD });
  const probe = await admin('GET', '/openidm/config/selfservice.kba');
  assert.equal(probe.status, 200, `the administrator is let in: ${JSON.stringify(probe.json)}`);
  return admin;
}

/** Starts a real SMTP server and points the realm's `external.email` at it, as the administrator. */
export async function startConfiguredSmtp(admin: RestApi): Promise<SmtpSink> {
  const sink = await startSmtpSink({ credentials: { user: 'mailer', pass: 'Sm7p-Secret' } });
  const put = await admin('PUT', '/openidm/config/external.email', {
    host: '127.0.0.1',
    port: sink.port,
    auth: { enable: true, username: 'mailer', password: 'Sm7p-Secret' },
    from: 'accounts@example.be',
    starttls: { enable: false },
    ssl: { enable: false },
    connectiontimeout: 5000,
    timeout: 5000,
  });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  return sink;
}

/**
 * Makes the timers created synchronously from now until the current task ends unref'd. The SDK
 * races each request against a `setTimeout` it never clears, which would keep the test process
 * alive for the whole timeout after the last call; unref'd, the timeout still fires while the
 * server (a listening socket) keeps the process alive.
 */
function unrefTimersOfThisCall(): void {
  const original = globalThis.setTimeout;
  const unrefing = ((...args: Parameters<typeof setTimeout>) => original(...args).unref()) as typeof setTimeout;
  globalThis.setTimeout = unrefing;
  queueMicrotask(() => {
    if (globalThis.setTimeout === unrefing) globalThis.setTimeout = original;
  });
}

/**
 * Points the SDK at `tree` in `realm`; with `session`, every request carries the session header,
 * and with `headers`, those headers too (zero-page login headers, a Cookie header).
 */
export function useTree(server: TestServer, tree: string, options: { realm?: string; session?: string; headers?: Record<string, string> } = {}): void {
  const extra: Record<string, string> = { ...options.headers, ...(options.session === undefined ? {} : { iPlanetDirectoryPro: options.session }) };
  const config: ConfigOptions = {
    serverConfig: { baseUrl: `${server.baseUrl}/am/`, timeout: 10_000 },
    realmPath: options.realm ?? 'alpha',
    tree,
    middleware: [
      (req: { init: RequestInit }, _action: unknown, next: () => void) => {
        // The SDK calls `fetch` and its timeout right after the middleware, in the same task.
        unrefTimersOfThisCall();
        if (Object.keys(extra).length > 0) {
          const headers = new Headers(req.init.headers);
          for (const [name, value] of Object.entries(extra)) headers.set(name, value);
          req.init.headers = headers;
        }
        next();
      },
    ],
  };
  Config.set(config);
}

/** Starts the configured tree; asserts a step comes back. */
export async function startStep(): Promise<FRStep> {
  return asStep(await FRAuth.next());
}

/** Asserts `result` is a step (with the failure's body in the message when it is not). */
export function asStep(result: StepResult): FRStep {
  assert.equal(result.type, StepType.Step, `expected a step, got ${result.type}: ${JSON.stringify(result.payload)}`);
  return result as FRStep;
}

/** Asserts `result` is a success. */
export function asSuccess(result: StepResult): FRLoginSuccess {
  assert.equal(result.type, StepType.LoginSuccess, `expected a success, got ${result.type}: ${JSON.stringify(result.payload)}`);
  return result as FRLoginSuccess;
}

/** Asserts `result` is a failure. */
export function asFailure(result: StepResult): FRLoginFailure {
  assert.equal(result.type, StepType.LoginFailure, `expected a failure, got ${result.type}: ${JSON.stringify(result.payload)}`);
  return result as FRLoginFailure;
}

/** The callback types of a step, in order. */
export function callbackTypes(step: FRStep): string[] {
  return step.callbacks.map((callback: { getType(): string }) => callback.getType());
}

/** Fills a Name/Password sign-in page and submits it. */
export async function submitCredentials(step: FRStep, username: string, password: string): Promise<StepResult> {
  step.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName(username);
  step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword(password);
  return FRAuth.next(step);
}

/** Signs in through `tree` (Name + Password page) with the SDK. */
export async function signInWithSdk(server: TestServer, username: string, password: string, tree = 'Login', realm = 'alpha'): Promise<StepResult> {
  useTree(server, tree, { realm });
  return submitCredentials(await startStep(), username, password);
}

/** `sessions?_action=validate` for a token. */
export async function validateSession(server: TestServer, tokenId: string, realm = 'alpha'): Promise<Record<string, unknown>> {
  const sessions = realm === 'root' ? '/am/json/realms/root/sessions' : `/am/json/realms/root/realms/${realm}/sessions`;
  const response = await fetch(`${server.baseUrl}${sessions}?_action=validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
    body: JSON.stringify({ tokenId }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Creates a user with the CLI. With `termsAccepted`, the user has also accepted the active terms,
 * so that the default alpha `Login` journey signs them in without its terms step (for tests that
 * are not about terms; a user added without it is asked at their first sign-in).
 */
export async function addUser(
  server: TestServer,
  realm: string,
  username: string,
  password: string,
  attributes: Record<string, string> = {},
  options: { termsAccepted?: boolean } = {},
): Promise<void> {
  const set = Object.entries({ mail: `${username}@example.com`, givenName: 'Test', sn: 'User', ...attributes }).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
  const added = await server.cli(['user', 'add', '--realm', realm, '--username', username, '--password', password, ...set]);
  assert.equal(added.code, 0, added.err);
  if (options.termsAccepted === true) await server.acceptActiveTerms(realm, username);
}

/** Accepts the terms step the default alpha `Login` journey shows, asserting it shows `version` when given. */
export async function acceptTermsStep(result: StepResult, version?: string): Promise<StepResult> {
  const step = asStep(result);
  assert.equal(step.getHeader(), 'Terms and Conditions');
  assert.deepEqual(callbackTypes(step), ['TermsAndConditionsCallback']);
  const callback = step.getCallbackOfType<TermsAndConditionsCallback>(CallbackType.TermsAndConditionsCallback);
  if (version !== undefined) assert.equal(callback.getVersion(), version);
  callback.setAccepted(true);
  return FRAuth.next(step);
}

/** The first recipient address of a parsed message. */
export function recipientOf(message: ParsedMail): string | undefined {
  const to = Array.isArray(message.to) ? message.to[0] : message.to;
  return to?.value[0]?.address;
}

/** The messages the sink received for `address`. */
export function mailTo(sink: SmtpSink, address: string): ParsedMail[] {
  return sink.messages.filter((message) => recipientOf(message) === address);
}

/** The resume link of an email (its first link carrying `suspendedId`), read from the HTML as a mail client would. */
export function resumeLinkOf(message: ParsedMail): URL {
  const html = typeof message.html === 'string' ? message.html : '';
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => decodeEntities(match[1] ?? ''));
  const texts = [...(message.text ?? '').matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
  const link = [...hrefs, ...texts].find((candidate) => candidate.includes('suspendedId='));
  assert.ok(link !== undefined, `no resume link in: ${html || message.text}`);
  return new URL(link);
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&#x3D;', '=')
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/**
 * Follows an emailed link with the SDK, as a login UI does without a browser: `FRAuth.next` with
 * the link's tree and `suspendedId` (a POST with an empty body).
 */
export async function resumeFromLink(server: TestServer, link: URL, options: { session?: string } = {}): Promise<StepResult> {
  const tree = link.searchParams.get('authIndexValue');
  const suspendedId = link.searchParams.get('suspendedId');
  const realm = (link.searchParams.get('realm') ?? '/alpha').replace(/^\//, '') || 'root';
  assert.ok(tree !== null && suspendedId !== null, link.toString());
  useTree(server, tree, { realm, ...options });
  return FRAuth.next(undefined, { tree, query: { suspendedId } });
}

/** The email outbox as `arbor mail list --json` prints it. */
export async function outbox(server: TestServer): Promise<OutboxMessage[]> {
  const listed = await server.cli(['mail', 'list', '--json', '--limit', '1000']);
  assert.equal(listed.code, 0, listed.err);
  return listed.out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as OutboxMessage);
}

/** A node of a journey built by a test: its type, config and wiring; a PageNode has children. */
export interface NodeSpec {
  type: string;
  config?: Record<string, unknown>;
  /** Outcome → the `key` of another node, or `success` / `failure`. */
  connections?: Record<string, string>;
  children?: NodeSpec[];
  /** How other nodes refer to this one (defaults to the type). */
  key?: string;
}

const SUCCESS_NODE = '70e691a5-1e33-4ac3-a356-e7b6d60d92e0';
const FAILURE_NODE = 'e301438c-0bd0-429c-ab0c-66126501069a';

/** Builds a journey in the AM REST `{tree, nodes}` shape; the first node is the entry. */
export function buildJourney(name: string, identityResource: string, specs: NodeSpec[]): { tree: Record<string, unknown>; nodes: Record<string, Record<string, unknown>> } {
  const ids = new Map<string, string>();
  const idOf = (spec: NodeSpec): string => {
    const key = spec.key ?? spec.type;
    let id = ids.get(key);
    if (id === undefined) {
      id = randomUUID();
      ids.set(key, id);
    }
    return id;
  };
  const nodeObject = (spec: NodeSpec): Record<string, unknown> => {
    const object: Record<string, unknown> = { _id: idOf(spec), _type: { _id: spec.type, name: spec.type, collection: true }, ...spec.config };
    if (spec.children !== undefined) object.nodes = spec.children.map((child) => ({ _id: idOf(child), nodeType: child.type, displayName: child.type }));
    return object;
  };
  const target = (key: string): string => {
    if (key === 'success') return SUCCESS_NODE;
    if (key === 'failure') return FAILURE_NODE;
    const id = ids.get(key);
    assert.ok(id !== undefined, `no node ${key}`);
    return id;
  };
  for (const spec of specs) idOf(spec);
  const nodes: Record<string, Record<string, unknown>> = {};
  const treeNodes: Record<string, unknown> = {};
  for (const spec of specs) {
    nodes[idOf(spec)] = nodeObject(spec);
    for (const child of spec.children ?? []) nodes[idOf(child)] = nodeObject(child);
    treeNodes[idOf(spec)] = {
      displayName: spec.type,
      nodeType: spec.type,
      connections: Object.fromEntries(Object.entries(spec.connections ?? {}).map(([outcome, key]) => [outcome, target(key)])),
    };
  }
  const [entry] = specs;
  assert.ok(entry !== undefined);
  return {
    tree: { _id: name, identityResource, entryNodeId: idOf(entry), enabled: true, innerTreeOnly: false, noSession: false, nodes: treeNodes, staticNodes: {} },
    nodes,
  };
}

/**
 * Writes `json` to a temporary file and imports it with `arbor journey import`; resolves to the
 * CLI's output. `announce: false` imports as another process would (see `TestServer.cli`).
 */
export async function importJourneyJson(server: TestServer, json: unknown, realm: string, options: { announce?: boolean } = {}): Promise<{ code: number; out: string; err: string }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'arbor-journey-'));
  try {
    const file = path.join(folder, 'journey.json');
    await writeFile(file, JSON.stringify(json));
    return await server.cli(['journey', 'import', file, '--realm', realm], options);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** What a registration page is filled with. */
export interface RegistrationAnswers {
  userName: string;
  password: string;
  /** String attributes by name (givenName, sn, mail…). */
  profile: Record<string, string>;
  /** Boolean attributes by name (`preferences/marketing`…); false when absent. */
  preferences?: Record<string, boolean>;
  /** One answer per KbaCreateCallback; the n-th callback picks the n-th predefined question. */
  answers?: string[];
}

/**
 * Fills every callback of a registration page the way a user would: username, string and boolean
 * attributes, password, security questions, terms accepted.
 */
export function fillRegistration(step: FRStep, registration: RegistrationAnswers): void {
  for (const callback of step.getCallbacksOfType<ValidatedCreateUsernameCallback>(CallbackType.ValidatedCreateUsernameCallback)) callback.setName(registration.userName);
  for (const callback of step.getCallbacksOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback)) {
    callback.setValue(registration.profile[callback.getName()] ?? '');
  }
  for (const callback of step.getCallbacksOfType<AttributeInputCallback<boolean>>(CallbackType.BooleanAttributeInputCallback)) {
    callback.setValue(registration.preferences?.[callback.getName()] ?? false);
  }
  for (const callback of step.getCallbacksOfType<ValidatedCreatePasswordCallback>(CallbackType.ValidatedCreatePasswordCallback)) callback.setPassword(registration.password);
  step.getCallbacksOfType<KbaCreateCallback>(CallbackType.KbaCreateCallback).forEach((callback: KbaCreateCallback, index: number) => {
    const question = callback.getPredefinedQuestions()[index];
    assert.ok(question !== undefined, `predefined question ${index}`);
    callback.setQuestion(question);
    callback.setAnswer(registration.answers?.[index] ?? `answer ${index}`);
  });
  for (const callback of step.getCallbacksOfType<TermsAndConditionsCallback>(CallbackType.TermsAndConditionsCallback)) callback.setAccepted(true);
}

/** Reads a managed user as the administrator, with its private fields (`kbaInfo`) and `_meta`. */
export async function readUser(admin: RestApi, type: string, userName: string): Promise<Record<string, unknown>> {
  const found = await admin('GET', `/openidm/managed/${type}?_queryFilter=${encodeURIComponent(`userName eq "${userName}"`)}&_fields=*,kbaInfo,consentedMappings,_meta/*`);
  assert.equal(found.status, 200, JSON.stringify(found.json));
  const [user] = found.json.result as Record<string, unknown>[];
  assert.ok(user !== undefined, `no ${type} ${userName}`);
  return user;
}

/**
 * `KbaCheck`: a page asking for the email address, the user it names, then KBA Verification
 * (success when the answers are right, failure otherwise or for an unknown address).
 */
export function kbaCheckJourney(): ReturnType<typeof buildJourney> {
  return buildJourney('KbaCheck', 'managed/alpha_user', [
    {
      type: 'PageNode',
      config: { pageHeader: { en: 'Verify your identity' }, pageDescription: {} },
      children: [{ type: 'AttributeCollectorNode', config: { attributesToCollect: ['mail'], identityAttribute: 'mail', validateInputs: false, required: true } }],
      connections: { outcome: 'IdentifyExistingUserNode' },
    },
    { type: 'IdentifyExistingUserNode', config: { identityAttribute: 'mail', identifier: 'userName' }, connections: { true: 'KbaVerifyNode', false: 'failure' } },
    { type: 'KbaVerifyNode', config: { kbaInfoAttribute: 'kbaInfo', identityAttribute: 'userName' }, connections: { true: 'success', false: 'failure' } },
  ]);
}
