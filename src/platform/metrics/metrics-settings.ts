/**
 * Whether and how `/metrics` is served, from the environment: `ARBOR_METRICS` (off by default: an
 * identity platform does not show its internals to the internet unless asked) and
 * `ARBOR_METRICS_TOKEN` (a Bearer token scrapers must send; without one, only a direct loopback
 * client is answered). A bad value stops the start naming the variable.
 */
import { booleanSetting, SettingsError } from '../../config/server-settings.ts';

/** The metrics settings. */
export interface MetricsSettings {
  enabled: boolean;
  /** The Bearer token `/metrics` asks for; undefined: loopback clients only. */
  token?: string;
}

/** The shortest token accepted: a guessable token is no protection. */
const MIN_TOKEN_LENGTH = 16;

/** Reads `ARBOR_METRICS` and `ARBOR_METRICS_TOKEN`. */
export function metricsSettingsFrom(env: Record<string, string | undefined>): MetricsSettings {
  const enabled = booleanSetting(env, 'ARBOR_METRICS', false);
  const raw = env.ARBOR_METRICS_TOKEN;
  if (raw === undefined || raw === '') return { enabled };
  if (raw.length < MIN_TOKEN_LENGTH || raw.length > 512 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new SettingsError(`ARBOR_METRICS_TOKEN must be ${MIN_TOKEN_LENGTH} to 512 printable characters without spaces (e.g. openssl rand -hex 32)`, 'ARBOR_METRICS_TOKEN');
  }
  return { enabled, token: raw };
}
