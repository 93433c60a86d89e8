/**
 * The journey service: starts and continues journeys for the AM authenticate endpoint (and the
 * login pages). Persists state between steps under a random id (single use: each continuation
 * consumes it), signs the authId, and turns terminals into a session or a failure.
 */
import { randomBytes } from 'node:crypto';
import type { RealmConfig } from '../../config/realm-config.ts';
import { identityResourceOf, realmPath } from '../../config/realm-config.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import type { EphemeralStore } from '../../store/ephemeral-store.ts';
import type { JourneyRepository } from '../ports.ts';
import type { AuthIdKeys } from './auth-id.ts';
import { signAuthId, verifyAuthId } from './auth-id.ts';
import type { CallbackJson } from './callbacks.ts';
import { journeyError } from './errors.ts';
import type { JourneyRecord, StoredJourneyRecord } from './journey-state.ts';
import type { NodeServices, RequestFacts } from './node-context.ts';
import type { NodeLookup } from './runner.ts';
import { runJourney } from './runner.ts';
import { readSubmission, renderCallbacks } from './submission.ts';
import { finishJourney } from './finish-journey.ts';

/** Seals transient state with the realm's key, and opens it again. */
export interface TransientCipher {
  seal(realm: string, value: Record<string, unknown>): Promise<string>;
  open(realm: string, text: string): Promise<Record<string, unknown>>;
}

/** What the service is built from. */
export interface JourneyServiceDeps {
  nodes: NodeLookup;
  journeys: Pick<JourneyRepository, 'get'>;
  ephemeral: EphemeralStore;
  authIdKeys: AuthIdKeys;
  cipher: TransientCipher;
  sessions: SessionService;
  services: NodeServices;
  clock: { now(): number };
}

/** The result of one authenticate request. */
export type JourneyResponse =
  | { kind: 'step'; authId: string; callbacks: CallbackJson[]; header?: string; description?: string; stage?: string }
  | { kind: 'success'; tokenId?: string; successUrl: string; realm: string }
  | { kind: 'failure'; message: string; failureUrl: string };

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
}

const STATE_PREFIX = 'journey:';

/** Creates the journey service. */
export function createJourneyService(deps: JourneyServiceDeps): JourneyService {
  const advance = async (record: JourneyRecord, realm: RealmConfig, request: RequestFacts, submitted: Parameters<typeof runJourney>[1]): Promise<JourneyResponse> => {
    const result = await runJourney(record, submitted, {
      nodes: deps.nodes,
      loadJourney: (realmName, name) => deps.journeys.get(realmName, name),
      services: deps.services,
      request,
      maxNodesPerRequest: realm.journeys.maxNodesPerRequest,
    });
    if (result.kind !== 'step') return finishJourney(result.kind, record, realm, deps);
    record.pending = result.pending;
    record.step += 1;
    const now = deps.clock.now();
    const expiresAt = Math.min(now + realm.journeys.stepTimeoutMinutes * 60_000, record.startedAt + realm.journeys.maxDurationMinutes * 60_000);
    if (expiresAt <= now) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
    const stateId = randomBytes(18).toString('base64url');
    const { transient, ...rest } = record;
    const stored: StoredJourneyRecord = { ...rest, transientCipher: await deps.cipher.seal(realm.name, transient) };
    await deps.ephemeral.put(STATE_PREFIX + stateId, JSON.stringify(stored), expiresAt - now);
    const authId = await signAuthId(
      { authIndexType: record.authIndexType, authIndexValue: record.authIndexValue, realm: realmPath(realm.name), sessionId: stateId, step: record.step },
      realm.name,
      deps.authIdKeys,
      now,
      expiresAt,
    );
    const page = result.pending.page ?? {};
    return {
      kind: 'step',
      authId,
      callbacks: renderCallbacks(result.pending.owners.flatMap((owner) => owner.callbacks)),
      ...(page.header ? { header: page.header } : {}),
      ...(page.description ? { description: page.description } : {}),
      ...(page.stage ? { stage: page.stage } : {}),
    };
  };

  const loadRecord = async (realm: RealmConfig, stateId: string, consume: boolean): Promise<{ record: JourneyRecord; raw: string }> => {
    const key = STATE_PREFIX + stateId;
    const raw = consume ? await deps.ephemeral.consume(key) : await deps.ephemeral.get(key);
    if (raw === undefined) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
    const stored = JSON.parse(raw) as StoredJourneyRecord;
    const { transientCipher, ...rest } = stored;
    return { record: { ...rest, transient: await deps.cipher.open(realm.name, transientCipher) }, raw };
  };

  return {
    async start(input) {
      const journey = await deps.journeys.get(input.realm.name, input.authIndexValue);
      if (journey === undefined) throw journeyError('TREE_NOT_FOUND', `No journey named ${input.authIndexValue} in realm ${realmPath(input.realm.name)}`);
      if (journey.tree.enabled === false) throw journeyError('TREE_DISABLED', `Journey ${input.authIndexValue} is disabled`);
      if (journey.tree.innerTreeOnly === true) throw journeyError('TREE_INNER_ONLY', `Journey ${input.authIndexValue} can only run as an inner tree`);
      const record: JourneyRecord = {
        realm: input.realm.name,
        authIndexType: input.authIndexType,
        authIndexValue: input.authIndexValue,
        identityResource: journey.tree.identityResource ?? identityResourceOf(input.realm),
        frames: [{ tree: input.authIndexValue, nodeId: journey.tree.entryNodeId }],
        shared: { realm: realmPath(input.realm.name) },
        transient: {},
        noSession: input.noSession || journey.tree.noSession === true,
        startedAt: deps.clock.now(),
        step: 0,
        ...(input.successUrl === undefined ? {} : { successUrl: input.successUrl }),
        ...(input.failureUrl === undefined ? {} : { failureUrl: input.failureUrl }),
      };
      const first = await advance(record, input.realm, input.request, undefined);
      if (input.credentials === undefined || first.kind !== 'step') return first;
      return this.continue({ realm: input.realm, authId: first.authId, callbacks: fillCredentials(first.callbacks, input.credentials), request: input.request });
    },
    async continue(input) {
      const claims = await verifyAuthId(input.authId, input.realm.name, deps.authIdKeys, deps.clock.now());
      if (claims.realm !== realmPath(input.realm.name)) throw journeyError('AUTH_ID_INVALID', 'authId belongs to another realm');
      const { record, raw } = await loadRecord(input.realm, claims.sessionId, true);
      if (record.pending === undefined || record.step !== claims.step) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
      let submitted;
      try {
        submitted = readSubmission(record.pending, input.callbacks);
      } catch (error) {
        // A malformed answer must not cost the user the journey: put the step back untouched.
        const remaining = Math.max(1, claims.expiresAt - deps.clock.now());
        await deps.ephemeral.put(STATE_PREFIX + claims.sessionId, raw, remaining);
        throw error;
      }
      return advance(record, input.realm, input.request, submitted);
    },
  };
}

/** Puts zero-page login credentials into the first name and password callbacks of a step. */
function fillCredentials(callbacks: CallbackJson[], credentials: { username: string; password: string }): CallbackJson[] {
  let nameDone = false;
  let passwordDone = false;
  return callbacks.map((callback) => {
    const isName = callback.type === 'NameCallback' || callback.type === 'ValidatedCreateUsernameCallback';
    const isPassword = callback.type === 'PasswordCallback' || callback.type === 'ValidatedCreatePasswordCallback';
    const fill = (isName && !nameDone) || (isPassword && !passwordDone);
    if (!fill || callback.input === undefined) return callback;
    if (isName) nameDone = true;
    if (isPassword) passwordDone = true;
    const value = isName ? credentials.username : credentials.password;
    return { ...callback, input: callback.input.map((entry, index) => (index === 0 ? { ...entry, value } : entry)) };
  });
}
