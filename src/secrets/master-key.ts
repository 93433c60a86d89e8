/**
 * The master key that encrypts realm keys at rest: `ARBOR_MASTER_KEY` (base64url of 32 bytes), or
 * `<dataDir>/master.key`, generated with mode 0600 on first start. A generated key is reported so
 * the caller can warn loudly: losing that file loses every stored realm key.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secretsError } from './errors.ts';

/** The environment variable holding the master key. */
export const MASTER_KEY_ENV = 'ARBOR_MASTER_KEY';

/** The key file's name inside the data directory. */
export const MASTER_KEY_FILE = 'master.key';

/** A loaded master key and where it came from. */
export interface MasterKey {
  key: Buffer;
  source: 'env' | 'file';
  /** The key file, when the key came from one. */
  path?: string;
  /** True when this call created the key file: print a warning telling the operator to back it up. */
  generated: boolean;
}

/** What is wrong with a master key text, without echoing it (it is a secret). */
function masterKeyProblem(text: string): string {
  if (text === '') return 'it is empty';
  if (/[+/=]/.test(text)) return `it has ${/=/.test(text) ? '= padding' : '+ or /'}: that is standard base64; use base64url (- and _ instead of + and /, no =)`;
  if (/\s/.test(text)) return 'it holds white space';
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return 'it holds characters outside A-Z, a-z, 0-9, - and _';
  return `it has ${text.length} characters`;
}

/** The 32 bytes of a base64url master key; INVALID_MASTER_KEY for anything else. */
export function decodeMasterKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9_-]{43}$/.test(trimmed)) {
    throw secretsError('INVALID_MASTER_KEY', `${where} must be base64url of 32 bytes (43 characters of A-Z, a-z, 0-9, - and _): ${masterKeyProblem(trimmed)}`);
  }
  return Buffer.from(trimmed, 'base64url');
}

/** A new random master key, base64url. */
export function generateMasterKeyText(): string {
  return randomBytes(32).toString('base64url');
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/**
 * Creates the key file unless it exists. The key is written to a private temporary file, then
 * hard-linked into place: the link fails if another process won the race, and nobody ever reads
 * a half-written key.
 */
async function createKeyFile(dataDir: string, path: string): Promise<boolean> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temporary = join(dataDir, `.${MASTER_KEY_FILE}.${randomBytes(8).toString('hex')}.tmp`);
  await writeFile(temporary, `${generateMasterKeyText()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

/**
 * The key in `<dataDir>/master.key` when that file exists, checked; undefined when it does not.
 * Creates nothing: the start checks an existing key before it writes anything.
 */
export async function readExistingMasterKey(dataDir: string): Promise<MasterKey | undefined> {
  const path = join(dataDir, MASTER_KEY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return undefined;
    throw error;
  }
  return { key: decodeMasterKey(text, path), source: 'file', path, generated: false };
}

/** Loads the master key from the environment, else from (or into) `<dataDir>/master.key`. */
export async function loadMasterKey(options: { env: Record<string, string | undefined>; dataDir: string }): Promise<MasterKey> {
  const fromEnv = options.env[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { key: decodeMasterKey(fromEnv, MASTER_KEY_ENV), source: 'env', generated: false };
  const path = join(options.dataDir, MASTER_KEY_FILE);
  let generated = false;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!hasCode(error, 'ENOENT')) throw error;
    generated = await createKeyFile(options.dataDir, path);
    text = await readFile(path, 'utf8');
  }
  return { key: decodeMasterKey(text, path), source: 'file', path, generated };
}
