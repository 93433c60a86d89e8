/**
 * `GET …/json/serverinfo/version`: the AM version Frodo reads (`version` must be `d.d.d`, single
 * digits), administrators only (an anonymous caller gets AM's 401). Arbor answers as AM 7.5.0, whose
 * node tables Frodo knows; `revision` names Arbor's own version.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import packageJson from '../../../../package.json' with { type: 'json' };

/** The AM version Arbor answers as. */
export const AM_VERSION = '7.5.0';
/** The build date AM 7.5.0 reports with it. */
const AM_DATE = '2024-March-28 16:00';

/** The version document, AM's shape. */
export function serverVersion(): Record<string, string> {
  const revision = `arbor-${packageJson.version}`;
  return {
    _id: 'version',
    _rev: '1',
    version: AM_VERSION,
    fullVersion: `ForgeRock Access Management ${AM_VERSION} Build ${revision} (${AM_DATE})`,
    revision,
    date: AM_DATE,
  };
}

/** Registers the route under `prefix` (`/am/json`, `/json`). */
export function registerServerVersionRoute(app: FastifyInstance, deps: { requireAdministrator(request: FastifyRequest): Promise<void> }, prefix: string): void {
  app.get(`${prefix}/serverinfo/version`, async (request) => {
    await deps.requireAdministrator(request);
    return serverVersion();
  });
}
