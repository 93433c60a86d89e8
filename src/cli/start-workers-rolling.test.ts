/**
 * Rolling restart of `arbor start --workers 2` on PostgreSQL (skipped without
 * ARBOR_TEST_POSTGRES_URL): SIGHUP to the primary replaces every worker, one at a time, while
 * clients making requests throughout see no error; the counters of `/metrics` do not fall back; a
 * new worker that cannot start stops the roll and the workers running keep serving; SIGTERM during
 * a roll still stops everything gracefully.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ADMIN_PASSWORD, alive, clusterPort, freshSchemaUrl, POSTGRES_URL, request, sample, startArbor, until, workDir } from './workers-cli-testing.ts';

const SIGN_IN = { 'x-openam-username': 'amadmin', 'x-openam-password': ADMIN_PASSWORD, 'content-type': 'application/json' };
const STARTED = 'arbor_journeys_started_total{realm="root",journey="Login"}';

/** Requests, one after the other on new connections, until `stop()`; what went wrong is collected. */
function clientLoop(port: number): { stop(): Promise<{ answered: number; signedIn: number; failures: string[] }> } {
  let running = true;
  let answered = 0;
  let signedIn = 0;
  const failures: string[] = [];
  const loop = (async () => {
    for (let index = 0; running; index += 1) {
      // Mostly cheap requests, and sign-ins (tens of milliseconds of hashing) in flight as workers stop.
      const signIn = index % 5 === 0;
      const answer = await (signIn ? request(port, 'POST', '/am/json/realms/root/authenticate', { headers: SIGN_IN, timeoutMs: 10_000 }) : request(port, 'GET', '/health/ready', { timeoutMs: 10_000 })).catch((error: unknown) => error);
      if (answer instanceof Error) failures.push(answer.message);
      else if (typeof answer === 'object' && answer !== null && 'status' in answer && answer.status !== 200) failures.push(`status ${String(answer.status)}`);
      else {
        answered += 1;
        if (signIn) signedIn += 1;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { answered, signedIn, failures };
    },
  };
}

/** The pids serving now, from the x-arbor-worker header of a few requests. */
async function servingPids(port: number, expected: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let index = 0; index < 20 && seen.size < expected; index += 1) {
    const answer = await request(port, 'GET', '/health/live');
    seen.add(answer.worker ?? 'none');
  }
  return seen;
}

describe('arbor start --workers: rolling restart', () => {
  it(
    'SIGHUP replaces every worker while requests all succeed; a new worker that fails stops the roll; SIGTERM during a roll is graceful',
    { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false, timeout: 120_000 },
    async () => {
      const dir = await workDir();
      const arbor = startArbor(dir, ['--workers', '2'], { ARBOR_DATABASE_URL: await freshSchemaUrl(), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_EXPOSE_WORKER: 'true', ARBOR_METRICS: 'true' });
      const port = await clusterPort(arbor, 2);
      const signIns = 4;
      for (let index = 0; index < signIns; index += 1) assert.equal((await request(port, 'POST', '/am/json/realms/root/authenticate', { headers: SIGN_IN })).status, 200);
      const before = await servingPids(port, 2);
      assert.equal(before.size, 2);

      // The roll, with two clients making requests all along.
      const clients = [clientLoop(port), clientLoop(port)];
      await new Promise((resolve) => setTimeout(resolve, 300));
      arbor.child.kill('SIGHUP');
      const now = await until('the roll to end', () => /SIGHUP: rolling restart done; workers now pid (\d+), (\d+)\n/.exec(arbor.output())?.slice(1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const results = await Promise.all(clients.map((client) => client.stop()));
      for (const { answered, failures } of results) {
        assert.deepEqual(failures, [], arbor.output().slice(-2000));
        assert.ok(answered > 10, `${answered} requests answered`);
      }
      // The workers replaced are those that served before, in whichever order the primary keeps them.
      const replaced = /SIGHUP: replacing the 2 workers \(pid (\d+), (\d+)\) one at a time\n/.exec(arbor.output())?.slice(1) ?? [];
      assert.deepEqual(new Set(replaced), before);
      for (const pid of now) assert.ok(!before.has(pid), `worker ${pid} is new`);
      await until('the old workers to be gone', () => ([...before].every((pid) => !alive(Number(pid))) ? true : undefined), 5_000);
      assert.deepEqual([...(await servingPids(port, 2))].sort(), [...now].sort());
      // The old workers' counters are still in the sums.
      const scrape = await request(port, 'GET', '/metrics', { timeoutMs: 5000 });
      const signedInDuringRoll = results.reduce((sum, result) => sum + result.signedIn, 0);
      assert.equal(sample(scrape.body, STARTED), signIns + signedInDuringRoll);
      assert.equal(sample(scrape.body, 'arbor_metrics_workers'), 2);

      // A new worker that cannot start (the master key file damaged meanwhile): the roll stops, the workers keep serving.
      const keyFile = join(dir, 'data', 'master.key');
      const key = await readFile(keyFile);
      await writeFile(keyFile, 'damaged\n');
      arbor.child.kill('SIGHUP');
      const stopped = await until('the roll to stop', () => /arbor start: rolling restart stopped: the new worker (\d+) exited \(status 1\) before listening; 2 workers keep serving \(pid (\d+), (\d+)\)\. Its messages are above\n/.exec(arbor.output()) ?? undefined);
      assert.deepEqual(stopped.slice(2).sort(), [...now].sort());
      assert.match(arbor.output(), /master\.key must be base64url of 32 bytes/);
      assert.deepEqual([...(await servingPids(port, 2))].sort(), [...now].sort());
      await writeFile(keyFile, key);

      // SIGTERM while a roll is under way: every process stops gracefully, status 0.
      arbor.child.kill('SIGHUP');
      await until('a second roll to begin', () => (arbor.output().match(/SIGHUP: replacing the 2 workers/g)?.length === 3 ? true : undefined));
      arbor.child.kill('SIGTERM');
      assert.equal(await arbor.exited, 0, arbor.output().slice(-2000));
      for (const pid of now) assert.equal(alive(Number(pid)), false);
    },
  );
});
