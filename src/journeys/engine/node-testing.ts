/**
 * Test harness for nodes: run one node with a fake context, fake domain services with an
 * in-memory user list, and turn the callbacks a node sent into the submission of the next call.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { NodeAction } from './actions.ts';
import type { Callback, SubmittedCallback } from './callbacks.ts';
import type { NodeDefinition } from './define-node.ts';
import type { PoliciesObject } from './callback-builders.ts';
import type { JourneyStateData, ManagedUserView, NodeServices, PolicyGateway, PolicyRequirement, RequestFacts } from './node-context.ts';
import { parseNodeConfig } from './parse-node-config.ts';

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
}

/** The node's action and the journey state after the run (copies of what the test passed). */
export interface NodeRun {
  action: NodeAction;
  state: JourneyStateData;
  config: unknown;
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
  const request: RequestFacts = { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {}, ...options.request };
  const action = await definition.process({
    nodeId: options.nodeId ?? TEST_NODE_ID,
    displayName: definition.displayName,
    config,
    state,
    callbacks: options.callbacks,
    services: options.services ?? fakeServices(),
    request,
    identityResource: options.identityResource ?? 'managed/alpha_user',
  });
  return { action, state, config };
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

// ---- fake services ----

/** A user of the fake store; `password` is kept in clear (it is a test). */
export interface FakeUser {
  _id: string;
  attributes: Record<string, unknown>;
  password?: string;
  meta?: Record<string, unknown>;
  locked?: boolean;
  failures?: number;
}

/** How the fakes behave. */
export interface FakeServicesOptions {
  users?: FakeUser[];
  /** Schema properties by name (`{title, description, type}`). */
  schema?: Record<string, Record<string, unknown>>;
  /** IDM property policy objects by property name. */
  policies?: Record<string, PoliciesObject>;
  /** Failed requirements for a validation; none by default. */
  validate?: (...args: Parameters<PolicyGateway['validateProperties']>) => { property: string; failures: PolicyRequirement[] }[];
  /** Realm lockout: lock after `failureCount` failures, warn from `warnUserCount` (0 never warns). */
  lockout?: { failureCount: number; warnUserCount?: number };
  now?: number;
}

/** The fakes plus what tests inspect: the live user list and a log of the calls made. */
export interface FakeServices extends NodeServices {
  users: FakeUser[];
  /** `method:arg…` per call, e.g. `verifyPassword:u1`, `setLocked:u1:true`. */
  calls: string[];
  validations: Parameters<PolicyGateway['validateProperties']>[];
}

function view(user: FakeUser): ManagedUserView {
  return {
    _id: user._id,
    _rev: '1',
    attributes: structuredClone(user.attributes),
    meta: structuredClone(user.meta ?? {}),
    hasPassword: user.password !== undefined,
  };
}

function sameValue(stored: unknown, wanted: string): boolean {
  return typeof stored === 'string' ? stored.toLowerCase() === wanted.toLowerCase() : String(stored) === wanted;
}

/** Fresh fakes; each call has its own users and call log. */
export function fakeServices(options: FakeServicesOptions = {}): FakeServices {
  const users = (options.users ?? []).map((user) => structuredClone(user));
  const calls: string[] = [];
  const validations: FakeServices['validations'] = [];
  const byId = (id: string): FakeUser | undefined => users.find((user) => user._id === id);
  return {
    users,
    calls,
    validations,
    identity: {
      async findUser(_resource, attribute, value) {
        calls.push(`findUser:${attribute}:${value}`);
        const user = users.find((candidate) => sameValue(candidate.attributes[attribute], value));
        return user === undefined ? undefined : view(user);
      },
      async getUser(_resource, id) {
        calls.push(`getUser:${id}`);
        const user = byId(id);
        return user === undefined ? undefined : view(user);
      },
      async verifyPassword(_resource, id, password) {
        calls.push(`verifyPassword:${id}`);
        const user = byId(id);
        return user?.password !== undefined && user.password === password;
      },
      async dummyVerify() {
        calls.push('dummyVerify');
      },
      async incrementLoginCount(_resource, id) {
        calls.push(`incrementLoginCount:${id}`);
        const user = byId(id);
        if (user === undefined) throw new Error(`no user ${id}`);
        const count = typeof user.meta?.['loginCount'] === 'number' ? user.meta['loginCount'] : 0;
        user.meta = { ...user.meta, loginCount: count + 1 };
      },
      async patchUser(_resource, id, fields) {
        calls.push(`patchUser:${id}`);
        const user = byId(id);
        if (user === undefined) throw new Error(`no user ${id}`);
        Object.assign(user.attributes, structuredClone(fields));
      },
      async schemaProperty(_resource, name) {
        return options.schema?.[name];
      },
    },
    policy: {
      async propertyPolicies(_resource, property) {
        return options.policies?.[property] ?? {};
      },
      async validateProperties(resource, properties, context) {
        calls.push(`validateProperties:${Object.keys(properties).join(',')}`);
        validations.push([resource, structuredClone(properties), structuredClone(context)]);
        return options.validate?.(resource, properties, context) ?? [];
      },
    },
    lockout: {
      async isLocked(_resource, id) {
        calls.push(`isLocked:${id}`);
        return byId(id)?.locked === true;
      },
      async recordFailure(_resource, id) {
        calls.push(`recordFailure:${id}`);
        const user = byId(id);
        if (user === undefined || options.lockout === undefined) return { locked: false, remaining: undefined };
        user.failures = (user.failures ?? 0) + 1;
        const { failureCount, warnUserCount = 0 } = options.lockout;
        if (user.failures >= failureCount) user.locked = true;
        const warns = warnUserCount > 0 && user.failures >= warnUserCount && user.locked !== true;
        return { locked: user.locked === true, remaining: warns ? failureCount - user.failures : undefined };
      },
      async recordSuccess(_resource, id) {
        calls.push(`recordSuccess:${id}`);
        const user = byId(id);
        if (user !== undefined) user.failures = 0;
      },
      async setLocked(_resource, id, locked) {
        calls.push(`setLocked:${id}:${locked}`);
        const user = byId(id);
        if (user === undefined) throw new Error(`no user ${id}`);
        user.locked = locked;
        if (!locked) user.failures = 0;
      },
    },
    clock: { now: () => options.now ?? Date.UTC(2025, 0, 1) },
  };
}
