/**
 * Stopping a serving Arbor gracefully without waiting on idle connections (`arbor start`, alone or
 * as a worker). Fastify's close stops accepting, ends the keep-alive connections idle at that
 * moment and waits for the requests in flight; but a connection whose request was in flight
 * becomes idle only once answered, and would hold the close open until its keep-alive timeout
 * (72 s). So once closing, every answer says `Connection: close` (the client opens its next
 * request elsewhere and Node ends the connection after the answer), and connections that became
 * idle anyway are ended every `IDLE_SWEEP_MS`.
 */
import type { Platform } from '../platform/create-platform.ts';

/** How often connections that became idle are ended while closing. */
export const IDLE_SWEEP_MS = 100;

/** Prepares `platform` (before it listens) and returns its graceful close. */
export function prepareGracefulClose(platform: Pick<Platform, 'app' | 'close'>): () => Promise<void> {
  let closing = false;
  platform.app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  return async () => {
    closing = true;
    const sweep = setInterval(() => platform.app.server.closeIdleConnections(), IDLE_SWEEP_MS);
    sweep.unref();
    try {
      await platform.close();
    } finally {
      clearInterval(sweep);
    }
  };
}
