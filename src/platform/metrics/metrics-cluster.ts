/**
 * How the workers of `arbor start --workers N` show one set of metrics: a worker joins the
 * cluster's metrics (`joinMetricsCluster`) before it builds its platform; the platform's metrics
 * then share their registry with the cluster (the primary collects every worker's registry for
 * each scrape) and `GET /metrics` answers the cluster's sum (`scrape`) instead of this process's
 * own numbers. A worker process builds one platform, so the link is one per process; a process
 * that never joins (a single `arbor start`, tests building many platforms) serves its own registry.
 */
import type { Registry } from 'prom-client';

/** This process's link to the other workers' metrics. */
export interface MetricsCluster {
  /** Makes `registry` the one this process answers the primary's collections from. */
  share(registry: Registry): void;
  /** The exposition text over every worker; rejects when the primary does not answer in time. */
  scrape(): Promise<string>;
}

let joined: MetricsCluster | undefined;

/** Joins this process to the cluster's metrics (once, before its platform is built). */
export function joinMetricsCluster(cluster: MetricsCluster): void {
  joined = cluster;
}

/** The cluster this process joined, if any. */
export function joinedMetricsCluster(): MetricsCluster | undefined {
  return joined;
}
