/**
 * `arbor start --workers N` as processes: refused on SQLite and with a bad count, before anything
 * is created; on PostgreSQL (skipped without ARBOR_TEST_POSTGRES_URL) two workers start on a fresh
 * schema, both serve, a journey started on one continues on the other, a killed worker is
 * replaced, and SIGTERM lets a request in flight finish before every process exits 0.
 */
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ADMIN_PASSWORD, answered, clusterPort, freshSchemaUrl, POSTGRES_URL, request, startArbor, until, workDir } from './workers-cli-testing.ts';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('arbor start --workers (process)', () => {
  it('refuses more than one worker on SQLite, and a bad count, before creating anything', async () => {
    const dir = await workDir();
    const sqlite = startArbor(dir, ['--workers', '2'], {});
    assert.equal(await sqlite.exited, 2);
    assert.equal(
      sqlite.output(),
      'arbor start: --workers 2 needs PostgreSQL (ARBOR_DATABASE_URL): the embedded SQLite store is used by one process only. Run one worker (leave --workers and ARBOR_WORKERS unset), or move to PostgreSQL to use every core\n',
    );
    const fromEnv = startArbor(dir, [], { ARBOR_WORKERS: 'many' });
    assert.equal(await fromEnv.exited, 2);
    assert.match(fromEnv.output(), /^arbor start: ARBOR_WORKERS must be an integer from 1 to \d+ \(4 per core, \d+ cores? here\), got "many"\n$/);
    const zero = startArbor(dir, ['--workers', '0'], {});
    assert.equal(await zero.exited, 2);
    assert.match(zero.output(), /^arbor start: --workers must be an integer from 1 to \d+ .*got "0"\n\nUsage: arbor start \[--workers N\]/);
    assert.equal(await exists(join(dir, 'data')), false);
  });

  it(
    'on PostgreSQL: two workers serve, share journeys, a killed one is replaced, SIGTERM lets a request in flight finish',
    { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false, timeout: 120_000 },
    async () => {
      const dir = await workDir();
      const arbor = startArbor(dir, ['--workers', '2'], { ARBOR_DATABASE_URL: await freshSchemaUrl(), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_EXPOSE_WORKER: 'true', ARBOR_LOG: 'true' });
      const port = await clusterPort(arbor, 2);
      // Once, in the primary: the generated master key is announced once, not by each worker.
      assert.equal(arbor.output().match(/generated a new master key/g)?.length, 1);

      const workersSeen = new Set<string>();
      for (let index = 0; index < 6; index += 1) {
        const answer = await request(port, 'GET', '/health/ready');
        assert.equal(answer.status, 200);
        workersSeen.add(answer.worker ?? 'none');
      }
      assert.equal(workersSeen.size, 2, `served by ${[...workersSeen].join(', ')}`);
      assert.ok(!workersSeen.has(String(arbor.child.pid)), 'the primary serves nothing itself');

      // A journey started on one worker goes on on the other: its state is in the shared store.
      const authenticate = '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login';
      let crossed = false;
      for (let attempt = 0; attempt < 3 && !crossed; attempt += 1) {
        const first = await request(port, 'POST', authenticate, { body: {} });
        assert.equal(first.status, 200, first.body);
        const second = await request(port, 'POST', authenticate, { body: answered(JSON.parse(first.body)) });
        assert.equal(second.status, 200, second.body);
        assert.equal(typeof JSON.parse(second.body).tokenId, 'string', second.body);
        crossed = first.worker !== second.worker;
      }
      assert.ok(crossed, 'a journey went from one worker to the other');

      // A worker killed is replaced by a new one, which serves.
      const killed = [...workersSeen][0] ?? '';
      process.kill(Number(killed), 'SIGKILL');
      await until('the restart notice', () => (arbor.output().includes(`worker ${killed} exited unexpectedly (SIGKILL): starting another in 1 s`) ? true : undefined));
      const replacement = await until('a new worker serving', async () => {
        const answer = await request(port, 'GET', '/health/ready').catch(() => undefined);
        return answer?.status === 200 && answer.worker !== undefined && !workersSeen.has(answer.worker) ? answer.worker : undefined;
      });
      assert.notEqual(replacement, killed);

      // A request in flight (headers sent, body not yet) when SIGTERM arrives still gets its answer.
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      let response = '';
      socket.on('data', (chunk: Buffer) => {
        response += chunk.toString();
      });
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(`POST /am/json/realms/root/realms/alpha/authenticate?inflight=yes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{`);
      // The request has reached a worker (its headers are read and logged) before the signal.
      await until('the request in flight to be logged', () => (arbor.output().includes('"url":"/am/json/realms/root/realms/alpha/authenticate?inflight=yes"') ? true : undefined));
      arbor.child.kill('SIGTERM');
      // Every worker stops accepting: new connections are refused.
      await until('the port to close', async () => ((await request(port, 'GET', '/health/live').then(() => false, (error: unknown) => error instanceof Error && 'code' in error && error.code === 'ECONNREFUSED')) ? true : undefined), 15_000);
      assert.equal(arbor.child.exitCode, null, 'Arbor waits for the request in flight');
      socket.write('}');
      await closed;
      assert.match(response, /^HTTP\/1\.1 200 OK\r\n/, arbor.output().slice(-3000));
      assert.match(response, /"authId":"/);
      assert.equal(await arbor.exited, 0, arbor.output());
      assert.match(arbor.output(), /SIGTERM: shutting down\n/);
    },
  );
});
