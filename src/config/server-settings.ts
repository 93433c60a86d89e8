/**
 * Server settings from the environment, parsed once at start and frozen. A bad value stops the
 * start with a message naming the variable.
 */
import path from 'node:path';

/** How Arbor runs. */
export interface ServerSettings {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; undefined means SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Public base URL (for links in emails and redirects); defaults to http://localhost:<port>. */
  publicUrl: string;
  cookieName: string;
  /** Marks the session cookie `Secure` (set behind HTTPS). */
  secureCookie: boolean;
  /** `lax` by default; `none` for a cross-site single-page app (requires `secureCookie`). */
  cookieSameSite: 'lax' | 'strict' | 'none';
  /** Browser origins allowed to call the REST API with credentials. */
  corsOrigins: string[];
  /** Trust `X-Forwarded-*` headers from a reverse proxy. */
  trustProxy: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  adminPassword: string | undefined;
}

/** A setting that could not be parsed. */
export class SettingsError extends Error {
  readonly code = 'INVALID_SETTING';
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new SettingsError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

function flag(env: Record<string, string | undefined>, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new SettingsError(`${name} must be true or false, got "${env[name]}"`);
}

/** Reads the settings from `env` (normally `process.env`). */
export function loadServerSettings(env: Record<string, string | undefined>, cwd: string): Readonly<ServerSettings> {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const databaseUrl = env.ARBOR_DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new SettingsError('ARBOR_DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite store)');
  }
  const redisUrl = env.ARBOR_REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new SettingsError('ARBOR_REDIS_URL must be a redis:// URL');
  const sameSite = (env.ARBOR_COOKIE_SAMESITE || 'lax').toLowerCase();
  if (sameSite !== 'lax' && sameSite !== 'strict' && sameSite !== 'none') throw new SettingsError('ARBOR_COOKIE_SAMESITE must be lax, strict or none');
  const secureCookie = flag(env, 'ARBOR_SECURE_COOKIE');
  if (sameSite === 'none' && !secureCookie) throw new SettingsError('ARBOR_COOKIE_SAMESITE=none needs ARBOR_SECURE_COOKIE=true (browsers refuse it otherwise)');
  const cookieName = env.ARBOR_COOKIE_NAME || 'iPlanetDirectoryPro';
  if (!/^[A-Za-z0-9_-]+$/.test(cookieName)) throw new SettingsError('ARBOR_COOKIE_NAME may hold letters, digits, - and _ only');
  const publicUrl = (env.ARBOR_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new SettingsError(`ARBOR_PUBLIC_URL is not a URL: "${publicUrl}"`);
  }
  const corsOrigins = (env.ARBOR_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return Object.freeze({
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(cwd, env.ARBOR_DATA_DIR || 'data'),
    databaseUrl,
    redisUrl,
    publicUrl,
    cookieName,
    secureCookie,
    cookieSameSite: sameSite,
    corsOrigins,
    trustProxy: flag(env, 'ARBOR_TRUST_PROXY'),
    bodyLimit: integer(env, 'ARBOR_BODY_LIMIT', 256 * 1024, 1024, 64 * 1024 * 1024),
    adminPassword: env.ARBOR_ADMIN_PASSWORD || undefined,
  });
}
