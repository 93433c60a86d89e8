/**
 * `GET /metrics` in a worker of `arbor start --workers N`: it answers the text over every worker
 * (`scrape`) rather than its own registry's, and a 503 to retry, not a hang or a 500, when the
 * workers' metrics cannot be gathered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { createArborMetrics } from '../platform/metrics/arbor-metrics.ts';
import { registerMetricsRoute } from './metrics-route.ts';

async function appWith(scrape: () => Promise<string>): Promise<ReturnType<typeof Fastify>> {
  const metrics = createArborMetrics();
  const app = Fastify();
  registerMetricsRoute(app, { registry: metrics.registry, httpRequests: metrics.httpRequests, httpSeconds: metrics.httpSeconds, scrape });
  await app.ready();
  return app;
}

describe('GET /metrics in a worker', () => {
  it('answers the text over every worker', async () => {
    const app = await appWith(async () => 'arbor_metrics_workers 2\n');
    const answer = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.body, 'arbor_metrics_workers 2\n');
    assert.match(String(answer.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    await app.close();
  });

  it('answers 503 with Retry-After when the primary does not answer', async () => {
    const app = await appWith(() => Promise.reject(new Error('the primary did not answer within 6 s')));
    const answer = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(answer.statusCode, 503);
    assert.equal(answer.headers['retry-after'], '1');
    assert.match(answer.body, /could not be gathered in time/);
    assert.doesNotMatch(answer.body, /primary did not answer|at /, 'no internals, no stack');
    await app.close();
  });
});
