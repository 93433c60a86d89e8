/**
 * The checks of `arbor start` that need the system, run after the settings are parsed and before
 * anything is created: HOST resolves to an address of this machine and PORT can be bound there,
 * the data directory is (or can be made) a writable directory when SQLite or the key file need
 * it, and an existing master key file holds a valid key. Each failure is a `SettingsError` naming
 * the variable; nothing is written, whatever the outcome.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { SettingsError, type ServerSettings } from '../config/server-settings.ts';
import { isSecretsError } from '../secrets/errors.ts';
import { MASTER_KEY_FILE, readExistingMasterKey } from '../secrets/master-key.ts';
import { errorCodeOf } from '../store/store-connection-error.ts';

/** How long resolving and binding HOST may take. */
const LISTEN_CHECK_TIMEOUT_MS = 5000;

/** Binds `host:port` and lets it go at once. */
function tryListen(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    const timer = setTimeout(() => {
      server.close();
      reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} seconds`), { code: 'ETIMEOUT' }));
    }, timeoutMs);
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.listen({ host, port, exclusive: true }, () => {
      clearTimeout(timer);
      server.close(() => resolve());
    });
  });
}

/** The settings error for a failure to listen on `host:port` (from the check or from the real listen). */
export function listenError(error: unknown, host: string, port: number): SettingsError {
  const code = errorCodeOf(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new SettingsError(`HOST "${host}" does not resolve to an address (use 0.0.0.0 for every interface, 127.0.0.1 for this machine only)`, 'HOST');
    case 'ETIMEOUT':
      return new SettingsError(`HOST "${host}" did not resolve within ${LISTEN_CHECK_TIMEOUT_MS / 1000} seconds`, 'HOST');
    case 'EADDRNOTAVAIL':
      return new SettingsError(`HOST ${host} is not an address of this machine (use 0.0.0.0 for every interface)`, 'HOST');
    case 'EADDRINUSE':
      return new SettingsError(`PORT ${port} is already in use on ${host} (another Arbor or another server?)`, 'PORT');
    case 'EACCES':
      return new SettingsError(`PORT ${port} on ${host} needs privileges this user does not have (use a port from 1024 up, behind a proxy)`, 'PORT');
    default:
      return new SettingsError(`cannot listen on ${host} port ${port} (HOST, PORT): ${error instanceof Error ? error.message : String(error)}`, 'HOST');
  }
}

/** The closest existing ancestor of `path` (itself included). */
async function existingAncestor(path: string): Promise<{ path: string; isDirectory: boolean }> {
  let current = path;
  for (;;) {
    try {
      return { path: current, isDirectory: (await stat(current)).isDirectory() };
    } catch (error) {
      const code = errorCodeOf(error);
      const parent = dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw error;
      current = parent;
    }
  }
}

async function writable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The data directory exists as a writable directory, or can be created. */
async function checkDataDir(dataDir: string): Promise<void> {
  let ancestor;
  try {
    ancestor = await existingAncestor(dataDir);
  } catch (error) {
    throw new SettingsError(`ARBOR_DATA_DIR ${dataDir} cannot be used: ${error instanceof Error ? error.message : String(error)}`, 'ARBOR_DATA_DIR');
  }
  if (!ancestor.isDirectory) {
    throw new SettingsError(`ARBOR_DATA_DIR ${dataDir} cannot be used: ${ancestor.path} is ${ancestor.path === dataDir ? 'a file, not a directory' : 'a file'}`, 'ARBOR_DATA_DIR');
  }
  if (!(await writable(ancestor.path))) {
    const what = ancestor.path === dataDir ? `${dataDir} is not writable by this user` : `${dataDir} cannot be created: ${ancestor.path} is not writable by this user`;
    throw new SettingsError(`ARBOR_DATA_DIR: ${what}`, 'ARBOR_DATA_DIR');
  }
}

/** An existing key file must hold a valid key (checked now, before the database is created). */
async function checkMasterKeyFile(dataDir: string): Promise<void> {
  try {
    await readExistingMasterKey(dataDir);
  } catch (error) {
    if (isSecretsError(error, 'INVALID_MASTER_KEY')) throw new SettingsError(`${error.message} (or set ARBOR_MASTER_KEY)`, 'ARBOR_MASTER_KEY');
    throw new SettingsError(`the master key file ${join(dataDir, MASTER_KEY_FILE)} cannot be read: ${error instanceof Error ? error.message : String(error)}`, 'ARBOR_DATA_DIR');
  }
}

/** Runs every check; throws a `SettingsError` for the first that fails. */
export async function checkStartEnvironment(settings: Readonly<ServerSettings>, options: { listenTimeoutMs?: number } = {}): Promise<void> {
  if (settings.databaseUrl === undefined || !settings.masterKeyFromEnv) await checkDataDir(settings.dataDir);
  if (!settings.masterKeyFromEnv) await checkMasterKeyFile(settings.dataDir);
  try {
    await tryListen(settings.host, settings.port, options.listenTimeoutMs ?? LISTEN_CHECK_TIMEOUT_MS);
  } catch (error) {
    throw listenError(error, settings.host, settings.port);
  }
}
