/**
 * The minimal Fastify JSON route, a process of its own (forked by bench/login.ts): `POST /echo`
 * parses the JSON body and answers `{ ok: true, echo: <body> }`, with the Fastify Arbor uses and
 * no logger. It is the ceiling of any HTTP step on this machine: a request that does nothing.
 * It listens on a free port of 127.0.0.1 and tells the parent which.
 */
import Fastify from 'fastify';
import type { ListeningMessage } from './messages.ts';

const app = Fastify({ logger: false });
app.post('/echo', async (request) => ({ ok: true, echo: request.body ?? null }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address === null || typeof address !== 'object') throw new Error('the echo server has no port');
process.send?.({ port: address.port } satisfies ListeningMessage);
const stop = (): void => {
  app.close().then(() => process.exit(0));
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
