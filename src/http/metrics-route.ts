/**
 * Prometheus over HTTP: every answered request counted and timed by method, route pattern (never
 * the URL: `/openidm/managed/:type/:id`, not a user's id) and status, and `GET /metrics` in the
 * text exposition format. Who may scrape: with a token (`ARBOR_METRICS_TOKEN`), a caller sending
 * it as `Authorization: Bearer <token>`; without one, only a client connected from this machine's
 * loopback address with no proxy header (a reverse proxy on the same machine forwards with
 * `X-Forwarded-For` or `Forwarded`, so internet clients behind it are refused). Under
 * `arbor start --workers N` the text is the sum over every worker (`scrape`), and a 503 when the
 * primary does not answer in time (the scrape fails rather than show one worker's share).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Counter, Histogram, Registry } from 'prom-client';
import { errorBody } from './errors.ts';

/** What the route needs. */
export interface MetricsRouteDeps {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpSeconds: Histogram<'method' | 'route'>;
  /** The Bearer token scrapers send; undefined: loopback clients only. */
  token?: string;
  /** The text over every worker, in a worker of a cluster; undefined: this registry's own. */
  scrape?: () => Promise<string>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Whether `request` may read the metrics. */
function mayScrape(request: FastifyRequest, token: string | undefined): 'yes' | 'token' | 'local' {
  if (token !== undefined) {
    const header = request.headers.authorization;
    const given = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;
    // Digests compared: equal lengths, and no early exit that would tell how much of a guess was right.
    return given !== undefined && given.length <= 1024 && timingSafeEqual(digest(given), digest(token)) ? 'yes' : 'token';
  }
  const proxied = PROXY_HEADERS.some((name) => request.headers[name] !== undefined);
  return !proxied && isLoopback(request.socket.remoteAddress) ? 'yes' : 'local';
}

/** Registers the HTTP metrics hook and `GET /metrics`. */
export function registerMetricsRoute(app: FastifyInstance, deps: MetricsRouteDeps): void {
  app.addHook('onResponse', (request, reply, done) => {
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    const route = request.routeOptions.url ?? '(unmatched)';
    deps.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    deps.httpSeconds.observe({ method, route }, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', async (request, reply) => {
    const allowed = mayScrape(request, deps.token);
    if (allowed === 'token') return reply.code(401).header('www-authenticate', 'Bearer realm="arbor-metrics"').send(errorBody(401, 'Metrics need the bearer token of ARBOR_METRICS_TOKEN'));
    if (allowed === 'local') return reply.code(403).send(errorBody(403, 'Metrics are served to this machine only; set ARBOR_METRICS_TOKEN to scrape from elsewhere'));
    const text =
      deps.scrape === undefined
        ? await deps.registry.metrics()
        : await deps.scrape().catch((error: unknown) => {
            request.log.warn({ err: error }, 'the metrics of the workers could not be gathered');
            return undefined;
          });
    if (text === undefined) return reply.code(503).header('retry-after', '1').send(errorBody(503, 'The metrics of the workers could not be gathered in time; try again'));
    return reply.header('content-type', deps.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
