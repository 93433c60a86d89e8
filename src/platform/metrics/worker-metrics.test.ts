/**
 * A worker's metrics as the primary receives them over the IPC channel: what a worker's registry
 * sends passes (NaN, sent as null, included); anything else, an unknown type or aggregator, a
 * label that is not a label name (`__proto__`), a value that is not a number, too many families,
 * refuses the whole part.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_METRICS, checkedWorkerMetrics } from './worker-metrics.ts';

const counter = (overrides: Record<string, unknown> = {}, sample: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'arbor_journeys_started_total',
  help: 'Journeys started',
  type: 'counter',
  aggregator: 'sum',
  values: [{ value: 3, labels: { realm: 'root', journey: 'Login' }, ...sample }],
  ...overrides,
});

describe('checkedWorkerMetrics', () => {
  it('rebuilds what a worker sends, a NaN gauge (null in JSON) included', () => {
    const gauge = { name: 'nodejs_eventloop_lag_seconds', help: 'Lag', type: 'gauge', aggregator: 'average', values: [{ value: null, labels: {} }] };
    const histogram = { name: 'arbor_script_run_duration_seconds', help: 'Runs', type: 'histogram', aggregator: 'sum', values: [{ value: 1, labels: { le: 0.5 }, metricName: 'arbor_script_run_duration_seconds_bucket' }, { value: 1, labels: { le: '+Inf' }, metricName: 'arbor_script_run_duration_seconds_bucket' }] };
    const checked = checkedWorkerMetrics([counter({ collect: 'ignored' }), gauge, histogram]);
    assert.ok(checked !== undefined);
    assert.deepEqual(checked[0], { name: 'arbor_journeys_started_total', help: 'Journeys started', type: 'counter', aggregator: 'sum', values: [{ value: 3, labels: { realm: 'root', journey: 'Login' } }] });
    assert.ok(Number.isNaN(checked[1]?.values[0]?.value));
    assert.equal(checked[2]?.values[1]?.labels.le, '+Inf');
  });

  it('refuses the whole part for anything a worker does not send', () => {
    const refused: Array<[string, unknown]> = [
      ['not a list', { metrics: [] }],
      ['an unknown type', [counter({ type: 'summary' })]],
      ['an unknown aggregator', [counter({ aggregator: 'median' })]],
      ['a name that is not a metric name', [counter({ name: 'arbor journeys' })]],
      ['a prototype label', [counter({}, { labels: JSON.parse('{"__proto__": "x"}') })]],
      ['a label value that is an object', [counter({}, { labels: { realm: { toString: 'root' } } })]],
      ['a value that is a string', [counter({}, { value: '3' })]],
      ['a series name with a line break', [counter({}, { metricName: 'arbor_x\n# HELP' })]],
      ['a family twice', [counter(), counter()]],
      ['too many families', Array.from({ length: MAX_METRICS + 1 }, (_, index) => counter({ name: `arbor_family_${index}` }))],
    ];
    for (const [what, part] of refused) assert.equal(checkedWorkerMetrics(part), undefined, what);
  });
});
