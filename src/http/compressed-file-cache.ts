/**
 * The files of the admin app's build, read once and compressed once, kept in memory: a file is
 * read on its first request, its Brotli and gzip bodies made on the first request that asks for
 * each (then shared by every later one, and by requests arriving while it is being made), never
 * per request. Compressing on demand rather than at build time keeps every build servable as it
 * is (no `.br`/`.gz` siblings to forget or to go stale) and costs each file once per process:
 * Brotli at quality 9 (about 0.2 s for a 650 kB script on the zlib thread pool; quality 11 takes
 * seconds for a size about 7% smaller), gzip at level 9. A compressed body that is not smaller
 * than the file is not used. Each answer has a strong ETag per coding (the file's SHA-256 and the
 * coding), for `If-None-Match`.
 *
 * A file is checked (`stat`) on every request: one changed since it was read (a rebuild writes a
 * new `index.html`) is read again; one gone is forgotten. At most `MAX_FILES` files are kept (a
 * long-running server rebuilt many times forgets the oldest).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { ContentCoding } from './negotiate-encoding.ts';

/** How many files are kept in memory at most. */
export const MAX_FILES = 200;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** One coding of a file, as answered. */
export interface EncodedBody {
  /** The coding actually used (`identity` when compressing would not make the body smaller). */
  coding: ContentCoding;
  body: Buffer;
  etag: string;
}

interface CachedFile {
  version: string;
  hash: string;
  identity: Buffer;
  compressed: Map<ContentCoding, Promise<Buffer>>;
}

function compress(body: Buffer, coding: 'br' | 'gzip'): Promise<Buffer> {
  if (coding === 'gzip') return gzipped(body, { level: 9 });
  return brotli(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

function isMissing(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** A cache of files and their compressed bodies; `read` answers `undefined` for a file that is not there. */
export class CompressedFileCache {
  readonly #files = new Map<string, Promise<CachedFile>>();

  /** The body of `file` in `coding` (or as it is, if that would not be smaller), or `undefined` when there is no such file. */
  async read(file: string, coding: ContentCoding): Promise<EncodedBody | undefined> {
    const cached = await this.#file(file);
    if (cached === undefined) return undefined;
    if (coding === 'identity') return { coding, body: cached.identity, etag: `"${cached.hash}"` };
    let pending = cached.compressed.get(coding);
    if (pending === undefined) {
      pending = compress(cached.identity, coding);
      cached.compressed.set(coding, pending);
      // A failure is not kept: the next request tries again.
      pending.catch(() => cached.compressed.delete(coding));
    }
    const body = await pending;
    if (body.length >= cached.identity.length) return { coding: 'identity', body: cached.identity, etag: `"${cached.hash}"` };
    return { coding, body, etag: `"${cached.hash}-${coding}"` };
  }

  async #file(file: string): Promise<CachedFile | undefined> {
    let version: string;
    try {
      const facts = await stat(file);
      if (!facts.isFile()) {
        this.#files.delete(file);
        return undefined;
      }
      version = `${facts.ino}:${facts.size}:${facts.mtimeMs}`;
    } catch (error) {
      this.#files.delete(file);
      if (isMissing(error)) return undefined;
      throw error;
    }
    const known = this.#files.get(file);
    if (known !== undefined) {
      const cached = await known.catch(() => undefined);
      if (cached !== undefined && cached.version === version) return cached;
    }
    const reading = readFile(file).then((identity) => ({ version, identity, hash: createHash('sha256').update(identity).digest('base64url').slice(0, 32), compressed: new Map() }));
    this.#files.delete(file);
    this.#files.set(file, reading);
    while (this.#files.size > MAX_FILES) {
      const oldest = this.#files.keys().next().value;
      if (oldest === undefined) break;
      this.#files.delete(oldest);
    }
    try {
      return await reading;
    } catch (error) {
      this.#files.delete(file);
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}
