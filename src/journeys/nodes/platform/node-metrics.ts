/**
 * Where nodes record measurements (AM's Meter and Timer Stop nodes record into the metrics
 * registry): a capability a deployment may register (`capabilities.ts`). Without one, a
 * measurement is dropped, as AM does when metrics are off.
 */
import { capabilityKey } from '../../engine/capabilities.ts';

/** The metrics sink of node measurements. */
export interface NodeMetrics {
  /** Records `elapsedMs` into the timer metric `metricKey`. */
  recordTimer(metricKey: string, elapsedMs: number): void;
}

/** The capability key nodes find the metrics sink by. */
export const nodeMetricsKey = capabilityKey<NodeMetrics>('node metrics');
