/** The soak's summary: errors, p99 of the last minute against the first, each node's memory drift. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartPanels, NOT_STARTED, othersCpuPercent, type Sample, sampleOf, summarize } from './soak-samples.ts';
import { createWindowRecorder } from './window-stats.ts';

const readings = (rss: number[]) => ({ rssMiB: rss, nodeCpuPercent: [30, 30, 30], generatorCpuPercent: 5, generatorEventLoop: 0.2, generatorRssMiB: 80, machineCpuPercent: 180 });

/** A 10-second sample ending at `t` with `latency` for every request and `errors` failed sign-ins. */
function sampleAt(t: number, latency: number, rss: number[], errors = 0): { sample: Sample; latencies: number[] } {
  const recorder = createWindowRecorder();
  for (let index = 0; index < 100; index += 1) recorder.latency(latency);
  for (let index = 0; index < 50; index += 1) recorder.completed('sign-in');
  for (let index = 0; index < errors; index += 1) recorder.failed('sign-in', NOT_STARTED, 'busy');
  const window = recorder.take();
  return { sample: sampleOf(window, t, 10, readings(rss)), latencies: window.latencies };
}

describe('the soak summary', () => {
  it('compares the last minute p99 with the first, adds up errors by kind, and fits each node’s memory trend', () => {
    const runs = Array.from({ length: 18 }, (_, index) => sampleAt((index + 1) * 10, index < 6 ? 100 : index >= 12 ? 150 : 120, [200 + index * 2, 300, 300 - index], index === 3 ? 4 : 0));
    const summary = summarize(runs.map((run) => run.sample), runs.map((run) => run.latencies), 3);
    assert.equal(summary.p99FirstMinuteMs, 100);
    assert.equal(summary.p99LastMinuteMs, 150);
    assert.equal(summary.p99Drift, 0.5);
    assert.equal(summary.errors, 4);
    assert.deepEqual(summary.errorsByKind, { [NOT_STARTED]: 4 });
    assert.equal(summary.journeys, 18 * 50 + 4);
    assert.deepEqual(summary.memory.map((node) => node.driftMiB), [34, 0, -17]);
    assert.deepEqual(summary.memory.map((node) => node.slopeMiBPerMinute), [12, 0, -6], 'MiB per minute: 2 and -1 MiB per 10 s');
    assert.equal(runs[0]?.sample.signInsPerSecond, 5);
  });

  it('charts the other processes’ CPU as the machine’s less the nodes’ and the generator’s', () => {
    const { sample } = sampleAt(10, 100, [200, 200, 200], 2);
    assert.equal(othersCpuPercent(sample), 180 - 90 - 5);
    const panels = chartPanels([sample], { journeysPerSecond: 7, signInsPerSecond: 5 });
    const errors = panels.find((panel) => panel.unit === 'errors');
    assert.deepEqual(errors?.series.map((series) => series.points[0]?.[1]), [2, 0], 'all errors, and none from the servers: both were not started');
    assert.equal(panels.find((panel) => panel.unit === 'MiB')?.series.length, 3, 'one memory line per node');
  });
});
