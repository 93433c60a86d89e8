/**
 * A Redis server of the test's own (`redis-server` on a free loopback port, nothing kept on disk:
 * `--save '' --appendonly no`), which the test can kill with SIGKILL and start again on the same
 * port, empty, as a crashed Redis without persistence comes back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../helpers/start-arbor-child.ts';

/** A Redis the test owns. */
export interface RedisServerProcess {
  url: string;
  port: number;
  /** SIGKILL; resolves once the process has ended. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers PING. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Spawns `redis-server` on `port`; resolves once it answers PING. */
async function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' });
  const failed = new Promise<never>((_resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before answering`)));
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    const answered = await Promise.race([client.connect().then(() => client.ping()), failed]).catch((error: unknown) => (child.exitCode !== null || child.signalCode !== null ? Promise.reject(error) : undefined));
    client.disconnect();
    if (answered === 'PONG') {
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      child.on('error', () => undefined);
      return child;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('redis-server did not answer within 10 seconds');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await ended;
}

/** Starts `redis-server` on a free loopback port. */
export async function startRedisServer(): Promise<RedisServerProcess> {
  const port = await freePort();
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    kill: () => end(child, 'SIGKILL'),
    async restart() {
      await end(child, 'SIGKILL');
      child = await launch(port);
    },
    stop: () => end(child, 'SIGTERM'),
  };
}
