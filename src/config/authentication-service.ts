/**
 * The parts of AM's authentication service of a realm (`realm-config/authentication`) that Arbor
 * keeps: `general.externalLoginPageUrl` (the realm's `externalLoginUrl`, the page emailed links
 * open; checked by `externalLoginUrlProblem`: absolute, on an allowed origin), the Login Failure
 * Lockout settings of `security` (the realm's `lockout`) and `core.orgConfig` (the journey run when
 * a request names none). A PUT changes the sections it carries and keeps the others; AM's other
 * attributes are accepted and not kept, so a document read from a classic AM can be written back.
 */
import type { RedirectRules } from './allowed-redirect.ts';
import { externalLoginUrlProblem } from './external-login-url.ts';
import type { LockoutSettings, RealmConfig } from './realm-config.ts';
import { realmConfigError } from './realm-config-error.ts';

/** The service's `_type`, as AM answers it. */
export const AUTHENTICATION_SERVICE_TYPE = Object.freeze({ _id: 'EMPTY', name: 'Core', collection: false });

/** AM's names of the lockout settings, in the `security` section. */
const LOCKOUT_FIELDS = {
  loginFailureCount: 'failureCount',
  loginFailureDuration: 'failureWindowMinutes',
  lockoutDuration: 'durationMinutes',
  lockoutDurationMultiplier: 'durationMultiplier',
  lockoutWarnUserCount: 'warnUserCount',
} as const satisfies Record<string, Exclude<keyof LockoutSettings, 'enabled'>>;

/** The largest count or number of minutes a lockout setting takes (a year of minutes). */
const MAX_SETTING = 525_600;

/** The service as AM's REST API reads it (the fields Arbor keeps). */
export function authenticationServiceBody(realm: RealmConfig): Record<string, unknown> {
  const security: Record<string, unknown> = { loginFailureLockoutMode: realm.lockout.enabled };
  for (const [amName, name] of Object.entries(LOCKOUT_FIELDS)) security[amName] = realm.lockout[name];
  return {
    _id: '',
    general: { externalLoginPageUrl: realm.externalLoginUrl },
    security,
    core: { orgConfig: realm.journeys.defaultTree },
    _type: { ...AUTHENTICATION_SERVICE_TYPE },
  };
}

function fail(field: string, problem: string): Error {
  return realmConfigError('INVALID_AUTHENTICATION_SERVICE', `authentication: ${field} ${problem}`, field);
}

/** The own object property `key` of `body`, undefined when absent; a 400 when it is not an object. */
function section(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  if (!Object.hasOwn(body, key) || body[key] === undefined || body[key] === null) return undefined;
  const value = body[key];
  if (typeof value !== 'object' || Array.isArray(value)) throw fail(key, 'must be an object');
  return value as Record<string, unknown>;
}

function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function externalLoginUrlOf(general: Record<string, unknown>, rules: RedirectRules, current: string): string {
  if (!Object.hasOwn(general, 'externalLoginPageUrl')) return current;
  const url = general.externalLoginPageUrl;
  if (url === undefined || url === null) return '';
  if (typeof url !== 'string') throw fail('general.externalLoginPageUrl', 'must be a string');
  const problem = externalLoginUrlProblem(url, rules);
  if (problem !== undefined) throw fail('general.externalLoginPageUrl', problem);
  return url;
}

function lockoutOf(security: Record<string, unknown>, current: LockoutSettings): LockoutSettings {
  const next: LockoutSettings = { ...current };
  const mode = ownValue(security, 'loginFailureLockoutMode');
  if (mode !== undefined) {
    if (typeof mode !== 'boolean') throw fail('security.loginFailureLockoutMode', 'must be true or false');
    next.enabled = mode;
  }
  for (const [amName, name] of Object.entries(LOCKOUT_FIELDS)) {
    const value = ownValue(security, amName);
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || Number(value) < 0 || Number(value) > MAX_SETTING) throw fail(`security.${amName}`, `must be a whole number from 0 to ${MAX_SETTING}`);
    next[name] = Number(value);
  }
  if (next.enabled && next.failureCount < 1) throw fail('security.loginFailureCount', 'must be 1 or more while the lockout is on');
  if (next.durationMultiplier < 1) throw fail('security.lockoutDurationMultiplier', 'must be 1 or more');
  return next;
}

/**
 * `realm` with what a PUT body changes: `general.externalLoginPageUrl` (empty or null for Arbor's
 * own `/login`) checked against `rules`, `security`'s lockout settings, `core.orgConfig`.
 * INVALID_AUTHENTICATION_SERVICE names the field at fault; nothing changes when one is.
 */
export function applyAuthenticationServiceBody(realm: RealmConfig, body: unknown, rules: RedirectRules): RealmConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw realmConfigError('INVALID_AUTHENTICATION_SERVICE', 'authentication: the document must be an object', '');
  const document = body as Record<string, unknown>;
  const general = section(document, 'general');
  const security = section(document, 'security');
  const core = section(document, 'core');
  if (general === undefined && security === undefined && core === undefined) throw fail('general', 'is required: the document has none of general, security and core');
  const externalLoginUrl = general === undefined ? realm.externalLoginUrl : externalLoginUrlOf(general, rules, realm.externalLoginUrl);
  const lockout = security === undefined ? realm.lockout : lockoutOf(security, realm.lockout);
  let defaultTree = realm.journeys.defaultTree;
  const orgConfig = core === undefined ? undefined : ownValue(core, 'orgConfig');
  if (orgConfig !== undefined) {
    if (typeof orgConfig !== 'string' || !/^[^/?#\\]{1,128}$/.test(orgConfig)) throw fail('core.orgConfig', 'must be the name of a journey of the realm');
    defaultTree = orgConfig;
  }
  return { ...realm, externalLoginUrl, lockout, journeys: { ...realm.journeys, defaultTree } };
}
