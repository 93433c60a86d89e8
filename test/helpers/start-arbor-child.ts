/**
 * Runs `arbor start` (src/main.ts) as a child process on the project's Node.js, on a free loopback
 * port, for tests that must see the process itself: whether it is still alive, what it printed,
 * how it exited. A crash (an unhandled 'error' event, an uncaught exception) ends the child, not
 * the test runner, and the test reads it from `exited()` and `output()`.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** A running (or ended) Arbor process. */
export interface ArborChild {
  baseUrl: string;
  /** Everything it printed so far, standard output and error interleaved. */
  output(): string;
  /** How it ended (`status 1`, `SIGKILL`), or undefined while it runs. */
  exited(): string | undefined;
  /** SIGTERM, then SIGKILL after 10 s; resolves to how it ended. */
  stop(): Promise<string>;
  /** Sends `signal` at once (`SIGKILL`: the process dies mid-request, as a crashed node); resolves to how it ended. */
  kill(signal: NodeJS.Signals): Promise<string>;
}

const MAIN = path.join(import.meta.dirname, '..', '..', 'src', 'main.ts');

/** A TCP port free on 127.0.0.1 right now. */
/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts Arbor with `env` (on top of PATH and HOME) and resolves once it listens (60 s at most). */
export async function startArborChild(env: Record<string, string>): Promise<ArborChild> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN, 'start'], {
    cwd: path.dirname(path.dirname(MAIN)),
    // One process unless a test asks for workers: a crashed worker restarted by a primary would hide what outage tests look for.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ARBOR_WORKERS: '1', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ended: string | undefined;
  const exit = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = signal ?? `status ${code}`;
      resolve(ended);
    }),
  );
  const read = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const stop = async (): Promise<string> => {
    if (ended !== undefined) return ended;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const how = await exit;
    clearTimeout(timer);
    return how;
  };
  const deadline = Date.now() + 60_000;
  while (!output.includes('Arbor listening on')) {
    if (ended !== undefined) throw new Error(`Arbor exited (${ended}) before listening:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Arbor did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const kill = async (signal: NodeJS.Signals): Promise<string> => {
    if (ended === undefined) child.kill(signal);
    return exit;
  };
  return { baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited: () => ended, stop, kill };
}
