/**
 * The journey service: starts, continues and resumes journeys for the AM authenticate endpoint
 * (and the login pages). Each step's state is stored under a random id and consumed by the next
 * request (single use); the authId names it. Suspended journeys wait under a single-use
 * `suspendedId` sent by email. Terminals become a session or a failure.
 */
import type { CacheInvalidation } from '../../cache/cache-invalidation.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { identityResourceOf, realmPath } from '../../config/realm-config.ts';
import { isRetryLaterError } from '../../identity/retry-later-error.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import type { EphemeralStore } from '../../store/ephemeral-store.ts';
import type { JourneyRepository } from '../ports.ts';
import type { AuthIdKeys } from './auth-id.ts';
import { signAuthId, verifyAuthId } from './auth-id.ts';
import type { Callback, CallbackJson } from './callbacks.ts';
import { journeyError } from './errors.ts';
import { finishJourney } from './finish-journey.ts';
import { createJourneyCache } from './journey-cache.ts';
import type { JourneyStateCipher } from './journey-record-store.ts';
import { createJourneyRecordStore } from './journey-record-store.ts';
import type { JourneyRecord, PendingStep } from './journey-state.ts';
import type { LoadedJourney } from './loaded-journey.ts';
import type { NodeServices, RequestFacts, RequestNodeServices } from './node-context.ts';
import type { NodeLookup, RunResult } from './runner.ts';
import { runJourney } from './runner.ts';
import type { ResponseCookie } from './response-cookie.ts';
import { resumePage, resumeUri } from './resume-uri.ts';
import { redirectRulesFor } from '../../config/allowed-redirect.ts';
import { treeIdentityResource } from './tree-identity-resource.ts';
import { readSubmission, renderCallbacks } from './submission.ts';
import { fillCredentials } from './zero-page-login.ts';

export type { JourneyStateCipher } from './journey-record-store.ts';

/** What the service is built from. */
export interface JourneyServiceDeps {
  nodes: NodeLookup;
  /** Read through the journey cache: each revision once, the current revision trusted for the cache TTL. */
  journeys: Pick<JourneyRepository, 'current' | 'version'>;
  /** Where Arbor announces journey writes (the cache drops the current revision at once); none: read on every start. */
  cacheInvalidation?: CacheInvalidation;
  ephemeral: EphemeralStore;
  authIdKeys: AuthIdKeys;
  /** Seals whole journey records at rest (the realm's `transientState.aes` key). */
  cipher: JourneyStateCipher;
  sessions: SessionService;
  services: NodeServices;
  /** The node services of each request (a view of the user shared within it); `services`, for every request, without it. */
  servicesForRequest?: () => RequestNodeServices;
  clock: { now(): number };
  /** Public base URL of Arbor, for resume links when the realm has no external login page. */
  publicUrl: string;
  /** ARBOR_CORS_ORIGINS: origins an external login page may be on, besides the public one and the realm's allow-list. */
  corsOrigins?: readonly string[];
  /** Told of every journey that ends (the audit); must not throw. */
  onFinished?: (finished: JourneyFinished) => void;
}

/** A journey that ended, as the audit records it. */
export interface JourneyFinished {
  realm: string;
  journey: string;
  outcome: 'SUCCESS' | 'FAILURE';
  userName?: string;
  userId?: string;
  /** The node whose outcome ended the journey (inside an inner tree: that tree's node). */
  node?: { id: string; type: string; tree: string };
  clientIp: string;
}

/**
 * The result of one authenticate request. `cookies`: what nodes set for this answer (Set Custom
 * Cookie, the persistent cookie), checked, to be sent as `Set-Cookie` without the session cookie's
 * name (`setCookieHeaders`).
 */
export type JourneyResponse = (
  | { kind: 'step'; authId: string; callbacks: CallbackJson[]; header?: string; description?: string; stage?: string }
  | { kind: 'success'; tokenId?: string; successUrl: string; realm: string; details?: Record<string, unknown> }
  | { kind: 'failure'; message: string; failureUrl: string; details?: Record<string, unknown> }
) & { cookies?: ResponseCookie[] };

/** How a journey is started. */
export interface StartRequest {
  realm: RealmConfig;
  authIndexType: string;
  authIndexValue: string;
  request: RequestFacts;
  noSession: boolean;
  successUrl?: string;
  failureUrl?: string;
  /** Zero-page login: fills the first step's name and password callbacks. */
  credentials?: { username: string; password: string };
}

/** The journey service. */
export interface JourneyService {
  start(input: StartRequest): Promise<JourneyResponse>;
  /** Continues from an authId with the callbacks the client filled in. */
  continue(input: { realm: RealmConfig; authId: string; callbacks: unknown; request: RequestFacts }): Promise<JourneyResponse>;
  /** Resumes a suspended journey from the `suspendedId` of an emailed link (single use). */
  resume(input: { realm: RealmConfig; suspendedId: string; request: RequestFacts }): Promise<JourneyResponse>;
}

/** Marks the pending step of a suspended journey: answering it shows the same message again. */
const SUSPENDED_STEP = '#suspended';

/** AM's read-only callback for a suspended journey. */
function suspendedTextOutput(message: string): Callback {
  return { type: 'SuspendedTextOutputCallback', output: [{ name: 'message', value: message }, { name: 'messageType', value: '0' }], inputs: [] };
}

/** What the audit hears of a finished journey: who, if known, and the node that ended a failure. */
function journeyFinished(record: JourneyRecord, kind: 'success' | 'failure', request: RequestFacts): JourneyFinished {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const userName = text(record.shared.username);
  const userId = text(record.shared._id);
  return {
    realm: record.realm,
    journey: record.authIndexValue,
    outcome: kind === 'success' ? 'SUCCESS' : 'FAILURE',
    ...(userName === undefined ? {} : { userName }),
    ...(userId === undefined ? {} : { userId }),
    ...(kind === 'failure' && record.lastNode !== undefined ? { node: record.lastNode } : {}),
    clientIp: request.clientIp,
  };
}

/** Creates the journey service. */
export function createJourneyService(deps: JourneyServiceDeps): JourneyService {
  const records = createJourneyRecordStore(deps.ephemeral, deps.cipher);
  const trees = createJourneyCache({ journeys: deps.journeys, nodes: deps.nodes, clock: deps.clock, ...(deps.cacheInvalidation === undefined ? {} : { invalidation: deps.cacheInvalidation }) });

  const respondWithStep = async (record: JourneyRecord, realm: RealmConfig, pending: PendingStep): Promise<JourneyResponse> => {
    record.pending = pending;
    record.step += 1;
    const now = deps.clock.now();
    const expiresAt = Math.min(now + realm.journeys.stepTimeoutMinutes * 60_000, record.startedAt + realm.journeys.maxDurationMinutes * 60_000);
    if (expiresAt <= now) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
    const stateId = await records.saveStep(record, expiresAt - now);
    const claims = { authIndexType: record.authIndexType, authIndexValue: record.authIndexValue, realm: realmPath(realm.name), sessionId: stateId, step: record.step };
    const authId = await signAuthId(claims, realm.name, deps.authIdKeys, now, expiresAt);
    const page = pending.page ?? {};
    return {
      kind: 'step',
      authId,
      callbacks: renderCallbacks(pending.owners.flatMap((owner) => owner.callbacks)),
      ...(page.header ? { header: page.header } : {}),
      ...(page.description ? { description: page.description } : {}),
      ...(page.stage ? { stage: page.stage } : {}),
    };
  };

  const suspend = async (record: JourneyRecord, realm: RealmConfig, result: Extract<RunResult, { kind: 'suspend' }>): Promise<JourneyResponse> => {
    const minutes = result.action.durationMinutes ?? realm.journeys.suspendedMinutes ?? 60;
    const { pending: _pending, ...waiting } = record;
    const page = resumePage(realm, redirectRulesFor({ publicUrl: deps.publicUrl, corsOrigins: [...(deps.corsOrigins ?? [])] }, realm));
    const suspendedId = await records.saveSuspended({ ...waiting, suspendedAt: result.nodeId }, minutes * 60_000);
    await result.action.deliver(resumeUri(page, realm, record.authIndexValue, suspendedId));
    return respondWithStep(record, realm, { nodeId: SUSPENDED_STEP, owners: [{ nodeId: result.nodeId, callbacks: [suspendedTextOutput(result.action.message)] }] });
  };

  const advance = async (
    record: JourneyRecord,
    realm: RealmConfig,
    request: RequestFacts,
    submitted: Parameters<typeof runJourney>[1],
    options: {
      resumeNodeId?: string;
      preloaded?: LoadedJourney[];
      answerStep?: (pending: PendingStep, cookies: ResponseCookie[]) => Promise<JourneyResponse>;
      cookies?: ResponseCookie[];
    } = {},
  ): Promise<JourneyResponse> => {
    const cookies = options.cookies ?? [];
    const withCookies = (response: JourneyResponse): JourneyResponse => {
      const all = [...cookies, ...(response.cookies ?? [])];
      return all.length === 0 ? response : { ...response, cookies: all };
    };
    // One request's services: the nodes and the finish share what they read of a user.
    const scope = deps.servicesForRequest?.() ?? { services: deps.services, settle: async () => {} };
    let result: RunResult;
    try {
      result = await runJourney(record, submitted, {
        nodes: deps.nodes,
        loadJourney: (realmName, name, revision) => (revision === undefined ? trees.current(realmName, name) : trees.version(realmName, name, revision)),
        services: scope.services,
        request,
        maxNodesPerRequest: realm.journeys.maxNodesPerRequest,
        cookies,
        ...(options.resumeNodeId === undefined ? {} : { resumeNodeId: options.resumeNodeId }),
        ...(options.preloaded === undefined ? {} : { preloaded: options.preloaded }),
      });
    } catch (error) {
      // What the nodes kept for the end still lands; the error reported is the request's own.
      await scope.settle().catch(() => undefined);
      throw error;
    }
    if (result.kind === 'success' || result.kind === 'failure') {
      const finished = await finishJourney(result.kind, record, realm, { services: scope.services, sessions: deps.sessions, settle: scope.settle, nodes: deps.nodes, request });
      deps.onFinished?.(journeyFinished(record, finished.kind, request));
      return withCookies(finished);
    }
    await scope.settle();
    if (result.kind === 'suspend') return withCookies(await suspend(record, realm, result));
    // Zero-page login answers the step in this request: its cookies and the next run's go together.
    if (options.answerStep !== undefined) return options.answerStep(result.pending, cookies);
    return withCookies(await respondWithStep(record, realm, result.pending));
  };

  return {
    async start(input) {
      const journey = await trees.current(input.realm.name, input.authIndexValue);
      if (journey === undefined) throw journeyError('TREE_NOT_FOUND', `No journey named ${input.authIndexValue} in realm ${realmPath(input.realm.name)}`);
      const { tree } = journey.definition;
      if (tree.enabled === false) throw journeyError('TREE_DISABLED', `Journey ${input.authIndexValue} is disabled`);
      if (tree.innerTreeOnly === true) throw journeyError('TREE_INNER_ONLY', `Journey ${input.authIndexValue} can only run as an inner tree`);
      const record: JourneyRecord = {
        realm: input.realm.name,
        authIndexType: input.authIndexType,
        authIndexValue: input.authIndexValue,
        identityResource: treeIdentityResource(tree) ?? identityResourceOf(input.realm),
        frames: [{ tree: input.authIndexValue, nodeId: tree.entryNodeId }],
        // A journey started with a session of the realm knows who the user is (AM's session upgrade).
        shared: {
          realm: realmPath(input.realm.name),
          ...(input.request.existingSession?.realm === input.realm.name ? { username: input.request.existingSession.username } : {}),
        },
        transient: {},
        noSession: input.noSession || tree.noSession === true,
        startedAt: deps.clock.now(),
        step: 0,
        ...(input.successUrl === undefined ? {} : { successUrl: input.successUrl }),
        ...(input.failureUrl === undefined ? {} : { failureUrl: input.failureUrl }),
      };
      // A tree with its own Zero Page Login Collector reads the headers itself (`request.zeroPageLogin`).
      const ownZeroPage = Object.values(tree.nodes).some((entry) => entry.nodeType === 'ZeroPageLoginNode');
      const credentials = ownZeroPage ? undefined : input.credentials;
      if (credentials === undefined) return advance(record, input.realm, input.request, undefined, { preloaded: [journey] });
      // Zero-page login answers the first step in this request: it is never stored, signed or read back.
      const answerStep = (pending: PendingStep, cookies: ResponseCookie[]): Promise<JourneyResponse> => {
        record.pending = pending;
        record.step += 1;
        const filled = fillCredentials(renderCallbacks(pending.owners.flatMap((owner) => owner.callbacks)), credentials);
        return advance(record, input.realm, input.request, readSubmission(pending, filled), { cookies });
      };
      return advance(record, input.realm, input.request, undefined, { preloaded: [journey], answerStep });
    },

    async continue(input) {
      const claims = await verifyAuthId(input.authId, input.realm.name, deps.authIdKeys, deps.clock.now());
      if (claims.realm !== realmPath(input.realm.name)) throw journeyError('AUTH_ID_INVALID', 'authId belongs to another realm');
      const { record, raw } = await records.takeStep(input.realm.name, claims.sessionId);
      if (record.pending === undefined || record.step !== claims.step) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
      if (record.pending.nodeId === SUSPENDED_STEP) return respondWithStep(record, input.realm, record.pending);
      let submitted;
      try {
        submitted = readSubmission(record.pending, input.callbacks);
      } catch (error) {
        // A malformed answer must not cost the user the journey: put the step back untouched.
        await records.restoreStep(claims.sessionId, raw, Math.max(1, claims.expiresAt - deps.clock.now()));
        throw error;
      }
      try {
        return await advance(record, input.realm, input.request, submitted);
      } catch (error) {
        // Throttled or overloaded (429/503 with Retry-After): the same answer may be sent again later.
        if (isRetryLaterError(error)) await records.restoreStep(claims.sessionId, raw, Math.max(1, claims.expiresAt - deps.clock.now()));
        throw error;
      }
    },

    async resume(input) {
      const record = await records.takeSuspended(input.realm.name, input.suspendedId);
      const suspendedAt = record.suspendedAt;
      if (suspendedAt === undefined) throw journeyError('SUSPENDED_ID_INVALID', 'The suspended journey is damaged');
      delete record.suspendedAt;
      // The link starts a new journey lifetime: the user may open it long after the first steps.
      record.startedAt = deps.clock.now();
      return advance(record, input.realm, input.request, undefined, { resumeNodeId: suspendedAt });
    },
  };
}
