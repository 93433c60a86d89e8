/**
 * What the soak counts between two samples: request latencies, journeys completed and failed by
 * kind, errors by kind (with the first message of each), and the journeys started. `take()` hands
 * the window over and starts the next one.
 */

/** The four journeys of the mix. */
export const JOURNEY_KINDS = ['sign-in', 'registration', 'reset', 'idm-query'] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

/** One window's counts. */
export interface WindowCounts {
  /** Latency of every request answered in the window, in ms. */
  latencies: number[];
  completed: Record<JourneyKind, number>;
  failed: Record<JourneyKind, number>;
  /** Errors by kind ("sign-in answer: HTTP 503"). */
  errors: Map<string, number>;
  /** The first message seen of each error kind. */
  examples: Map<string, string>;
}

function zeroes(): Record<JourneyKind, number> {
  return { 'sign-in': 0, registration: 0, reset: 0, 'idm-query': 0 };
}

function emptyWindow(): WindowCounts {
  return { latencies: [], completed: zeroes(), failed: zeroes(), errors: new Map(), examples: new Map() };
}

/** The recorder the journeys and the client report to. */
export interface WindowRecorder {
  latency(ms: number): void;
  completed(kind: JourneyKind): void;
  failed(kind: JourneyKind, error: string, example: string): void;
  /** The window so far, and a new empty one from now. */
  take(): WindowCounts;
}

/** A recorder with an empty window. */
export function createWindowRecorder(): WindowRecorder {
  let current = emptyWindow();
  return {
    latency(ms) {
      current.latencies.push(ms);
    },
    completed(kind) {
      current.completed[kind] += 1;
    },
    failed(kind, error, example) {
      current.failed[kind] += 1;
      current.errors.set(error, (current.errors.get(error) ?? 0) + 1);
      if (!current.examples.has(error)) current.examples.set(error, example.slice(0, 300));
    },
    take() {
      const taken = current;
      current = emptyWindow();
      return taken;
    },
  };
}

/** The `p` quantile (0..1) of `values` by nearest rank, or undefined when there are none. */
export function quantile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}
