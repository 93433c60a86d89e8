/**
 * Timer Start (`TimerStartNode`): writes the current time (epoch milliseconds) to shared state
 * `startTimeProperty`, for a Timer Stop node further on.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';

/** AM's default shared state key of the start time. */
export const DEFAULT_START_TIME_PROPERTY = 'TimerNodeStartTime';

/** Timer Start: records the start time, then `outcome`. */
export const timerStartNode = defineNode({
  type: 'TimerStartNode',
  displayName: 'Timer Start',
  category: 'utilities',
  description: 'Records the current time in shared state to time part of a journey.',
  config: Type.Object({
    startTimeProperty: Type.String({ default: DEFAULT_START_TIME_PROPERTY, minLength: 1, description: 'Shared state key of the start time.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    ctx.state.shared[ctx.config.startTimeProperty] = ctx.services.clock.now();
    return goTo('outcome');
  },
});
