/**
 * What outage tests ask of a running Arbor, each request timed and cut off after 30 s (so that a
 * hanging server fails the test instead of hanging it): readiness, liveness, an administrator's
 * sign-in (zero-page login, which reads the journey, the user and the lockout counters and
 * creates a session), the first step of the alpha `Login` journey (the realm, the tree, a stored
 * step), session validation, a configuration read, and a load of the last three, tallied by
 * status. The load checks no password: an attempt cut short by the outage is charged to the
 * account's throttle by design, and would lock the administrator out of the test.
 */
import assert from 'node:assert/strict';

/** One answer: the status (0 when the request was cut off or failed) and how long it took. */
export interface Probe {
  status: number;
  ms: number;
  body: string;
}

/** The administrator's password of the tested Arbor. */
export const OUTAGE_ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** The 503 body of a request that needs the store while it is out: no internal detail. */
export const STORE_UNAVAILABLE_BODY = { code: 503, reason: 'Service Unavailable', message: 'Service Unavailable' };

/** Cut-off of every probe. */
const PROBE_TIMEOUT_MS = 30_000;

async function timed(url: string, init: RequestInit = {}): Promise<Probe> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const body = await response.text();
    return { status: response.status, ms: performance.now() - started, body };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: error instanceof Error ? error.message : String(error) };
  }
}

/** `GET /health/ready`. */
export const ready = (baseUrl: string): Promise<Probe> => timed(`${baseUrl}/health/ready`);

/** `GET /health/live`. */
export const live = (baseUrl: string): Promise<Probe> => timed(`${baseUrl}/health/live`);

/** `amadmin` signs in to the root realm (zero-page login); 200 carries a `tokenId`. */
export const signIn = (baseUrl: string): Promise<Probe> =>
  timed(`${baseUrl}/am/json/realms/root/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openam-username': 'amadmin', 'x-openam-password': OUTAGE_ADMIN_PASSWORD, 'accept-api-version': 'resource=2.0, protocol=1.0' },
    body: '{}',
  });

/** The first step of the alpha `Login` journey (no credentials): 200 with an `authId`. */
export const startJourney = (baseUrl: string): Promise<Probe> =>
  timed(`${baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.0, protocol=1.0' },
    body: '{}',
  });

/** The public security-question configuration (`selfservice.kba`, read from the database). */
export const readKba = (baseUrl: string): Promise<Probe> => timed(`${baseUrl}/openidm/selfservice/kba`);

/** `sessions?_action=validate` of `token`. */
export const validate = (baseUrl: string, token: string): Promise<Probe> =>
  timed(`${baseUrl}/am/json/realms/root/sessions?_action=validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', iplanetdirectorypro: token, 'accept-api-version': 'resource=2.1, protocol=1.0' },
    body: '{}',
  });

/** The `tokenId` of a successful sign-in. */
export function tokenOf(probe: Probe): string {
  assert.equal(probe.status, 200, `sign-in: ${probe.status} ${probe.body}`);
  const { tokenId } = JSON.parse(probe.body) as { tokenId?: unknown };
  assert.equal(typeof tokenId, 'string', probe.body);
  return String(tokenId);
}

/** Polls `probe` until it answers `status` (or `deadlineMs` passes); resolves to the last answer. */
export async function until(probe: () => Promise<Probe>, status: number, deadlineMs: number): Promise<Probe> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const answer = await probe();
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Answers seen during a load, by status, with every answer that was neither 200 nor the 503 body. */
export interface Tally {
  byStatus: Map<number, number>;
  unexpected: Probe[];
}

/** Runs `workers` loops of a journey start, a validation of `token` and a configuration read until `stop()`, which resolves to the tally. */
export function startLoad(baseUrl: string, token: string, workers: number): { answered(): number; stop(): Promise<Tally> } {
  const tally: Tally = { byStatus: new Map(), unexpected: [] };
  let running = true;
  const record = (probe: Probe): void => {
    tally.byStatus.set(probe.status, (tally.byStatus.get(probe.status) ?? 0) + 1);
    const expected = probe.status === 200 || (probe.status === 503 && isStoreUnavailableBody(probe.body));
    if (!expected) tally.unexpected.push(probe);
  };
  const loop = async (): Promise<void> => {
    while (running) {
      record(await startJourney(baseUrl));
      record(await validate(baseUrl, token));
      record(await readKba(baseUrl));
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    answered: () => [...tally.byStatus.values()].reduce((sum, count) => sum + count, 0),
    async stop() {
      running = false;
      await Promise.all(loops);
      return tally;
    },
  };
}

/** True for exactly the 503 body of an unavailable store. */
export function isStoreUnavailableBody(body: string): boolean {
  try {
    assert.deepEqual(JSON.parse(body), STORE_UNAVAILABLE_BODY);
    return true;
  } catch {
    return false;
  }
}

/** The last errors (level 50) of a request log, for failure messages. */
export function errorLog(output: string): string {
  return output
    .split('\n')
    .filter((line) => line.includes('"level":50'))
    .slice(-5)
    .join('\n');
}

/** Fails unless the process is still running, quoting what it printed. */
export function assertAlive(child: { exited(): string | undefined; output(): string }): void {
  assert.equal(child.exited(), undefined, `Arbor ended (${child.exited()}):\n${child.output().split('\n').filter((line) => !line.startsWith('{')).join('\n').slice(-4000)}`);
}
