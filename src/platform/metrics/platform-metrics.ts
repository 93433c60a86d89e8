/**
 * Metrics as the running platform wires them (docs/operations.md, "Metrics"): with
 * `ARBOR_METRICS=true`, one registry for this platform and the wrappers that feed it (the store,
 * password hashing, the journey service, the scripting gateway) and the HTTP hook with
 * `GET /metrics`; otherwise every wrapper gives back what it was given and nothing is served. In
 * a worker of `arbor start --workers N` (`metrics-cluster.ts`), the registry is shared with the
 * primary and `GET /metrics` answers the sum over every worker.
 */
import type { FastifyInstance } from 'fastify';
import type { LimitedHashing } from '../../identity/hashing-limiter.ts';
import type { PasswordHasher } from '../../identity/password-hasher.ts';
import type { CapabilityRegistry } from '../../journeys/engine/capabilities.ts';
import type { JourneyFinished, JourneyService } from '../../journeys/engine/journey-service.ts';
import { registerMetricsRoute } from '../../http/metrics-route.ts';
import type { OutboxRepository } from '../../selfservice/email/ports.ts';
import type { Store } from '../../store/store.ts';
import { createArborMetrics } from './arbor-metrics.ts';
import { countJourneyEnds, measuredJourneys } from './measured-journeys.ts';
import { timedHasher, watchedHashing } from './measured-hashing.ts';
import { measuringRegistry } from './measured-scripting.ts';
import { measuredStore } from './measured-store.ts';
import { joinedMetricsCluster } from './metrics-cluster.ts';
import { metricsSettingsFrom } from './metrics-settings.ts';

/** The platform's metrics. */
export interface PlatformMetrics {
  /** `store` with its calls measured. */
  measureStore(store: Store): Store;
  /** `hasher` with each hash timed (give it to the hashing bound). */
  timeHasher(hasher: PasswordHasher): PasswordHasher;
  /** The hashing bound, its load and refusals measured. */
  watchHashing(hashing: LimitedHashing): LimitedHashing;
  /** The capability registry, measuring the scripting gateway registered on it. */
  measureCapabilities(registry: CapabilityRegistry): CapabilityRegistry;
  /** The journey service with its steps and starts measured. */
  measureJourneys(journeys: JourneyService): JourneyService;
  /** An `onFinished` counting ended journeys, then calling `next`. */
  journeyFinished(next?: (finished: JourneyFinished) => void): (finished: JourneyFinished) => void;
  /** The routes (`extraRoutes`): the HTTP hook and `GET /metrics`, reading the outbox at scrape time. */
  routes(outbox: Pick<OutboxRepository, 'stats'>, clock: { now(): number }): (app: FastifyInstance) => void;
}

const same = <T>(value: T): T => value;

/** Metrics from the environment; throws a settings error naming the variable when a value is bad. */
export function createPlatformMetrics(env: Record<string, string | undefined>): PlatformMetrics {
  const settings = metricsSettingsFrom(env);
  if (!settings.enabled) {
    return {
      measureStore: same,
      timeHasher: same,
      watchHashing: same,
      measureCapabilities: same,
      measureJourneys: same,
      journeyFinished: (next) => next ?? (() => {}),
      routes: () => () => {},
    };
  }
  const metrics = createArborMetrics();
  const cluster = joinedMetricsCluster();
  cluster?.share(metrics.registry);
  return {
    measureStore: (store) => measuredStore(store, metrics),
    timeHasher: (hasher) => timedHasher(hasher, metrics),
    watchHashing: (hashing) => watchedHashing(hashing, metrics),
    measureCapabilities: (registry) => measuringRegistry(registry, metrics),
    measureJourneys: (journeys) => measuredJourneys(journeys, metrics),
    journeyFinished: (next) => countJourneyEnds(metrics, next),
    routes(outbox, clock) {
      metrics.sources.outbox = () => outbox.stats();
      metrics.sources.clock = clock;
      return (app) =>
        registerMetricsRoute(app, {
          registry: metrics.registry,
          httpRequests: metrics.httpRequests,
          httpSeconds: metrics.httpSeconds,
          ...(settings.token === undefined ? {} : { token: settings.token }),
          ...(cluster === undefined ? {} : { scrape: () => cluster.scrape() }),
        });
    },
  };
}
