/**
 * Timer Stop (`TimerStopNode`): records the milliseconds since the time a Timer Start node wrote to
 * `startTimeProperty` into the timer metric `metricKey` (through the node metrics capability,
 * `node-metrics.ts`). Without a start time, or without a metrics sink, nothing is recorded; the
 * journey goes on either way.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { nodeMetricsKey } from './node-metrics.ts';
import { DEFAULT_START_TIME_PROPERTY } from './timer-start-node.ts';

/** Timer Stop: records the elapsed time, then `outcome`. */
export const timerStopNode = defineNode({
  type: 'TimerStopNode',
  displayName: 'Timer Stop',
  category: 'utilities',
  description: 'Records the time elapsed since a Timer Start node into a metric.',
  config: Type.Object({
    startTimeProperty: Type.String({ default: DEFAULT_START_TIME_PROPERTY, minLength: 1, description: 'Shared state key of the start time.' }),
    metricKey: Type.String({ minLength: 1, description: 'The timer metric to record into.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const start = ctx.state.shared[ctx.config.startTimeProperty];
    const { capabilities } = ctx.services;
    if (typeof start === 'number' && Number.isFinite(start) && capabilities.has(nodeMetricsKey)) {
      const elapsed = Math.max(0, ctx.services.clock.now() - start);
      capabilities.get(nodeMetricsKey).recordTimer(ctx.config.metricKey, elapsed);
    }
    return goTo('outcome');
  },
});
