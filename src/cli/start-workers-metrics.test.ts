/**
 * `GET /metrics` under `arbor start --workers 2` on PostgreSQL (skipped without
 * ARBOR_TEST_POSTGRES_URL): whichever worker answers a scrape, it shows the sum over both workers
 * (every sign-in counted, whichever worker served it); a worker that does not answer the primary
 * is left out after 2 s and counted in `arbor_metrics_workers_missing`, the scrape never hangs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_PASSWORD, clusterPort, freshSchemaUrl, POSTGRES_URL, request, sample, startArbor, until, workDir } from './workers-cli-testing.ts';

const SIGN_IN = { 'x-openam-username': 'amadmin', 'x-openam-password': ADMIN_PASSWORD, 'content-type': 'application/json' };
const STARTED = 'arbor_journeys_started_total{realm="root",journey="Login"}';
const SIGNED_IN = 'arbor_http_requests_total{method="POST",route="/am/json/realms/*",status="200"}';

describe('arbor start --workers: metrics', () => {
  it(
    'every scrape shows the sum over every worker; a worker that does not answer is left out within seconds',
    { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false, timeout: 90_000 },
    async () => {
      const arbor = startArbor(await workDir(), ['--workers', '2'], { ARBOR_DATABASE_URL: await freshSchemaUrl(), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_EXPOSE_WORKER: 'true', ARBOR_METRICS: 'true' });
      const port = await clusterPort(arbor, 2);

      const signIns = 6;
      const servedBy = new Set<string>();
      for (let index = 0; index < signIns; index += 1) {
        const answer = await request(port, 'POST', '/am/json/realms/root/authenticate', { headers: SIGN_IN });
        assert.equal(answer.status, 200, answer.body);
        servedBy.add(answer.worker ?? 'none');
      }
      assert.equal(servedBy.size, 2, 'both workers served sign-ins');

      const scrapedBy = new Set<string>();
      for (let index = 0; index < 6; index += 1) {
        const scrape = await request(port, 'GET', '/metrics', { timeoutMs: 5000 });
        assert.equal(scrape.status, 200, scrape.body);
        scrapedBy.add(scrape.worker ?? 'none');
        assert.equal(sample(scrape.body, STARTED), signIns, `scrape ${index} by worker ${scrape.worker}`);
        assert.equal(sample(scrape.body, SIGNED_IN), signIns);
        assert.equal(sample(scrape.body, 'arbor_metrics_workers'), 2);
        assert.equal(sample(scrape.body, 'arbor_metrics_workers_missing'), 0);
        // Gauges of the shared outbox are one reading, not a sum; process memory is summed.
        assert.equal(sample(scrape.body, 'arbor_outbox_messages{status="pending"}'), 0);
        assert.match(scrape.body, /^process_resident_memory_bytes \d+/m);
        assert.match(scrape.body, /^# TYPE arbor_journey_step_duration_seconds histogram$/m);
        assert.equal(sample(scrape.body, 'arbor_journey_step_duration_seconds_count{operation="start"}'), signIns);
      }
      assert.equal(scrapedBy.size, 2, 'both workers answered scrapes');

      // A worker that cannot answer (stopped): the other answers within a few seconds, saying one is missing.
      const [frozen, other] = [...scrapedBy];
      process.kill(Number(frozen), 'SIGSTOP');
      try {
        const partial = await until(
          'a scrape answered by the running worker',
          async () => {
            const began = performance.now();
            const scrape = await request(port, 'GET', '/metrics', { timeoutMs: 5000 }).catch(() => undefined);
            return scrape !== undefined && scrape.worker === other ? { scrape, tookMs: performance.now() - began } : undefined;
          },
          20_000,
        );
        assert.equal(partial.scrape.status, 200);
        assert.ok(partial.tookMs < 4500, `the scrape took ${Math.round(partial.tookMs)} ms`);
        assert.equal(sample(partial.scrape.body, 'arbor_metrics_workers'), 1);
        assert.equal(sample(partial.scrape.body, 'arbor_metrics_workers_missing'), 1);
        assert.match(partial.scrape.body, /^# HELP arbor_metrics_workers_missing Workers running that did not answer within 2 s/m);
      } finally {
        process.kill(Number(frozen), 'SIGCONT');
      }
      const whole = await until('a whole scrape again', async () => {
        const scrape = await request(port, 'GET', '/metrics', { timeoutMs: 5000 }).catch(() => undefined);
        return scrape !== undefined && sample(scrape.body, 'arbor_metrics_workers_missing') === 0 ? scrape : undefined;
      });
      assert.equal(sample(whole.body, STARTED), signIns);

      arbor.child.kill('SIGTERM');
      assert.equal(await arbor.exited, 0, arbor.output());
    },
  );
});
