/**
 * The audit events Arbor records, by topic, as IDM names its audit topics: `authentication` (a
 * journey ended), `activity` (a managed object was created, changed or deleted), `config` (a
 * journey, node, script, configuration document, provider or client was written) and `access`
 * (one HTTP request answered). Every event has an id, a topic and an ISO 8601 timestamp; the
 * recorder fills those in. Before/after states never hold secrets (`redactSecrets`).
 */

/** IDM's audit topics that Arbor records. */
export const AUDIT_TOPICS = ['authentication', 'activity', 'config', 'access'] as const;

/** One audit topic. */
export type AuditTopic = (typeof AUDIT_TOPICS)[number];

/** True when `value` names an audit topic. */
export function isAuditTopic(value: unknown): value is AuditTopic {
  return typeof value === 'string' && (AUDIT_TOPICS as readonly string[]).includes(value);
}

/** Who did something, as far as it is known. */
export interface AuditActor {
  /** The realm the actor signed in to (`root` for administrators). */
  realm?: string;
  /** The user name (`amadmin`). */
  username?: string;
  /** The actor's managed object id, when known. */
  userId?: string;
}

/** A journey ended: the user signed in (or registered, recovered…) or failed. */
export interface AuthenticationEvent {
  topic: 'authentication';
  realm: string;
  /** The journey (tree) that ran. */
  journey: string;
  outcome: 'SUCCESS' | 'FAILURE';
  userId?: string;
  userName?: string;
  /** The node whose outcome ended the journey, on a failure (when known). */
  node?: { id: string; type: string; tree: string };
  clientIp?: string;
  /** The HTTP request the journey ended in. */
  transactionId?: string;
}

/** A managed object was created, replaced, patched or deleted. */
export interface ActivityEvent {
  topic: 'activity';
  realm?: string;
  /** The managed type (`alpha_user`). */
  objectType: string;
  objectId: string;
  operation: 'create' | 'update' | 'patch' | 'delete';
  actor?: AuditActor;
  /** The object before the change, secrets removed (absent on create). */
  before?: Record<string, unknown>;
  /** The object after the change, secrets removed (absent on delete). */
  after?: Record<string, unknown>;
  /** The names of the top-level properties that changed (secrets included by name only). */
  changedFields?: string[];
  clientIp?: string;
  transactionId?: string;
}

/** A configuration was written: a journey, a node, a script, an IDM or AM configuration document. */
export interface ConfigEvent {
  topic: 'config';
  realm?: string;
  /** What kind of configuration: `journey`, `config` (documents, nodes, scripts, providers, clients). */
  objectType: string;
  /** Its id (`alpha/Login`, `managed`, `am/alpha/nodes/DataStoreDecisionNode/…`). */
  objectId: string;
  operation: 'create' | 'update' | 'delete';
  actor?: AuditActor;
  before?: unknown;
  after?: unknown;
  clientIp?: string;
  transactionId?: string;
}

/** One HTTP request answered: never its query string, headers or body. */
export interface AccessEvent {
  topic: 'access';
  method: string;
  /** The route pattern (`/openidm/managed/:type/:id`), never the path with its values. */
  route: string;
  status: number;
  elapsedMs: number;
  clientIp?: string;
  transactionId?: string;
  realm?: string;
}

/** An event as a recorder gives it (the id and timestamp are added). */
export type AuditEventInput = AuthenticationEvent | ActivityEvent | ConfigEvent | AccessEvent;

/** An event as stored and returned: its id and when it happened (ISO 8601, UTC) added. */
export type AuditEvent = AuditEventInput & { _id: string; timestamp: string };
