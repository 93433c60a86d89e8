import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import { createCapabilityRegistry } from '../../engine/capabilities.ts';
import { runNode } from '../../engine/node-testing.ts';
import { nodeMetricsKey } from './node-metrics.ts';
import { timerStartNode } from './timer-start-node.ts';
import { timerStopNode } from './timer-stop-node.ts';

async function withMetrics() {
  const t = await nodeTestServices();
  const recorded: [string, number][] = [];
  const registry = createCapabilityRegistry();
  registry.register(nodeMetricsKey, { recordTimer: (key, ms) => recorded.push([key, ms]) });
  return { t, recorded, services: { ...t.services, capabilities: registry.seal() } };
}

describe('TimerStartNode and TimerStopNode', () => {
  it('Timer Start writes the current epoch ms to TimerNodeStartTime (or the configured key)', async () => {
    const { t, services } = await withMetrics();
    const now = t.clock.now();
    assert.deepEqual((await runNode(timerStartNode, { services })).state.shared, { TimerNodeStartTime: now });
    const custom = await runNode(timerStartNode, { services, config: { startTimeProperty: 'loginStart' } });
    assert.deepEqual([custom.action, custom.state.shared], [goTo('outcome'), { loginStart: now }]);
  });

  it('Timer Stop records the elapsed ms into its metric', async () => {
    const { t, recorded, services } = await withMetrics();
    const { state } = await runNode(timerStartNode, { services });
    t.clock.advance(1_250);
    const { action } = await runNode(timerStopNode, { services, shared: state.shared, config: { metricKey: 'login.duration' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(recorded, [['login.duration', 1_250]]);
  });

  it('Timer Stop without a start time, or without a metrics sink, records nothing and goes on', async () => {
    const { recorded, services } = await withMetrics();
    assert.deepEqual((await runNode(timerStopNode, { services, config: { metricKey: 'm' } })).action, goTo('outcome'));
    assert.deepEqual(recorded, []);
    const bare = await nodeTestServices();
    const run = await runNode(timerStopNode, { services: bare.services, shared: { TimerNodeStartTime: 1 }, config: { metricKey: 'm' } });
    assert.deepEqual(run.action, goTo('outcome'));
  });
});
