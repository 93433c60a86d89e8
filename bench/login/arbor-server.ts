/**
 * Arbor as it runs in production: `node src/main.ts start` (what `npx node src/main.ts start`
 * runs, spawned directly so that the pid is the server's own and `/proc` reads the server), in its
 * own process, on a free loopback port, without request logs. Times the start from the spawn to
 * the first 200 of `/health/ready`, and reads the resident memory right then, before any load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { processTree, residentMebibytes } from './proc-stats.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const MAIN = path.join(ROOT, 'bin', 'arbor.js');
/** How often readiness is asked while Arbor starts: the start time's resolution. */
const POLL_MS = 5;

/** A running Arbor. */
export interface ArborServer {
  pid: number;
  /** Its processes: `pid`, and with ARBOR_WORKERS > 1 its workers (read once every worker listens). */
  pids: number[];
  port: number;
  /** Seconds from the spawn to the first 200 of `/health/ready`. */
  readySeconds: number;
  /** Resident memory when it first answered ready (every process of it), in MiB. */
  readyRssMiB: number;
  /** SIGTERM (a graceful stop, which writes a CPU profile when one was asked), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** The benchmark's environment without Arbor settings of its own: the store's settings come from the caller only. */
export function environmentWithoutArborSettings(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => !entry[0].startsWith('ARBOR_') && entry[1] !== undefined));
}

/** True when `/health/ready` answers 200 now. */
function isReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/health/ready', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(5000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** How to start Arbor besides its settings. */
export interface StartOptions {
  /** Node.js flags before the script (`--cpu-prof …`). */
  nodeFlags?: readonly string[];
  /** Request logs and stack traces on (ARBOR_LOG, ARBOR_DEBUG), appended to this file: to diagnose failures, not to measure. */
  logFile?: string;
}

/**
 * Starts Arbor with `settings` (ARBOR_* variables); resolves once it is ready (60 s at most): with
 * workers, once every one listens (the primary prints its banner then).
 */
export async function startArbor(settings: Record<string, string>, options: StartOptions = {}): Promise<ArborServer> {
  const port = await freePort();
  const logs = options.logFile === undefined ? { ARBOR_LOG: 'false' } : { ARBOR_LOG: 'true', ARBOR_DEBUG: 'true' };
  const env = { ...environmentWithoutArborSettings(), ...settings, PORT: String(port), HOST: '127.0.0.1', ...logs };
  const logFile = options.logFile === undefined ? undefined : createWriteStream(options.logFile, { flags: 'a' });
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), MAIN, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.once('exit', () => logFile?.end());
  let output = '';
  let banner = false;
  const read = (chunk: Buffer): void => {
    logFile?.write(chunk);
    output = (output + chunk.toString('utf8')).slice(-4000);
    banner ||= output.includes('Arbor listening on');
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  let ended: string | undefined;
  child.once('exit', (code, signal) => {
    ended = signal ?? `status ${code}`;
  });
  const deadline = started + 60_000;
  const workers = Number(settings.ARBOR_WORKERS ?? '1');
  for (;;) {
    if ((workers <= 1 || banner) && (await isReady(port))) break;
    if (ended !== undefined) throw new Error(`Arbor exited (${ended}) before it was ready:\n${output}`);
    if (performance.now() > deadline) {
      await stopProcess(child);
      throw new Error(`Arbor was not ready within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const readySeconds = (performance.now() - started) / 1000;
  if (child.pid === undefined) throw new Error('Arbor has no pid');
  const pids = processTree(child.pid);
  if (pids.length !== (workers > 1 ? workers + 1 : 1)) throw new Error(`Arbor runs ${pids.length} processes, expected ${workers > 1 ? `a primary and ${workers} workers` : 'one'}`);
  const readyRssMiB = pids.reduce((sum, pid) => sum + residentMebibytes(pid), 0);
  return { pid: child.pid, pids, port, readySeconds, readyRssMiB, stop: () => stopProcess(child) };
}
