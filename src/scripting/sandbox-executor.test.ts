import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { workerExecutor } from './sandbox-executor.ts';
import { isScriptError } from './script-error.ts';
import { createScriptRunner } from './script-runner.ts';
import { jsScript, runRecorded } from './testing/script-fixtures.ts';

describe('scripts on worker threads', () => {
  const executor = workerExecutor({ workers: 2, graceMs: 500 });
  const runner = createScriptRunner({ executor });
  after(() => executor.close());

  it('runs scripts and their host calls as on this thread', async () => {
    const source = 'var answer = httpClient.send("https://api.example.com/").get().json(); nodeState.putShared("n", answer.n); action.goTo("true");';
    // Not a test of the limits: a time limit a loaded machine meets (the deadline is wall-clock time).
    const { output } = await runRecorded(runner, jsScript(source, { version: '2.0' }), { settings: { timeoutMs: 10_000 }, answer: async () => ({ status: 200, headers: {}, body: '{"n":7}' }) });
    assert.equal(output.outcome, 'true');
    assert.equal(output.shared.n, 7);
  });

  it("does not count a new worker's start (a second or more on a busy machine) against the first script's time limit", async () => {
    // A worker takes hundreds of milliseconds to load QuickJS, more than this limit with no grace.
    const cold = workerExecutor({ workers: 1, graceMs: 0 });
    try {
      const { output } = await runRecorded(createScriptRunner({ executor: cold }), jsScript('outcome = "first";'), { settings: { timeoutMs: 300 } });
      assert.equal(output.outcome, 'first');
    } finally {
      await cold.close();
    }
  });

  it('keeps this thread free while runaway scripts run, and stops each at its limit', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    const started = performance.now();
    const runaways = await Promise.allSettled(Array.from({ length: 4 }, (_, index) => runRecorded(runner, jsScript(`for (;;) { ${index}; }`), { settings: { timeoutMs: 300 } })));
    clearInterval(timer);
    for (const result of runaways) {
      assert.equal(result.status, 'rejected');
      assert.ok(isScriptError(result.reason) && result.reason.code === 'SCRIPT_TIMEOUT');
    }
    // Four runaways of 300 ms on two workers: about 600 ms, during which this thread kept ticking.
    assert.ok(performance.now() - started < 3000);
    assert.ok(ticks >= 20, `only ${ticks} ticks`);
    const { output } = await runRecorded(runner, jsScript('outcome = "after";'));
    assert.equal(output.outcome, 'after');
  });
});
