/**
 * What a node sees when it runs: its parsed config, the journey state, the callbacks submitted for
 * it, domain services and request facts. Never the raw HTTP request.
 */
import type { SubmittedCallback } from './callbacks.ts';
import type { PoliciesObject } from './callback-builders.ts';
import type { Capabilities } from './capabilities.ts';
import type { JourneySessionOutputs } from './session-outputs.ts';

/** Journey state. `shared` is persisted as is; `transient` is encrypted at rest and holds secrets. */
export interface JourneyStateData {
  shared: Record<string, unknown>;
  transient: Record<string, unknown>;
}

/** A managed user as nodes see it: attributes without the password hash. */
export interface ManagedUserView {
  _id: string;
  _rev: string;
  attributes: Record<string, unknown>;
  /** `_meta` of the object: createDate, lastChanged, loginCount, termsAccepted… */
  meta: Record<string, unknown>;
  hasPassword: boolean;
}

/** A failed IDM policy requirement: `{policyRequirement, params?}`. */
export interface PolicyRequirement {
  policyRequirement: string;
  params?: Record<string, unknown>;
}

/** Identity operations nodes use, addressed by the tree's identity resource (`managed/alpha_user`). */
export interface IdentityGateway {
  findUser(identityResource: string, attribute: string, value: string): Promise<ManagedUserView | undefined>;
  getUser(identityResource: string, id: string): Promise<ManagedUserView | undefined>;
  incrementLoginCount(identityResource: string, id: string): Promise<void>;
  patchUser(identityResource: string, id: string, fields: Record<string, unknown>): Promise<void>;
  /**
   * Rewrites a system-managed attribute from its current value, atomically and without policy
   * validation (counters and flags the platform keeps on the user, never profile data).
   */
  updateSystemAttribute(identityResource: string, id: string, attribute: string, update: (current: unknown) => unknown): Promise<void>;
  /**
   * Creates a managed object from attributes (a plaintext `password` is hashed), with the terms the
   * journey accepted recorded in the same write. Policy failures and conflicts are a value, not an
   * exception.
   */
  createUser(
    identityResource: string,
    attributes: Record<string, unknown>,
    options?: { termsAccepted?: { acceptDate: string; termsVersion: string } },
  ): Promise<{ ok: true; user: ManagedUserView } | { ok: false; message: string; failedPolicyRequirements?: unknown }>;
  /** Like `patchUser`, with policy failures as a value. */
  tryPatchUser(identityResource: string, id: string, fields: Record<string, unknown>): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Records the acceptance of terms on the user (`_meta.termsAccepted`). */
  recordTermsAccepted(identityResource: string, id: string, accepted: { acceptDate: string; termsVersion: string }): Promise<void>;
  /** The schema's `required` property names and the properties (for completeness and collectors). */
  schema(identityResource: string): Promise<{ required: string[]; properties: Record<string, Record<string, unknown>> }>;
  /** The schema property (`title`, `description`, `type`…) or undefined when the schema lacks it. */
  schemaProperty(identityResource: string, name: string): Promise<Record<string, unknown> | undefined>;
}

/** What became of a password check (too many attempts, or a busy server, are thrown retry-later errors). */
export type PasswordCheckResult =
  | { outcome: 'verified'; user: ManagedUserView }
  /** A wrong password, or no such user; `remaining` attempts once the realm warns. */
  | { outcome: 'wrong'; remaining: number | undefined }
  /** Locked out, locked by this failure, or the right password of an inactive account. */
  | { outcome: 'locked' };

/**
 * Credential checks: the only way a node verifies a password. Each goes through the credential
 * guard (an attempt reserved before anything is verified, the realm lockout, throttling by client
 * address); an unknown user name answers and costs what a wrong password does.
 */
export interface CredentialGateway {
  /** The password of the user whose `userName` is `username`, for a client at `clientIp`. */
  checkPassword(identityResource: string, username: string, password: string, clientIp: string): Promise<PasswordCheckResult>;
}

/** The policy service as validated callbacks use it. */
export interface PolicyGateway {
  /** IDM's property policy object (`{name, policies, policyRequirements, …}`), `{}` when none. */
  propertyPolicies(identityResource: string, property: string): Promise<PoliciesObject>;
  /** Failed requirements of `properties`, validated against the object they would be part of. */
  validateProperties(
    identityResource: string,
    properties: Record<string, unknown>,
    context: { objectId?: string; fullObject: Record<string, unknown> },
  ): Promise<{ property: string; failures: PolicyRequirement[] }[]>;
}

/** Realm account lockout (AM's "Login Failure Lockout Mode"), counted server-side per user. */
export interface LockoutGateway {
  /** True when the account is inactive or inside a lockout period. */
  isLocked(identityResource: string, userId: string): Promise<boolean>;
  /**
   * Counts one invalid attempt; locks the account when the realm's count is reached. `remaining`
   * is set only when the realm warns the user (`warnUserCount` reached).
   */
  recordFailure(identityResource: string, userId: string): Promise<{ locked: boolean; remaining: number | undefined }>;
  /** Clears the invalid-attempt count after a successful sign-in. */
  recordSuccess(identityResource: string, userId: string): Promise<void>;
  /** Locks or unlocks the account regardless of the realm settings (AccountLockoutNode). */
  setLocked(identityResource: string, userId: string, locked: boolean): Promise<void>;
}

/** IDM's `selfservice.kba` configuration, as nodes read it. */
export interface KbaSettings {
  /** questionId → {locale → text}. */
  questions: Record<string, Record<string, string>>;
  minimumAnswersToDefine: number;
  minimumAnswersToVerify: number;
  /** The user property holding the answers (`kbaInfo`). */
  kbaPropertyName: string;
  /** Failed verifications before KBA locks; 0 = unlimited. */
  numberOfAttemptsAllowed: number;
}

/** Security questions: configuration, answer hashing, the checks of answers and the verification lockout. */
export interface KbaGateway {
  settings(): Promise<KbaSettings>;
  /** The stored form of an answer (normalized, then hashed; never the answer itself). */
  hashAnswer(answer: string): Promise<unknown>;
  /**
   * Checks the user's answers to the questions asked (each against its stored form) through the
   * credential guard: one attempt reserved before any answer is verified, counted toward the
   * KBA attempts and the client address's throttle. `locked` when attempts were used up (nothing
   * verified) or this failure used the last one.
   */
  checkAnswers(identityResource: string, userId: string, clientIp: string, asked: { stored: unknown; answer: string }[]): Promise<'verified' | 'wrong' | 'locked'>;
  /** True when the user has used up their verification attempts. */
  isLocked(identityResource: string, userId: string): Promise<boolean>;
  /** Counts a failed verification; true when the user is now locked. */
  recordFailure(identityResource: string, userId: string): Promise<boolean>;
  /** Clears the failed-verification count. */
  reset(identityResource: string, userId: string): Promise<void>;
}

/** The active terms and conditions in the best locale for the request. */
export interface ActiveTerms {
  version: string;
  /** The text as configured (Markdown, what AM's TermsAndConditionsCallback carries). */
  terms: string;
  /** The same rendered to sanitized HTML, header ids per ForgeRock's rule (for pages). */
  html: string;
  /** ISO timestamp of the version's creation. */
  createDate: string;
}

/** Terms and conditions (`selfservice.terms`). */
export interface TermsGateway {
  /** The active version for the preferred locales, or undefined when none is active. */
  active(locales: string[]): Promise<ActiveTerms | undefined>;
}

/** A mapping that asks the user's consent, as the Consent Collector presents it. */
export interface ConsentMapping {
  name: string;
  displayName: string;
  icon: string;
  accessLevel: string;
  message: string;
  fields: string[];
}

/** Privacy and consent mappings. */
export interface ConsentGateway {
  mappings(locales: string[]): Promise<ConsentMapping[]>;
}

/** Outgoing email through IDM-style templates; messages go to the outbox first. */
export interface EmailGateway {
  /**
   * Renders template `templateName` with `object` (as `{{object.x}}`) in the best of `locales`
   * and queues it for `to`. `queued` is false when the template is missing or disabled.
   */
  sendTemplate(templateName: string, to: string, object: Record<string, unknown>, locales: string[]): Promise<{ queued: boolean }>;
  /**
   * Does all that `sendTemplate` does (reads the template and the settings, renders, writes the
   * outbox) but the message is `withheld`, never delivered: for a request about an address that
   * has no account, so that it costs what a request about an account costs.
   */
  withholdTemplate(templateName: string, to: string, object: Record<string, unknown>, locales: string[]): Promise<void>;
  /**
   * Queues a message a node wrote itself (the one-time password mail: subject and body from the
   * node's config) for `to`, through the outbox and the realm's email settings. `withhold` writes
   * it `withheld`, never delivered (an address without an account). `queued` is false when `to`
   * or `from` is no address.
   */
  sendMessage(to: string, message: NodeMailMessage, options?: { withhold?: boolean }): Promise<{ queued: boolean }>;
}

/** A message a node wrote (`EmailGateway.sendMessage`). */
export interface NodeMailMessage {
  /** The sender; the realm's (`external.email`) when absent or empty. */
  from?: string;
  subject: string;
  body: string;
  type: 'text/plain' | 'text/html';
}

/**
 * Verifies a CAPTCHA response token with the provider's verify URL. `secret` is the node's secret
 * key as stored: sealed for `purpose` (`secretConfigPurpose`), opened by the gateway just before
 * the call; a value that is not sealed text (a journey stored before the key was sealed) is used as is.
 */
export interface CaptchaGateway {
  verify(request: { verifyUrl: string; secret: { sealed: string; purpose: string }; response: string; remoteIp: string }): Promise<{ success: boolean; score?: number }>;
}

/** Time, injectable so that tests never sleep. */
export interface Clock {
  now(): number;
}

/** The domain services a node may call. */
export interface NodeServices {
  identity: IdentityGateway;
  credentials: CredentialGateway;
  policy: PolicyGateway;
  lockout: LockoutGateway;
  kba: KbaGateway;
  terms: TermsGateway;
  consent: ConsentGateway;
  email: EmailGateway;
  captcha: CaptchaGateway;
  clock: Clock;
  /** The services of capabilities (social sign-in…), each found by its key. */
  capabilities: Capabilities;
}

/**
 * The node services of one request (one run of a journey), and its end: what they read of a user
 * is shared by every node and the journey's finish in that request, and what they keep for the
 * end (the bookkeeping of a sign-in: login count, lockout count, retry counts) `settle` writes,
 * one update per user. Made for each request, never shared.
 */
export interface RequestNodeServices {
  services: NodeServices;
  settle(): Promise<void>;
}

/** An existing SSO session presented with the request (cookie or header). */
export interface ExistingSession {
  username: string;
  userId: string;
  realm: string;
  properties: Record<string, string>;
}

/** Facts about the request a node may use. */
export interface RequestFacts {
  /** Realm path as AM writes it: `/` or `/alpha`. */
  realm: string;
  clientIp: string;
  /** Preferred locales, best first (from Accept-Language), e.g. `['fr-BE', 'fr', 'en']`. */
  locales: string[];
  /**
   * The request headers an operator lets nodes read (`ARBOR_NODE_HEADERS`; lower-case names).
   * Never cookies, `Authorization`, password or session headers.
   */
  headers: Record<string, string>;
  query: Record<string, string>;
  existingSession?: ExistingSession;
  /**
   * AM's zero-page login headers of this request (`X-OpenAM-Username`, `X-OpenAM-Password`,
   * decoded as AM does) and its `Referer`, for the Zero Page Login Collector node only; absent
   * when neither header was sent. A function, so that the password is never part of the facts
   * when they are copied, logged or serialized.
   */
  zeroPageLogin?: () => ZeroPageLoginFacts;
  /**
   * The value of request cookie `name` (percent-decoded), undefined when absent. The session
   * cookie and Arbor's `arbor-*` cookies are never given (undefined): nodes read the session
   * through `existingSession`. Absent where no HTTP request is behind the journey (tests).
   */
  cookie?: (name: string) => string | undefined;
}

/** The zero-page login headers of a request (`RequestFacts.zeroPageLogin`). */
export interface ZeroPageLoginFacts {
  username?: string;
  password?: string;
  referer?: string;
}

/** Everything `process` receives. */
export interface NodeContext<C> {
  nodeId: string;
  displayName: string;
  config: C;
  state: JourneyStateData;
  /** The callbacks submitted for this node, in the order it sent them; undefined on first entry. */
  callbacks: SubmittedCallback[] | undefined;
  services: NodeServices;
  request: RequestFacts;
  /** The identity resource of the running tree (`managed/alpha_user`). */
  identityResource: string;
  /** True when the journey was resumed through this node's emailed link (`suspendedId`). */
  resumedFromSuspend: boolean;
  /** What the node leaves for the session created at the end and for this request's answer (properties, cookies, hooks). */
  session: JourneySessionOutputs;
}
