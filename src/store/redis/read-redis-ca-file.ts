/**
 * Reads ARBOR_REDIS_CA_FILE: the PEM certificates of the CAs Arbor trusts for Redis over TLS (a
 * private CA), read once at start by the settings, so that every process (workers, CLI commands)
 * has them. A path that does not exist, is not a regular file, cannot be read, is larger than
 * 1 MiB, holds a private key, or holds no certificate that parses is refused with a
 * `RedisCaFileError` (`INVALID_REDIS_CA_FILE`) naming the setting and the path, never the content.
 * The file is opened without blocking (a FIFO cannot hang the start) and read up to its bound.
 */
import { X509Certificate } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { errorCodeOf } from '../store-connection-error.ts';

/** The setting that names the file. */
export const REDIS_CA_FILE_SETTING = 'ARBOR_REDIS_CA_FILE';

/** Largest file read (a system bundle of every public CA is about 200 KiB). */
const MAX_BYTES = 1024 * 1024;

/** Most certificates kept. */
const MAX_CERTIFICATES = 1000;

/** An ARBOR_REDIS_CA_FILE that cannot be used. */
export interface RedisCaFileError extends Error {
  readonly code: 'INVALID_REDIS_CA_FILE';
}

/** True when `value` is a `RedisCaFileError`. */
export function isRedisCaFileError(value: unknown): value is RedisCaFileError {
  return value instanceof Error && value.name === 'RedisCaFileError' && 'code' in value && value.code === 'INVALID_REDIS_CA_FILE';
}

function fail(problem: string): never {
  throw Object.assign(new Error(`${REDIS_CA_FILE_SETTING} ${problem}`), { name: 'RedisCaFileError', code: 'INVALID_REDIS_CA_FILE' as const });
}

/** The file's bytes, at most `MAX_BYTES`. */
function readBounded(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = errorCodeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') fail(`${path} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') fail(`${path} cannot be read by this user`);
    return fail(`${path} cannot be read (${code ?? 'unknown error'})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) fail(`${path} is not a file`);
    if (stat.size > MAX_BYTES) fail(`${path} is larger than 1 MiB: it must hold only the CA certificates (PEM)`);
    const buffer = Buffer.alloc(MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_BYTES) fail(`${path} is larger than 1 MiB: it must hold only the CA certificates (PEM)`);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (isRedisCaFileError(error)) throw error;
    return fail(`${path} cannot be read (${errorCodeOf(error) ?? 'unknown error'})`);
  } finally {
    closeSync(fd);
  }
}

/** True when `block` is an X.509 certificate Node.js reads. */
function parses(block: string): boolean {
  try {
    return new X509Certificate(block).raw.length > 0;
  } catch {
    return false;
  }
}

/**
 * The PEM certificates of the file at `path` (absolute), each checked to parse as X.509, joined
 * one after the other; throws a `RedisCaFileError` when the file cannot be used.
 */
export function readRedisCaFile(path: string): string {
  const text = readBounded(path).toString('latin1');
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) fail(`${path} holds a private key: it must hold only the CA certificates (PEM), and a key must stay secret`);
  const begins = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  const blocks = text.match(/-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n\t ]*-----END CERTIFICATE-----/g) ?? [];
  if (begins === 0) fail(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----); convert a DER file with: openssl x509 -inform der -in ca.der -out ca.pem`);
  if (blocks.length !== begins) fail(`${path} is not valid PEM: a certificate's BEGIN line is not followed by base64 and its END line`);
  if (blocks.length > MAX_CERTIFICATES) fail(`${path} holds more than ${MAX_CERTIFICATES} certificates`);
  const invalid = blocks.findIndex((block) => !parses(block));
  if (invalid >= 0) fail(`${path}: certificate ${invalid + 1} is not a valid X.509 certificate`);
  return `${blocks.join('\n')}\n`;
}
