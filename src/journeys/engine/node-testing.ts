/**
 * Test harness for nodes: run one node with a context of its own (the real node services on the
 * in-memory store from `platform/testing/node-test-services.ts` unless the test passes its own)
 * and turn the callbacks a node sent into the submission of the next call.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { NodeAction } from './actions.ts';
import type { Callback, SubmittedCallback } from './callbacks.ts';
import type { NodeDefinition } from './define-node.ts';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { JourneyStateData, NodeServices, RequestFacts } from './node-context.ts';
import { parseNodeConfig } from './parse-node-config.ts';
import type { ResponseCookie } from './response-cookie.ts';
import { type SessionOutputsHolder, sessionOutputsOf } from './session-outputs.ts';


/** What a test may set for one node run; everything has a sensible default. */
export interface RunNodeOptions {
  /** Raw config as stored (defaults are filled by the node's schema). */
  config?: Record<string, unknown>;
  shared?: Record<string, unknown>;
  transient?: Record<string, unknown>;
  callbacks?: SubmittedCallback[];
  services?: NodeServices;
  request?: Partial<RequestFacts>;
  identityResource?: string;
  nodeId?: string;
  /** The journey was resumed through this node's emailed link. */
  resumedFromSuspend?: boolean;
  /** Session properties earlier nodes set. */
  sessionProperties?: Record<string, string>;
}

/** The node's action and the journey state after the run (copies of what the test passed). */
export interface NodeRun {
  action: NodeAction;
  state: JourneyStateData;
  config: unknown;
  /** What the node left for the session (properties, limits, hooks) and the cookies it set. */
  session: SessionOutputsHolder & { cookies: ResponseCookie[] };
}

/** The node id tests use unless they set one. */
export const TEST_NODE_ID = '0b6c9e34-5d21-4a7c-9f3e-2f1d8c4b7a10';

/** Runs `definition.process` once; throws when the config does not parse. */
export async function runNode<S extends TSchema>(definition: NodeDefinition<S>, options: RunNodeOptions = {}): Promise<NodeRun> {
  const parsed = parseNodeConfig(definition, options.config ?? {});
  if (!parsed.ok) throw new Error(`invalid ${definition.type} config: ${parsed.errors.join('; ')}`);
  const config: Static<S> = parsed.config;
  const state: JourneyStateData = {
    shared: structuredClone(options.shared ?? {}),
    transient: structuredClone(options.transient ?? {}),
  };
  const session: SessionOutputsHolder & { cookies: ResponseCookie[] } = {
    cookies: [],
    ...(options.sessionProperties === undefined ? {} : { sessionProperties: { ...options.sessionProperties } }),
  };
  const nodeId = options.nodeId ?? TEST_NODE_ID;
  const request: RequestFacts = { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {}, ...options.request };
  const action = await definition.process({
    nodeId,
    displayName: definition.displayName,
    config,
    state,
    callbacks: options.callbacks,
    services: options.services ?? (await nodeTestServices()).services,
    request,
    identityResource: options.identityResource ?? 'managed/alpha_user',
    resumedFromSuspend: options.resumedFromSuspend ?? false,
    session: sessionOutputsOf(session, session.cookies, { id: nodeId, type: definition.type }),
  });
  return { action, state, config, session };
}

/** The callbacks of a `send` action; throws for any other action so that a test fails clearly. */
export function sentCallbacks(action: NodeAction): Callback[] {
  if (action.kind !== 'send') throw new Error(`expected a send action, got ${JSON.stringify(action)}`);
  return action.callbacks;
}

const INPUTS: unique symbol = Symbol('inputs');

/** Several inputs of one callback keyed by suffix (`''`, `validateOnly`…), for `submit`. */
export interface SubmitInputs {
  readonly [INPUTS]: Record<string, unknown>;
}

/** Marks a value for `submit` as several inputs keyed by suffix. */
export function inputs(values: Record<string, unknown>): SubmitInputs {
  return { [INPUTS]: values };
}

function isSubmitInputs(value: unknown): value is SubmitInputs {
  return typeof value === 'object' && value !== null && INPUTS in value;
}

/**
 * The submission of `callbacks` as the client would send it: `values[i]` is the main input of
 * callback i (or `inputs({...})` for several); inputs not given keep the value the node sent.
 * Values are not type-checked, so tests can send what a broken client would.
 */
export function submit(callbacks: readonly Callback[], values: readonly unknown[]): SubmittedCallback[] {
  return callbacks.map((callback, index) => {
    const given = values[index];
    const submitted: Record<string, unknown> = {};
    for (const input of callback.inputs) submitted[input.suffix] = input.value;
    if (isSubmitInputs(given)) Object.assign(submitted, given[INPUTS]);
    else if (index < values.length && callback.inputs.length > 0) submitted[''] = given;
    return { type: callback.type, output: callback.output.map((o) => ({ ...o })), inputs: submitted };
  });
}
