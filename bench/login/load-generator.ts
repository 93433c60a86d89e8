/**
 * The load generator, a process of its own (forked by bench/login.ts): for each job it receives,
 * it opens the connections, runs the phase's iteration in `connections × pipelining` loops for the
 * warm-up and the measured window (reading the server's CPU time at the window's edges), closes
 * the connections and answers the window's figures. It shares no process with the servers it
 * measures, so its own work never slows them but competes for the cores like any client would.
 */
import { HttpConnection } from './http-connection.ts';
import type { Iteration } from './login-flows.ts';
import { routeIteration, signInIteration, startIteration } from './login-flows.ts';
import type { WindowResult } from './measure-window.ts';
import { measureWindow } from './measure-window.ts';
import type { GeneratorJob, JobMessage, ReplyMessage } from './messages.ts';
import { prepareProcStats } from './proc-stats.ts';

const HOST = '127.0.0.1';

function iterationFor(job: GeneratorJob): Iteration {
  const host = `${HOST}:${job.port}`;
  switch (job.kind) {
    case 'route':
      return routeIteration(host);
    case 'start':
      return startIteration(host);
    case 'sign-in':
      if (job.users === undefined) throw new Error('a sign-in job needs its users');
      return signInIteration(host, job.users);
  }
}

async function run(job: GeneratorJob): Promise<WindowResult> {
  const iteration = iterationFor(job);
  const connections = Array.from({ length: job.connections }, () => new HttpConnection(HOST, job.port));
  try {
    return await measureWindow((loop) => iteration(connections[loop % connections.length] as HttpConnection), {
      loops: job.connections * job.pipelining,
      warmupSeconds: job.warmupSeconds,
      seconds: job.seconds,
      cpuPids: job.cpuPids,
    });
  } finally {
    for (const connection of connections) connection.close();
  }
}

prepareProcStats();
process.on('message', (message: JobMessage<GeneratorJob>) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, result } satisfies ReplyMessage),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ReplyMessage),
  );
});
// The parent went away: nothing more to do.
process.on('disconnect', () => process.exit(0));
