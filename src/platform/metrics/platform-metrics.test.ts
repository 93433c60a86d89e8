/**
 * `/metrics` on a whole Arbor (in memory, through `app.inject`): off unless ARBOR_METRICS=true,
 * every family after a sign-in, the Bearer token when one is set, loopback-only without one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform, type TestPlatform } from '../testing/in-memory-platform.ts';

const ADMIN = { 'x-openam-username': 'amadmin', 'x-openam-password': 'Admin-Passw0rd!', 'content-type': 'application/json' };
const TOKEN = 'scrape-token-0123456789abcdef';

/** The value of the sample `name{labels}` in an exposition text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  describe('with ARBOR_METRICS=true', () => {
    let platform: TestPlatform;
    before(async () => {
      platform = await inMemoryPlatform({ ARBOR_METRICS: 'true' });
    });
    after(() => platform.close());

    it('shows each family after a sign-in, with route patterns and bounded labels', async () => {
      const signedIn = await platform.app.inject({ method: 'POST', url: '/am/json/realms/root/authenticate', headers: ADMIN });
      assert.equal(signedIn.statusCode, 200);
      const refused = await platform.app.inject({ method: 'POST', url: '/am/json/realms/root/authenticate', headers: { ...ADMIN, 'x-openam-password': 'wrong-password' } });
      assert.equal(refused.statusCode, 401);
      await platform.app.inject({ method: 'GET', url: '/openidm/managed/user/no-such-id-123', headers: { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' } });
      await platform.store.outbox.enqueue({ from: 'a@arbor.test', to: ['b@arbor.test'], cc: [], bcc: [], subject: 's', contentType: 'text/plain' }, { status: 'stored', now: platform.clock.now() - 120_000 });
      const scrape = await platform.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(scrape.statusCode, 200);
      assert.match(String(scrape.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const text = scrape.body;
      assert.equal(sample(text, 'arbor_journeys_started_total{realm="root",journey="Login"}'), 2);
      assert.equal(sample(text, 'arbor_journeys_ended_total{realm="root",journey="Login",outcome="SUCCESS"}'), 1);
      assert.equal(sample(text, 'arbor_journeys_ended_total{realm="root",journey="Login",outcome="FAILURE"}'), 1);
      assert.equal(sample(text, 'arbor_journey_step_duration_seconds_count{operation="start"}'), 2);
      assert.ok((sample(text, 'arbor_password_hashing_duration_seconds_count{operation="verify"}') ?? 0) >= 2);
      assert.equal(sample(text, 'arbor_password_hashing_in_flight'), 0);
      assert.equal(sample(text, 'arbor_password_hashing_waiting'), 0);
      assert.equal(sample(text, 'arbor_password_hashing_refused_total'), 0);
      assert.ok((sample(text, 'arbor_store_operation_duration_seconds_count{repository="managedObjects",operation="findByAttribute"}') ?? 0) >= 1);
      assert.ok((sample(text, 'arbor_store_operation_duration_seconds_count{repository="ephemeral",operation="increment"}') ?? 0) >= 1);
      assert.match(text, /^# TYPE arbor_store_errors_total counter$/m);
      assert.equal(sample(text, 'arbor_outbox_messages{status="stored"}'), 1);
      assert.equal(sample(text, 'arbor_outbox_messages{status="pending"}'), 0);
      assert.ok((sample(text, 'arbor_outbox_oldest_message_age_seconds') ?? 0) >= 120);
      assert.match(text, /^# TYPE arbor_script_runs_total counter$/m);
      assert.match(text, /^# TYPE arbor_script_limits_hit_total counter$/m);
      assert.match(text, /^# TYPE arbor_script_run_duration_seconds histogram$/m);
      assert.equal(sample(text, 'arbor_http_requests_total{method="POST",route="/am/json/realms/*",status="200"}'), 1);
      assert.equal(sample(text, 'arbor_http_requests_total{method="POST",route="/am/json/realms/*",status="401"}'), 1);
      assert.match(text, /^arbor_http_requests_total\{method="GET",route="\/openidm[^"]*",status="\d{3}"\} 1$/m, 'an IDM route is named by its pattern');
      assert.doesNotMatch(text, /no-such-id-123/, 'never a URL');
      assert.match(text, /^process_cpu_user_seconds_total /m);
      assert.match(text, /^nodejs_heap_size_used_bytes /m);
    });

    it('answers only a direct loopback client when no token is set', async () => {
      const remote = await platform.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
      assert.equal(remote.statusCode, 403);
      const proxied = await platform.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
      assert.equal(proxied.statusCode, 403);
      assert.doesNotMatch(proxied.body, /arbor_/);
    });

    it('gives every answer its request id: a safe incoming X-Request-ID is kept, another replaced', async () => {
      const kept = await platform.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'lb-7f3a.42' } });
      assert.equal(kept.headers['x-request-id'], 'lb-7f3a.42');
      const replaced = await platform.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'bad id\u0007<script>' } });
      assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      const fresh = await platform.app.inject({ method: 'GET', url: '/nowhere' });
      assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });
  });

  describe('with ARBOR_METRICS_TOKEN', () => {
    let platform: TestPlatform;
    before(async () => {
      platform = await inMemoryPlatform({ ARBOR_METRICS: 'true', ARBOR_METRICS_TOKEN: TOKEN });
    });
    after(() => platform.close());

    it('asks for the bearer token, from anywhere', async () => {
      const none = await platform.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(none.statusCode, 401);
      assert.match(String(none.headers['www-authenticate']), /^Bearer /);
      const wrong = await platform.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
      assert.equal(wrong.statusCode, 401);
      assert.doesNotMatch(wrong.body, /arbor_/);
      const right = await platform.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(right.statusCode, 200);
      assert.match(right.body, /^# TYPE arbor_journeys_started_total counter$/m);
    });
  });

  it('serves nothing unless ARBOR_METRICS=true', async () => {
    const platform = await inMemoryPlatform();
    try {
      const answer = await platform.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(answer.statusCode, 404);
    } finally {
      await platform.close();
    }
  });

  it('refuses a short token at start, naming the variable', async () => {
    await assert.rejects(inMemoryPlatform({ ARBOR_METRICS: 'true', ARBOR_METRICS_TOKEN: 'short' }), /ARBOR_METRICS_TOKEN/);
  });
});
