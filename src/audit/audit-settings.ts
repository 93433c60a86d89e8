/**
 * The audit settings, read from the environment: `ARBOR_AUDIT_RETENTION_DAYS` (how long stored
 * events are kept, default 90), `ARBOR_AUDIT_ACCESS` (`store` keeps `access` events, which are
 * not stored by default; `none`), `ARBOR_AUDIT_STDOUT` (`true` writes every event as one JSON line to
 * standard output). A bad value is an error naming the variable.
 */

/** Parsed audit settings. */
export interface AuditSettings {
  retentionDays: number;
  /** Store `access` events (otherwise they are only streamed, when streaming is on). */
  storeAccess: boolean;
  /** Write every event as one JSON line to stdout. */
  stdout: boolean;
}

/** The defaults: 90 days, access events not stored, no streaming. */
export const DEFAULT_AUDIT_SETTINGS: AuditSettings = Object.freeze({ retentionDays: 90, storeAccess: false, stdout: false });

/** A setting with a bad value. */
export interface AuditSettingError extends Error {
  readonly code: 'AUDIT_SETTING_INVALID';
  /** The environment variable at fault. */
  readonly variable: string;
}

function settingError(variable: string, message: string): AuditSettingError {
  return Object.assign(new Error(message), { name: 'AuditSettingError', code: 'AUDIT_SETTING_INVALID' as const, variable });
}

function choice(env: Record<string, string | undefined>, name: string, on: readonly string[], off: readonly string[]): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return false;
  if (on.includes(value)) return true;
  if (off.includes(value)) return false;
  throw settingError(name, `${name} must be ${on[0]} or ${off[0]} (got ${JSON.stringify((env[name] ?? '').slice(0, 40))})`);
}

/** Reads the audit settings from `env`; throws `AuditSettingError` naming a bad variable. */
export function auditSettingsFrom(env: Record<string, string | undefined>): AuditSettings {
  const days = env.ARBOR_AUDIT_RETENTION_DAYS?.trim();
  let retentionDays = DEFAULT_AUDIT_SETTINGS.retentionDays;
  if (days !== undefined && days !== '') {
    if (!/^\d{1,5}$/.test(days) || Number(days) < 1) throw settingError('ARBOR_AUDIT_RETENTION_DAYS', `ARBOR_AUDIT_RETENTION_DAYS must be a whole number of days, 1 or more (got ${JSON.stringify(days.slice(0, 40))})`);
    retentionDays = Number(days);
  }
  return { retentionDays, storeAccess: choice(env, 'ARBOR_AUDIT_ACCESS', ['store'], ['none']), stdout: choice(env, 'ARBOR_AUDIT_STDOUT', ['true', '1'], ['false', '0']) };
}
