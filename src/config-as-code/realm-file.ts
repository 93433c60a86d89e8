/**
 * `realm.json`: a realm's settings (lockout, sessions, journeys defaults, throttling, redirect
 * destinations, pages theme, scripting, SMS…) without its name (the directory can be imported into
 * a realm of another name) and without the Self Service Trees mapping (`self-service.json`). The
 * SMS webhook's header values (bearer tokens, API keys) are secrets: written as references.
 * Reading checks every field; each problem is named by its field.
 */
import type { RealmConfig } from '../config/realm-config.ts';
import { parseValidationServiceBody } from '../config/validation-service.ts';
import { isJsonObject } from '../json/is-json-object.ts';
import { resolveSmsSettings } from '../mfa/sms/sms-settings.ts';
import { checkPageTheme } from '../pages/page-theme.ts';
import { type GivenSecrets, secretReference, secretReferencePath } from './secret-reference.ts';

/** The reference of the SMS header `name`. */
export function smsHeaderReference(name: string): string {
  return `realm/sms/headers/${name}`;
}

/** The content of `realm.json` for `realm`. */
export function realmFileOf(realm: RealmConfig): Record<string, unknown> {
  const { name: _name, selfServiceTrees: _trees, ...settings } = structuredClone(realm);
  const file: Record<string, unknown> = { ...settings };
  if (settings.sms?.headers !== undefined) {
    const headers: Record<string, unknown> = {};
    for (const header of Object.keys(settings.sms.headers)) headers[header] = secretReference(smsHeaderReference(header));
    file.sms = { ...settings.sms, headers };
  }
  return file;
}

/** What reading `realm.json` gives: the realm to store, or the problems. */
export type RealmFileResult = { ok: true; realm: RealmConfig } | { ok: false; problems: string[] };

const SECTIONS: Record<string, Record<string, 'boolean' | 'count' | 'string'>> = {
  lockout: { enabled: 'boolean', failureCount: 'count', failureWindowMinutes: 'count', durationMinutes: 'count', durationMultiplier: 'count', warnUserCount: 'count' },
  sessions: { maxIdleMinutes: 'count', maxSessionMinutes: 'count' },
  journeys: { stepTimeoutMinutes: 'count', maxDurationMinutes: 'count', maxNodesPerRequest: 'count', defaultTree: 'string', suspendedMinutes: 'count' },
  throttling: { clientFailures: 'count', clientWindowSeconds: 'count', administratorFailures: 'count', administratorWindowMinutes: 'count' },
};
const REQUIRED = new Set(['userType', 'successUrl', 'externalLoginUrl', 'lockout', 'sessions', 'journeys']);
const KNOWN = new Set([...REQUIRED, 'throttling', 'validGotoDestinations', 'pages', 'usersMayDeleteAccount', 'scripting', 'sms']);
const SCRIPTING_COUNTS = ['timeoutMs', 'memoryBytes', 'maxOutputBytes', 'httpTimeoutMs', 'httpMaxResponseBytes'];
const TYPE_NAME = /^[A-Za-z0-9_]{1,64}$/;

function checkSection(value: unknown, name: string, problems: string[]): void {
  const fields = SECTIONS[name] ?? {};
  if (!isJsonObject(value)) {
    problems.push(`${name}: must be an object`);
    return;
  }
  for (const key of Object.keys(value)) if (!Object.hasOwn(fields, key)) problems.push(`${name}.${key}: is not a setting`);
  for (const [key, kind] of Object.entries(fields)) {
    const field = value[key];
    const ok = kind === 'boolean' ? typeof field === 'boolean' : kind === 'string' ? typeof field === 'string' && field !== '' : Number.isSafeInteger(field) && Number(field) >= 0;
    if (!ok) problems.push(`${name}.${key}: must be ${kind === 'count' ? 'a whole number, 0 or more' : kind === 'string' ? 'a non-empty string' : 'true or false'}`);
  }
}

function checkScripting(value: unknown, problems: string[]): void {
  if (!isJsonObject(value)) {
    problems.push('scripting: must be an object');
    return;
  }
  for (const [key, field] of Object.entries(value)) {
    if (SCRIPTING_COUNTS.includes(key)) {
      if (!Number.isSafeInteger(field) || Number(field) <= 0) problems.push(`scripting.${key}: must be a whole number above 0`);
    } else if (key === 'httpAllowList') {
      if (!Array.isArray(field) || !field.every((entry) => typeof entry === 'string')) problems.push('scripting.httpAllowList: must be an array of host names');
    } else if (key === 'variables') {
      if (!isJsonObject(field) || !Object.values(field).every((entry) => typeof entry === 'string')) problems.push('scripting.variables: must be an object of strings');
    } else {
      problems.push(`scripting.${key}: is not a setting`);
    }
  }
}

/** The SMS section with its header references resolved: from `given`, else the value stored in `stored`. */
function resolveSms(value: unknown, stored: RealmConfig | undefined, given: GivenSecrets, problems: string[]): unknown {
  if (!isJsonObject(value) || !isJsonObject(value.headers)) return value;
  const headers: Record<string, unknown> = {};
  for (const [header, field] of Object.entries(value.headers)) {
    const path = secretReferencePath(field);
    if (path === undefined) {
      problems.push(`sms.headers.${header}: must be a secret reference ({"$secret": "${smsHeaderReference(header)}"}), never the value`);
      continue;
    }
    const secret = given.get(path) ?? (path === smsHeaderReference(header) ? stored?.sms?.headers?.[header] : undefined);
    if (secret === undefined) problems.push(`sms.headers.${header}: no secret ${path} is stored and none is given (--secrets)`);
    else headers[header] = secret;
  }
  return { ...value, headers };
}

/**
 * Reads `realm.json` for realm `name`: every field checked, SMS header references resolved from
 * `given` or from `stored` (the realm as it is), the Self Service Trees mapping taken from `trees`.
 */
export function readRealmFile(value: unknown, name: string, stored: RealmConfig | undefined, given: GivenSecrets, trees: Record<string, string> | undefined): RealmFileResult {
  const problems: string[] = [];
  if (!isJsonObject(value)) return { ok: false, problems: ['must be a JSON object'] };
  for (const key of Object.keys(value)) if (!KNOWN.has(key)) problems.push(`${key}: is not a realm setting`);
  for (const key of REQUIRED) if (!Object.hasOwn(value, key)) problems.push(`${key}: is required`);
  if (typeof value.userType !== 'string' || !TYPE_NAME.test(value.userType)) problems.push('userType: must be a managed object type name (letters, digits, _)');
  for (const key of ['successUrl', 'externalLoginUrl']) if (typeof value[key] !== 'string') problems.push(`${key}: must be a string`);
  for (const section of ['lockout', 'sessions', 'journeys']) if (Object.hasOwn(value, section)) checkSection(value[section], section, problems);
  if (value.throttling !== undefined) checkSection(value.throttling, 'throttling', problems);
  if (value.usersMayDeleteAccount !== undefined && typeof value.usersMayDeleteAccount !== 'boolean') problems.push('usersMayDeleteAccount: must be true or false');
  if (value.validGotoDestinations !== undefined) {
    try {
      parseValidationServiceBody({ validGotoDestinations: value.validGotoDestinations });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (value.pages !== undefined) {
    if (!isJsonObject(value.pages) || Object.keys(value.pages).some((key) => key !== 'theme')) problems.push('pages: must be an object with only theme');
    else for (const refused of checkPageTheme(value.pages.theme).refused) problems.push(`pages.theme.${refused}`);
  }
  if (value.scripting !== undefined) checkScripting(value.scripting, problems);
  const sms = value.sms === undefined ? undefined : resolveSms(value.sms, stored, given, problems);
  if (sms !== undefined && problems.length === 0) {
    try {
      resolveSmsSettings(sms as RealmConfig['sms']);
    } catch (error) {
      problems.push(`sms: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const realm = { ...structuredClone(value), name, ...(sms === undefined ? {} : { sms }) } as unknown as RealmConfig;
  if (trees !== undefined) realm.selfServiceTrees = { ...trees };
  else if (stored?.selfServiceTrees !== undefined) realm.selfServiceTrees = { ...stored.selfServiceTrees };
  else delete realm.selfServiceTrees;
  return { ok: true, realm };
}
