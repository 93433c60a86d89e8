/**
 * TLS failures in words: Node's codes for an expired certificate, one not valid yet, a server
 * asking for a client certificate, and an address that does not speak TLS (a real handshake with
 * a plain TCP server); anything else is not a TLS problem. Untrusted and misnamed certificates
 * are shown end to end in `redis-tls.test.ts`.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { probeRedisTls, redisTlsProblem } from './redis-tls-problem.ts';

/** An error as Node.js reports it: a message and a code. */
function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('redisTlsProblem', () => {
  it('names certificate problems from their codes', () => {
    assert.equal(redisTlsProblem(nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), false), "the server's TLS certificate has expired");
    assert.equal(redisTlsProblem(nodeError('CERT_NOT_YET_VALID', 'certificate is not yet valid'), false), "the server's TLS certificate is not valid yet");
    assert.equal(redisTlsProblem(nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), true), "the server's TLS certificate is not signed by a CA of ARBOR_REDIS_CA_FILE");
    assert.equal(
      redisTlsProblem(nodeError('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'error:0A00045C:SSL routines::tlsv13 alert certificate required'), false),
      'the server requires a client certificate, which Arbor does not send (set tls-auth-clients to no or optional on the server)',
    );
  });

  it('reads the message alone, as ioredis keeps it for the sentinels', () => {
    assert.equal(redisTlsProblem(new Error('self-signed certificate in certificate chain'), false), "the server's TLS certificate is not signed by a CA this system trusts (set ARBOR_REDIS_CA_FILE to a private CA's certificate)");
  });

  it('leaves other failures to the other reasons', () => {
    assert.equal(redisTlsProblem(nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:6380'), false), undefined);
    assert.equal(redisTlsProblem(new Error('Connection is closed.'), false), undefined);
  });
});

describe('probeRedisTls', () => {
  let server: Server;
  let port = 0;
  before(async () => {
    // Answers in plain text, as a Redis port without TLS does to a command it cannot read (what it is sent is read and dropped, so that it sees the client leave).
    server = createServer((socket) => {
      socket.resume();
      socket.end('-ERR unknown command\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('says when the port does not speak TLS', async () => {
    const found = await probeRedisTls([{ host: '127.0.0.1', port }], { rejectUnauthorized: true }, 2000, false);
    assert.deepEqual(found, { host: { host: '127.0.0.1', port }, problem: 'the server does not answer in TLS on that port (is it its TLS port?)' });
  });

  it('finds nothing where nothing listens (the network reason says it)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const free = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    assert.equal(await probeRedisTls([{ host: '127.0.0.1', port: free }], { rejectUnauthorized: true }, 2000, false), undefined);
  });
});
