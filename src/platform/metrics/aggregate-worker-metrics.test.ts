/**
 * The sum of the workers' metrics as the primary makes it, from real registries sent as JSON (as
 * over the IPC channel): counters and histograms summed, the shared outbox's gauges one reading
 * (not multiplied by the workers), how many workers are missing, and a stopped worker's counters
 * kept while its gauges go.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateWorkerMetrics, retireWorkerMetrics } from './aggregate-worker-metrics.ts';
import { createArborMetrics } from './arbor-metrics.ts';
import { checkedWorkerMetrics, type WorkerMetric } from './worker-metrics.ts';

/** A worker's registry after `signIns` journeys started and `waiting` outbox messages seen. */
async function workerPart(signIns: number, waiting: number): Promise<WorkerMetric[]> {
  const metrics = createArborMetrics();
  metrics.sources.outbox = async () => ({ pending: waiting, stored: 0 });
  metrics.sources.hashing = () => ({ running: 1, waiting: 0 });
  for (let index = 0; index < signIns; index += 1) {
    metrics.journeysStarted.inc({ realm: 'root', journey: 'Login' });
    metrics.httpSeconds.observe({ method: 'POST', route: '/am/json/realms/*' }, 0.03);
  }
  const part = checkedWorkerMetrics(JSON.parse(JSON.stringify(await metrics.registry.getMetricsAsJSON())));
  assert.ok(part !== undefined, 'a worker’s own metrics pass the checks');
  return part;
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('aggregateWorkerMetrics', () => {
  it('sums counters and histograms, reads the shared outbox once, and says how many workers answered', async () => {
    const text = await aggregateWorkerMetrics({ parts: [await workerPart(2, 7), await workerPart(3, 7)], missing: 1, waitedSeconds: 2 });
    assert.equal(sample(text, 'arbor_journeys_started_total{realm="root",journey="Login"}'), 5);
    assert.equal(sample(text, 'arbor_http_request_duration_seconds_count{method="POST",route="/am/json/realms/*"}'), 5);
    assert.equal(sample(text, 'arbor_http_request_duration_seconds_bucket{le="0.05",method="POST",route="/am/json/realms/*"}'), 5);
    assert.equal(sample(text, 'arbor_outbox_messages{status="pending"}'), 7);
    assert.equal(sample(text, 'arbor_password_hashing_in_flight'), 2, 'each worker hashes on its own');
    assert.equal(sample(text, 'arbor_metrics_workers'), 2);
    assert.equal(sample(text, 'arbor_metrics_workers_missing'), 1);
    assert.doesNotMatch(text, /^process_start_time_seconds /m, 'a start time cannot be summed');
    assert.match(text, /^# TYPE arbor_journeys_started_total counter$/m);
  });

  it('keeps the counters of workers that stopped, not their gauges', async () => {
    let retired = await retireWorkerMetrics(undefined, await workerPart(4, 9));
    retired = await retireWorkerMetrics(retired, await workerPart(1, 9));
    const text = await aggregateWorkerMetrics({ parts: [await workerPart(2, 3)], missing: 0, retired, waitedSeconds: 2 });
    assert.equal(sample(text, 'arbor_journeys_started_total{realm="root",journey="Login"}'), 7);
    assert.equal(sample(text, 'arbor_http_request_duration_seconds_count{method="POST",route="/am/json/realms/*"}'), 7);
    assert.equal(sample(text, 'arbor_outbox_messages{status="pending"}'), 3, 'only the running worker’s reading');
    assert.equal(sample(text, 'arbor_password_hashing_in_flight'), 1);
    assert.equal(sample(text, 'arbor_metrics_workers'), 1);
  });
});
