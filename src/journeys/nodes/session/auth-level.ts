/** The journey's auth level as AM keeps it: `shared.authLevel`, 0 until a node changes it. */
import type { JourneyStateData } from '../../engine/node-context.ts';

/** The current auth level (a whole number in `shared.authLevel`, else 0). */
export function currentAuthLevel(state: JourneyStateData): number {
  const level = state.shared.authLevel;
  return typeof level === 'number' && Number.isSafeInteger(level) ? level : 0;
}
