/**
 * One worker of `arbor start --workers N` (a `node:cluster` worker forked by `start-primary.ts`):
 * builds the whole Arbor (store, platform, app) and listens on the port the workers share. The
 * primary has already run what must happen once (migrations, default configuration, amadmin, the
 * master key); here they are checks that find everything in place. On the primary's `stop`
 * message, or SIGTERM/SIGINT sent to the worker itself (a terminal's Ctrl+C reaches every process
 * of the group), it stops accepting, lets the requests in flight finish (`graceful-close.ts`),
 * closes the store, hands the primary its last metrics and exits 0. SIGHUP is the primary's
 * (a rolling restart): a worker ignores it. Its metrics join the other workers'
 * (`worker-metrics-link.ts`): `GET /metrics` answers the sum over all of them. With
 * `ARBOR_EXPOSE_WORKER=true` each answer carries the worker's pid in `x-arbor-worker` (to see the
 * load spread; off by default: it tells clients about the machine).
 */
import type { ServerSettings } from '../config/server-settings.ts';
import { joinMetricsCluster } from '../platform/metrics/metrics-cluster.ts';
import { listenError } from './check-start-environment.ts';
import { primaryMessage, type WorkerListening } from './cluster-messages.ts';
import type { CliContext } from './command.ts';
import { prepareGracefulClose } from './graceful-close.ts';
import { openServingPlatform } from './open-serving-platform.ts';
import { workerMetricsLink } from './worker-metrics-link.ts';

/** The response header that names the worker, with ARBOR_EXPOSE_WORKER=true. */
export const WORKER_HEADER = 'x-arbor-worker';

/**
 * Runs this process as a worker; resolves to 0 once it listens (it then runs until stopped). A
 * worker that cannot start lets go of the channel to the primary, which would otherwise keep it
 * running: it exits with the status of its error once that is printed.
 */
export async function runWorker(settings: Readonly<ServerSettings>, ctx: CliContext, options: { exposeWorker: boolean }): Promise<number> {
  try {
    return await serve(settings, ctx, options);
  } catch (error) {
    process.channel?.unref();
    throw error;
  }
}

async function serve(settings: Readonly<ServerSettings>, ctx: CliContext, options: { exposeWorker: boolean }): Promise<number> {
  const metrics = workerMetricsLink();
  joinMetricsCluster(metrics);
  // A terminal's hangup reaches every process of the group: the primary decides what it means.
  process.on('SIGHUP', () => undefined);
  const { platform } = await openServingPlatform(settings, ctx, `worker ${process.pid}: `);
  for (const notice of platform.notices) ctx.err(notice);
  if (options.exposeWorker) {
    const pid = String(process.pid);
    platform.app.addHook('onRequest', async (_request, reply) => {
      reply.header(WORKER_HEADER, pid);
    });
  }
  const close = prepareGracefulClose(platform);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    close()
      .then(() => metrics.sendFinal().catch(() => undefined))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          ctx.err(`arbor start: worker ${process.pid}: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
  };
  // Kept while stopping: the primary still collects this worker's metrics until it is gone.
  const onMessage = (raw: unknown): void => {
    const message = primaryMessage(raw);
    if (message === undefined) return;
    if (message.arbor === 'stop') stop();
    else metrics.handle(message);
  };
  process.on('message', onMessage);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    await platform.app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    // Stopped while it was about to listen: the stop ends the process.
    if (stopping) return 0;
    process.off('message', onMessage);
    await platform.close().catch(() => undefined);
    throw listenError(error, settings.host, settings.port);
  }
  const address = platform.app.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : settings.port;
  process.send?.({ arbor: 'listening', port } satisfies WorkerListening);
  return 0;
}
