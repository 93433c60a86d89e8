/**
 * Journeys, measured: each start, continue and resume timed as one step
 * (`arbor_journey_step_duration_seconds`), each journey that started counted by realm and journey
 * (only once the journey was found, so names stay those of the realm's journeys), and each that
 * ended by outcome, from the journey service's `onFinished`.
 */
import type { JourneyFinished, JourneyService } from '../../journeys/engine/journey-service.ts';
import type { ArborMetrics } from './arbor-metrics.ts';
import { secondsSince } from './arbor-metrics.ts';

type JourneyMetrics = Pick<ArborMetrics, 'journeysStarted' | 'journeysEnded' | 'journeyStepSeconds'>;

async function step<T>(metrics: JourneyMetrics, operation: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    metrics.journeyStepSeconds.observe({ operation }, secondsSince(start));
  }
}

/** `journeys` with its steps timed and the journeys it starts counted. */
export function measuredJourneys(journeys: JourneyService, metrics: JourneyMetrics): JourneyService {
  return {
    start: (input) =>
      step(metrics, 'start', async () => {
        const response = await journeys.start(input);
        metrics.journeysStarted.inc({ realm: input.realm.name, journey: input.authIndexValue });
        return response;
      }),
    continue: (input) => step(metrics, 'continue', () => journeys.continue(input)),
    resume: (input) => step(metrics, 'resume', () => journeys.resume(input)),
  };
}

/** The journey service's `onFinished` that counts the journey's end, then tells `next`. */
export function countJourneyEnds(metrics: JourneyMetrics, next?: (finished: JourneyFinished) => void): (finished: JourneyFinished) => void {
  return (finished) => {
    metrics.journeysEnded.inc({ realm: finished.realm, journey: finished.journey, outcome: finished.outcome });
    next?.(finished);
  };
}
