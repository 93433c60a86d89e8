/**
 * Fake domain services for node and runner tests: an in-memory user list, schema and policies
 * from options, self-service gateways (KBA, terms, consent, email, CAPTCHA) that record what
 * nodes asked of them, and a fixed clock. Every call is logged in `calls`.
 */
import assert from 'node:assert/strict';
import type { PoliciesObject } from './callback-builders.ts';
import type {
  ActiveTerms,
  CaptchaGateway,
  ConsentMapping,
  KbaSettings,
  ManagedUserView,
  NodeServices,
  PolicyGateway,
  PolicyRequirement,
} from './node-context.ts';

/** A user of the fake store; `password` is kept in clear (it is a test). */
export interface FakeUser {
  _id: string;
  attributes: Record<string, unknown>;
  password?: string;
  meta?: Record<string, unknown>;
  locked?: boolean;
  failures?: number;
  /** Failed KBA verifications. */
  kbaFailures?: number;
}

/** How the fakes behave. */
export interface FakeServicesOptions {
  users?: FakeUser[];
  /** Schema properties by name (`{title, description, type, properties}`); nested ones by path or through `properties`. */
  schema?: Record<string, Record<string, unknown>>;
  /** The schema's required property names. */
  required?: string[];
  /** IDM property policy objects by property name. */
  policies?: Record<string, PoliciesObject>;
  /** Failed requirements for a validation; none by default. */
  validate?: (...args: Parameters<PolicyGateway['validateProperties']>) => { property: string; failures: PolicyRequirement[] }[];
  /** Realm lockout: lock after `failureCount` failures, warn from `warnUserCount` (0 never warns). */
  lockout?: { failureCount: number; warnUserCount?: number };
  /** A message makes `createUser` refuse the object. */
  createRefusal?: (attributes: Record<string, unknown>) => string | undefined;
  /** A message makes `tryPatchUser` refuse the patch. */
  patchRefusal?: (fields: Record<string, unknown>) => string | undefined;
  /** KBA settings over `FAKE_KBA_SETTINGS`. */
  kba?: Partial<KbaSettings>;
  /** The active terms; none when undefined. */
  terms?: ActiveTerms;
  consentMappings?: ConsentMapping[];
  /** Templates `sendTemplate` reports as not queued (missing or disabled). */
  disabledTemplates?: string[];
  /** The CAPTCHA provider's answer; `{success: true}` by default. */
  captcha?: (request: Parameters<CaptchaGateway['verify']>[0]) => { success: boolean; score?: number };
  now?: number;
}

/** An email a node queued. */
export interface FakeEmail {
  template: string;
  to: string;
  object: Record<string, unknown>;
  locales: string[];
}

/** The fakes plus what tests inspect: the live user list and logs of the calls made. */
export interface FakeServices extends NodeServices {
  users: FakeUser[];
  /** `method:arg…` per call, e.g. `verifyPassword:u1`, `setLocked:u1:true`. */
  calls: string[];
  validations: Parameters<PolicyGateway['validateProperties']>[];
  /** Objects passed to `createUser`, as received. */
  created: Record<string, unknown>[];
  /** Fields passed to `tryPatchUser`, as received, with the user id. */
  patches: { id: string; fields: Record<string, unknown> }[];
  emails: FakeEmail[];
  captchaRequests: Parameters<CaptchaGateway['verify']>[0][];
}

/** The KBA settings of the fakes unless a test overrides them. */
export const FAKE_KBA_SETTINGS: KbaSettings = {
  questions: { '1': { en: "What's your favorite color?", fr: 'Quelle est votre couleur préférée ?' }, '2': { en: 'Who was your first employer?' } },
  minimumAnswersToDefine: 2,
  minimumAnswersToVerify: 1,
  kbaPropertyName: 'kbaInfo',
  numberOfAttemptsAllowed: 3,
};

/** What the fake `hashAnswer` stores: recognisable, and never the answer as typed. */
export function fakeKbaHash(answer: string): { $fake: 'kba-hash'; value: string } {
  return { $fake: 'kba-hash', value: answer.trim().toLowerCase() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Writes `fields` (`/`-paths allowed) into `target`, as the identity service does. */
function writeFields(target: Record<string, unknown>, fields: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(fields)) {
    const segments = path.split('/').filter((segment) => segment !== '');
    const last = segments.pop();
    if (last === undefined) continue;
    let node = target;
    for (const segment of segments) {
      if (!isRecord(node[segment])) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    node[last] = structuredClone(value);
  }
}

const view = (user: FakeUser): ManagedUserView => ({ _id: user._id, _rev: '1', attributes: structuredClone(user.attributes), meta: structuredClone(user.meta ?? {}), hasPassword: user.password !== undefined });
const sameValue = (stored: unknown, wanted: string): boolean => (typeof stored === 'string' ? stored.toLowerCase() === wanted.toLowerCase() : String(stored) === wanted);

/** The schema property at `path`: a key of `schema` as given, else walked through `properties`. */
function propertyAt(schema: Record<string, Record<string, unknown>>, path: string): Record<string, unknown> | undefined {
  const direct = schema[path];
  if (direct !== undefined) return direct;
  const [head, ...rest] = path.replace(/^\//, '').split('/');
  let property: unknown = head === undefined ? undefined : schema[head];
  for (const segment of rest) property = isRecord(property) && isRecord(property['properties']) ? property['properties'][segment] : undefined;
  return isRecord(property) ? property : undefined;
}

/** Fresh fakes; each call has its own users and logs. */
export function fakeServices(options: FakeServicesOptions = {}): FakeServices {
  const users = (options.users ?? []).map((user) => structuredClone(user));
  const calls: string[] = [];
  const fakes = { validations: [], created: [], patches: [], emails: [], captchaRequests: [] } as Pick<FakeServices, 'validations' | 'created' | 'patches' | 'emails' | 'captchaRequests'>;
  const byId = (id: string): FakeUser | undefined => users.find((user) => user._id === id);
  const existing = (id: string): FakeUser => byId(id) ?? assert.fail(`no user ${id}`);
  const kbaSettings: KbaSettings = { ...FAKE_KBA_SETTINGS, ...options.kba };
  const now = options.now ?? Date.UTC(2025, 0, 1);
  return {
    users,
    calls,
    ...fakes,
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
        const user = existing(id);
        const count = typeof user.meta?.['loginCount'] === 'number' ? user.meta['loginCount'] : 0;
        user.meta = { ...user.meta, loginCount: count + 1 };
      },
      async patchUser(_resource, id, fields) {
        calls.push(`patchUser:${id}`);
        Object.assign(existing(id).attributes, structuredClone(fields));
      },
      async updateSystemAttribute(_resource, id, attribute, update) {
        calls.push(`updateSystemAttribute:${id}:${attribute}`);
        const user = existing(id);
        user.attributes[attribute] = update(structuredClone(user.attributes[attribute]));
      },
      async createUser(_resource, attributes) {
        calls.push('createUser');
        fakes.created.push(structuredClone(attributes));
        const refusal = options.createRefusal?.(attributes);
        if (refusal !== undefined) return { ok: false, message: refusal };
        const { password, ...rest } = structuredClone(attributes);
        const user: FakeUser = { _id: `new-${users.length + 1}`, attributes: rest, meta: { createDate: new Date(now).toISOString() } };
        if (typeof password === 'string') user.password = password;
        users.push(user);
        return { ok: true, user: view(user) };
      },
      async tryPatchUser(_resource, id, fields) {
        calls.push(`tryPatchUser:${id}`);
        fakes.patches.push({ id, fields: structuredClone(fields) });
        const user = byId(id);
        if (user === undefined) return { ok: false, message: 'Not Found' };
        const refusal = options.patchRefusal?.(fields);
        if (refusal !== undefined) return { ok: false, message: refusal };
        const { password, ...rest } = fields;
        writeFields(user.attributes, rest);
        if (typeof password === 'string') user.password = password;
        return { ok: true };
      },
      async recordTermsAccepted(_resource, id, accepted) {
        calls.push(`recordTermsAccepted:${id}:${accepted.termsVersion}`);
        const user = existing(id);
        user.meta = { ...user.meta, termsAccepted: { ...accepted } };
      },
      async schema() {
        return { required: [...(options.required ?? [])], properties: structuredClone(options.schema ?? {}) };
      },
      async schemaProperty(_resource, name) {
        return propertyAt(options.schema ?? {}, name);
      },
    },
    policy: {
      async propertyPolicies(_resource, property) {
        return options.policies?.[property] ?? {};
      },
      async validateProperties(resource, properties, context) {
        calls.push(`validateProperties:${Object.keys(properties).join(',')}`);
        fakes.validations.push([resource, structuredClone(properties), structuredClone(context)]);
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
        const user = existing(id);
        user.locked = locked;
        if (!locked) user.failures = 0;
      },
    },
    kba: {
      async settings() {
        return structuredClone(kbaSettings);
      },
      async hashAnswer(answer) {
        return fakeKbaHash(answer);
      },
      async verifyAnswer(stored, answer) {
        return isRecord(stored) && stored['$fake'] === 'kba-hash' && stored['value'] === fakeKbaHash(answer).value;
      },
      async isLocked(_resource, id) {
        calls.push(`kbaIsLocked:${id}`);
        const allowed = kbaSettings.numberOfAttemptsAllowed;
        return allowed > 0 && (byId(id)?.kbaFailures ?? 0) >= allowed;
      },
      async recordFailure(_resource, id) {
        calls.push(`kbaRecordFailure:${id}`);
        const user = existing(id);
        user.kbaFailures = (user.kbaFailures ?? 0) + 1;
        return kbaSettings.numberOfAttemptsAllowed > 0 && user.kbaFailures >= kbaSettings.numberOfAttemptsAllowed;
      },
      async reset(_resource, id) {
        calls.push(`kbaReset:${id}`);
        existing(id).kbaFailures = 0;
      },
    },
    terms: {
      async active(locales) {
        calls.push(`termsActive:${locales.join(',')}`);
        return options.terms === undefined ? undefined : { ...options.terms };
      },
    },
    consent: {
      async mappings(locales) {
        calls.push(`consentMappings:${locales.join(',')}`);
        return structuredClone(options.consentMappings ?? []);
      },
    },
    email: {
      async sendTemplate(template, to, object, locales) {
        calls.push(`sendTemplate:${template}:${to}`);
        if (options.disabledTemplates?.includes(template) === true) return { queued: false };
        fakes.emails.push({ template, to, object: structuredClone(object), locales: [...locales] });
        return { queued: true };
      },
    },
    captcha: {
      async verify(request) {
        calls.push(`captchaVerify:${request.verifyUrl}`);
        fakes.captchaRequests.push({ ...request });
        return options.captcha?.(request) ?? { success: true };
      },
    },
    clock: { now: () => now },
  };
}
