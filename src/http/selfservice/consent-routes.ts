/**
 * Privacy & consent mappings over IDM's REST API: `GET/PUT /openidm/config/consent`
 * (administrators; a PUT is validated, 400 naming the field).
 */
import type { FastifyInstance } from 'fastify';
import { CONSENT_CONFIG_ID, parseConsentConfig, readConsentConfig } from '../../selfservice/consent/consent-config.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { selfServiceRoute } from './self-service-route.ts';

/** Registers the consent configuration routes. */
export function registerConsentRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Read per request: the composition root may wire `selfService` after the routes exist.
  const configs = () => deps.selfService.configs;
  const url = `/openidm/config/${CONSENT_CONFIG_ID}`;
  app.get(
    url,
    selfServiceRoute(deps, 'admin', async (_request, reply) => {
      const config = await readConsentConfig(configs());
      if (config === undefined) throw httpError(404, `No configuration exists with id ${CONSENT_CONFIG_ID}`);
      return reply.send({ _id: CONSENT_CONFIG_ID, ...config });
    }),
  );
  app.put(
    url,
    selfServiceRoute(deps, 'admin', async (request, reply) => {
      const config = parseConsentConfig(request.body);
      await configs().put(CONSENT_CONFIG_ID, config);
      return reply.send({ _id: CONSENT_CONFIG_ID, ...config });
    }),
  );
}
