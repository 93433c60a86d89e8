/**
 * A graceful close on a real loopback server: a keep-alive connection whose request was in flight
 * gets its answer, marked `Connection: close`, and is ended with it, and an idle keep-alive
 * connection is ended at once, so the close takes as long as the request, not the keep-alive
 * timeout (72 s).
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { inMemoryPlatform } from '../platform/testing/in-memory-platform.ts';
import { prepareGracefulClose } from './graceful-close.ts';

/** A raw connection and everything it has received; `closed` resolves when the server ends it. */
async function openConnection(port: number): Promise<{ socket: Socket; received(): string; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => received, closed };
}

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('graceful close', () => {
  it('answers the request in flight with Connection: close and ends idle keep-alive connections at once', async () => {
    const platform = await inMemoryPlatform();
    const close = prepareGracefulClose(platform);
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const address = platform.app.server.address();
    assert.ok(address !== null && typeof address === 'object');

    // Idle: one request answered, the connection kept alive.
    const idle = await openConnection(address.port);
    idle.socket.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await until('the first answer', () => idle.received().includes('\r\n\r\n'));
    assert.match(idle.received(), /^HTTP\/1\.1 200 /);
    assert.match(idle.received(), /\r\nconnection: keep-alive\r\n/i);

    // In flight: headers sent, the body not yet.
    const inFlight = await openConnection(address.port);
    inFlight.socket.write('POST /am/json/realms/root/authenticate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const began = performance.now();
    const closing = close();
    await idle.closed;
    inFlight.socket.write('}');
    await inFlight.closed;
    await closing;
    const tookMs = performance.now() - began;
    assert.match(inFlight.received(), /^HTTP\/1\.1 200 /);
    assert.match(inFlight.received(), /\r\nconnection: close\r\n/i);
    assert.match(inFlight.received(), /"authId":"/);
    assert.ok(tookMs < 3_000, `the close took ${Math.round(tookMs)} ms`);
  });
});
