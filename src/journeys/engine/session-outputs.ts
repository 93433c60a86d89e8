/**
 * What nodes leave for the end of the journey and for the answer of the request they run in:
 * session properties (AM's `putSessionProperty` / `removeSessionProperty`), session limits
 * (Set Session Properties' `maxSessionTime` / `maxIdleTime`), session hooks (AM's tree hooks: the
 * node's `onSession` runs once the session exists, as the Set Persistent Cookie node needs) and
 * cookies for this request's answer (AM's `Set-Cookie` headers added by a node). Properties,
 * limits and hooks live in the journey record (sealed at rest with it); cookies belong to the
 * request only.
 */
import type { JourneyRecord, SessionHookEntry } from './journey-state.ts';
import { checkedResponseCookie, type ResponseCookie } from './response-cookie.ts';

/** What a node may leave for the session and the answer (`context.session`). */
export interface JourneySessionOutputs {
  /** The properties set so far for the session the journey will create. */
  properties(): Readonly<Record<string, string>>;
  /** Sets a property of the session the journey will create. */
  setProperty(name: string, value: string): void;
  /** Removes a property set earlier in the journey. */
  removeProperty(name: string): void;
  /** Overrides the realm's session limits for the session the journey will create, minutes. */
  setLimits(limits: { maxSessionMinutes?: number; maxIdleMinutes?: number }): void;
  /**
   * Adds a cookie to the answer of this request (never the session cookie: the answer drops a
   * cookie of that name). Throws a TypeError for a name or value no cookie may have.
   */
  setCookie(cookie: ResponseCookie): void;
  /**
   * Runs the `onSession` of node type `nodeType` with `data` once the journey's session exists
   * (not with `noSession`). `nodeType` defaults to the running node's type; a node run by another
   * (a Configuration Provider node) names its own, so that its hook is found.
   */
  addSessionHook(data: Record<string, unknown>, nodeType?: string): void;
}

/** Where the outputs that outlive the request are kept: the journey record. */
export type SessionOutputsHolder = Pick<JourneyRecord, 'sessionProperties' | 'sessionLimits' | 'sessionHooks'>;

/** The outputs of `node`, kept in `record`, its cookies in `cookies`. */
export function sessionOutputsOf(record: SessionOutputsHolder, cookies: ResponseCookie[], node: { id: string; type: string }): JourneySessionOutputs {
  return {
    properties: () => ({ ...(record.sessionProperties ?? {}) }),
    setProperty(name, value) {
      record.sessionProperties = { ...(record.sessionProperties ?? {}), [name]: value };
    },
    removeProperty(name) {
      if (record.sessionProperties === undefined || !Object.hasOwn(record.sessionProperties, name)) return;
      const { [name]: _removed, ...kept } = record.sessionProperties;
      record.sessionProperties = kept;
    },
    setLimits(limits) {
      record.sessionLimits = { ...(record.sessionLimits ?? {}), ...limits };
    },
    setCookie(cookie) {
      cookies.push(checkedResponseCookie(cookie));
    },
    addSessionHook(data, nodeType = node.type) {
      const entry: SessionHookEntry = { nodeType, nodeId: node.id, data };
      record.sessionHooks = [...(record.sessionHooks ?? []).filter((hook) => hook.nodeId !== node.id), entry];
    },
  };
}
