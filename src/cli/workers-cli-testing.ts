/**
 * Test helpers for `arbor start --workers N` as processes: a temporary working directory, a fresh
 * PostgreSQL schema (ARBOR_TEST_POSTGRES_URL), `arbor start` spawned with only the environment a
 * test gives, one HTTP request per connection (so that the primary hands each to the next worker),
 * and waiting for a condition. Everything is cleaned up after the test file.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** The test database, when the tests that need PostgreSQL may run. */
export const POSTGRES_URL = process.env.ARBOR_TEST_POSTGRES_URL || undefined;
/** The password of amadmin in the started Arbors. */
export const ADMIN_PASSWORD = 'Workers-Passw0rd!';

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** A temporary directory, removed after the tests. */
export async function workDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'arbor-workers-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A `postgres://` URL whose tables go to a new schema of the test database, dropped after the tests. */
export async function freshSchemaUrl(): Promise<string> {
  const schema = `arbor_workers_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  cleanups.push(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  const url = new URL(POSTGRES_URL ?? '');
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** A running `arbor start`: the process, what it printed so far (stdout and stderr), its exit status. */
export interface ArborRun {
  child: ChildProcessByStdio<null, Readable, Readable>;
  output(): string;
  exited: Promise<number | null>;
}

/** `arbor start <args>` in `dir` with only `env` (and PATH), on a free loopback port; killed after the tests if still running. */
export function startArbor(dir: string, args: string[], env: Record<string, string>): ArborRun {
  const child = spawn(process.execPath, [MAIN, 'start', ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ARBOR_LOG: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => output, exited };
}

/** The port of a cluster of `workers` on PostgreSQL, once its banner is printed. */
export async function clusterPort(run: ArborRun, workers: number): Promise<number> {
  const banner = new RegExp(`Arbor listening on http://127\\.0\\.0\\.1:(\\d+) \\(postgres, data in PostgreSQL, ${workers} workers\\)`);
  return Number(await until('the banner', () => banner.exec(run.output())?.[1]));
}

/** What `read` gives once it is not undefined, checked every 50 ms; throws after `timeoutMs`. */
export async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An answer, with the worker that gave it (ARBOR_EXPOSE_WORKER=true). */
export interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

/** One request on a connection of its own; fails after `timeoutMs` without an answer. */
export function request(port: number, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers = { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'accept-api-version': 'protocol=1.0,resource=2.1' }), ...options.headers };
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: typeof res.headers['x-arbor-worker'] === 'string' ? res.headers['x-arbor-worker'] : undefined, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const timeoutMs = options.timeoutMs ?? 2000;
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.end(payload);
  });
}

/** The answer to each callback of an AM step: the administrator's name and password. */
export function answered(step: { authId: string; callbacks: Array<{ type: string; input?: Array<{ name: string; value: unknown }> }> }): unknown {
  return {
    authId: step.authId,
    callbacks: step.callbacks.map((callback) => ({
      ...callback,
      input: (callback.input ?? []).map((input) => ({ ...input, value: callback.type === 'PasswordCallback' ? ADMIN_PASSWORD : callback.type === 'NameCallback' ? 'amadmin' : input.value })),
    })),
  };
}

/** The value of the series `name{labels}` in an exposition text, or undefined. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** True while process `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
