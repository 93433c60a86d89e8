/**
 * `arbor start` as a process: a bad setting, an address or port that cannot be used, an
 * unreachable database or Redis each end it with one line `arbor start: …` and the documented
 * status, before anything is created; a good start still serves and stops on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const POSTGRES_URL = process.env.ARBOR_TEST_POSTGRES_URL || undefined;

const roots: string[] = [];
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** A working directory for one run; `data` inside it is the data directory (not created). */
async function workDir(): Promise<{ dir: string; dataDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'arbor-start-'));
  roots.push(dir);
  return { dir, dataDir: join(dir, 'data') };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs `arbor start` in `dir` with only `env` (and PATH); `until` stops it (SIGTERM) once stdout matches. */
function start(dir: string, env: Record<string, string>, options: { until?: RegExp; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'start'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ARBOR_LOG: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let signalled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`arbor start did not end within ${options.timeoutMs ?? 20000} ms; stdout: ${out}; stderr: ${err}`));
    }, options.timeoutMs ?? 20000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (options.until !== undefined && !signalled && options.until.test(out)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function listening(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return { port: address.port, server };
}

async function unusedPort(): Promise<number> {
  const { port, server } = await listening();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Asserts the run ended with `code` and exactly `line` on stderr, nothing on stdout. */
function assertOneLine(run: Run, code: number, line: string): void {
  assert.deepEqual({ code: run.code, out: run.out, err: run.err }, { code, out: '', err: `${line}\n` });
}

describe('arbor start (process)', () => {
  it('refuses a bad ARBOR_MASTER_KEY before creating the data directory or an administrator', async () => {
    const { dir, dataDir } = await workDir();
    const run = await start(dir, { ARBOR_MASTER_KEY: 'not-a-key' });
    assertOneLine(run, 2, 'arbor start: ARBOR_MASTER_KEY must be base64url of 32 bytes (43 characters of A-Z, a-z, 0-9, - and _): it has 9 characters');
    assert.equal(await exists(dataDir), false);
  });

  it('refuses strictly parsed settings, naming the variable: ARBOR_DEBUG, ARBOR_CORS_ORIGINS, PORT', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ARBOR_DEBUG: 'maybe' }, 'arbor start: ARBOR_DEBUG must be true or false (or 1 or 0), got "maybe"'],
      [{ ARBOR_CORS_ORIGINS: 'https://app.example.com/' }, 'arbor start: ARBOR_CORS_ORIGINS: "https://app.example.com/" is not an origin: write scheme://host[:port], without path, query or trailing /'],
      [{ PORT: 'eighty' }, 'arbor start: PORT must be an integer from 0 to 65535, got "eighty"'],
      [{ HOST: 'http://0.0.0.0' }, 'arbor start: HOST must be a host name or an IP address (no scheme, port or path; the port is PORT), got "http://0.0.0.0"'],
    ];
    for (const [env, line] of cases) {
      const { dir, dataDir } = await workDir();
      assertOneLine(await start(dir, env), 2, line);
      assert.equal(await exists(dataDir), false, JSON.stringify(env));
    }
  });

  it('refuses a HOST that is not an address of this machine, or does not resolve, before generating a master key', async () => {
    const notHere = await workDir();
    assertOneLine(await start(notHere.dir, { HOST: '203.0.113.7' }), 2, 'arbor start: HOST 203.0.113.7 is not an address of this machine (use 0.0.0.0 for every interface)');
    assert.equal(await exists(notHere.dataDir), false);
    const unknown = await workDir();
    assertOneLine(
      await start(unknown.dir, { HOST: 'arbor-test.invalid' }),
      2,
      'arbor start: HOST "arbor-test.invalid" does not resolve to an address (use 0.0.0.0 for every interface, 127.0.0.1 for this machine only)',
    );
    assert.equal(await exists(unknown.dataDir), false);
  });

  it('refuses a PORT already in use before creating anything', async () => {
    const { port, server } = await listening();
    try {
      const { dir, dataDir } = await workDir();
      assertOneLine(await start(dir, { PORT: String(port) }), 2, `arbor start: PORT ${port} is already in use on 127.0.0.1 (another Arbor or another server?)`);
      assert.equal(await exists(dataDir), false);
    } finally {
      server.close();
    }
  });

  it('refuses a damaged master key file, or a data directory that is a file, without creating the database', async () => {
    const damaged = await workDir();
    await mkdir(damaged.dataDir);
    await writeFile(join(damaged.dataDir, 'master.key'), 'garbage\n');
    assertOneLine(
      await start(damaged.dir, {}),
      2,
      `arbor start: ${join(damaged.dataDir, 'master.key')} must be base64url of 32 bytes (43 characters of A-Z, a-z, 0-9, - and _): it has 7 characters (or set ARBOR_MASTER_KEY)`,
    );
    assert.deepEqual(await readdir(damaged.dataDir), ['master.key']);
    const file = await workDir();
    await writeFile(file.dataDir, 'not a directory');
    assertOneLine(await start(file.dir, {}), 2, `arbor start: ARBOR_DATA_DIR ${file.dataDir} cannot be used: ${file.dataDir} is a file, not a directory`);
  });

  it('an unreachable Redis: one line naming it and ARBOR_REDIS_URL, exit 1, no stack trace, nothing created', async () => {
    const port = await unusedPort();
    const { dir, dataDir } = await workDir();
    const run = await start(dir, { ARBOR_REDIS_URL: `redis://127.0.0.1:${port}` });
    assertOneLine(run, 1, `arbor start: cannot connect to Redis at 127.0.0.1:${port} (ARBOR_REDIS_URL): connection refused`);
    assert.equal(await exists(dataDir), false);
  });

  it('an unreachable PostgreSQL: one line naming it and ARBOR_DATABASE_URL, exit 1, never the password', async () => {
    const port = await unusedPort();
    const { dir, dataDir } = await workDir();
    const run = await start(dir, { ARBOR_DATABASE_URL: `postgres://arbor:Sup3r-Secret@127.0.0.1:${port}/arbor`, ARBOR_DEBUG: 'true' });
    assert.equal(run.code, 1);
    assert.equal(run.err.split('\n')[0], `arbor start: cannot connect to PostgreSQL at 127.0.0.1:${port} (ARBOR_DATABASE_URL): connection refused`);
    assert.match(run.err, /\n {4}at /, 'ARBOR_DEBUG=true adds the stack trace');
    assert.ok(!run.err.includes('Sup3r-Secret'));
    assert.equal(await exists(join(dataDir, 'master.key')), false);
  });

  it('a PostgreSQL database that does not exist is named as such', { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, async () => {
    const url = new URL(POSTGRES_URL ?? '');
    const name = `arbor_missing_${Date.now().toString(36)}`;
    url.pathname = `/${name}`;
    const { dir } = await workDir();
    assertOneLine(await start(dir, { ARBOR_DATABASE_URL: url.toString() }), 1, `arbor start: cannot connect to PostgreSQL at ${url.hostname}:${url.port || 5432} (ARBOR_DATABASE_URL): database "${name}" does not exist`);
  });

  it('with good settings, starts, makes its files private, and stops on SIGTERM with status 0', async () => {
    const { dir, dataDir } = await workDir();
    const run = await start(dir, { ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' }, { until: /Arbor listening on http:\/\/127\.0\.0\.1:\d+/, timeoutMs: 60000 });
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /SIGTERM: shutting down/);
    assert.match(run.err, /WARNING: generated a new master key/);
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
    for (const file of ['arbor.db', 'master.key']) assert.equal((await stat(join(dataDir, file))).mode & 0o777, 0o600, file);
  });
});
