/**
 * Starts a real Arbor for a docs test as a reader does (`npm start`, that is `arbor start`), as
 * its own process on the project's Node.js: on a free loopback port, with a fresh data directory
 * and the documented administrator password `Admin-Passw0rd!`. Resolves once Arbor prints where
 * it listens.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A running Arbor process. */
export interface ArborProcess {
  port: number;
  /** What it printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/** The administrator password every page documents. */
const ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** Resolves to the port `host` gives for `port` (0: any free one), or undefined when it cannot be listened on. */
async function tryListen(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : undefined));
    });
  });
}

/**
 * A TCP port free right now on 127.0.0.1 (where Arbor listens) and on ::1, where `localhost`, as
 * the pages write it, may lead first.
 */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await tryListen('127.0.0.1', 0);
    if (port === undefined) break;
    if ((await tryListen('::1', port)) !== undefined || (await tryListen('::1', 0)) === undefined) return port;
  }
  throw new Error('no free loopback port');
}

/** Starts `arbor start` with `main` (src/main.ts) in `cwd`, its data in `dataDir`; `env` adds PATH, HOME and the like. */
export async function startArborProcess(options: { main: string; cwd: string; dataDir: string; env: Record<string, string> }): Promise<ArborProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [options.main, 'start'], {
    cwd: options.cwd,
    env: { ...options.env, PORT: String(port), HOST: '127.0.0.1', ARBOR_DATA_DIR: options.dataDir, ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_LOG: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Arbor did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Arbor listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Arbor exited (${signal ?? `status ${code}`}) before listening:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { port, output: () => output, stop };
}
