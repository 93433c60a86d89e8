/**
 * KBA over IDM's REST API: `GET/PUT /openidm/config/selfservice.kba` (administrators; a PUT is
 * validated, 400 naming the field) and the public `GET /openidm/selfservice/kba` the login UI
 * reads (questions and minimums; never any answer).
 */
import type { FastifyInstance } from 'fastify';
import { defaultKbaConfig } from '../../selfservice/kba/default-kba-config.ts';
import { KBA_CONFIG_ID, parseKbaConfig, readKbaConfig } from '../../selfservice/kba/kba-config.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { selfServiceRoute } from './self-service-route.ts';

/** Registers the KBA routes. */
export function registerKbaRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Read per request: the composition root may wire `selfService` after the routes exist.
  const configs = () => deps.selfService.configs;
  const url = `/openidm/config/${KBA_CONFIG_ID}`;
  app.get(
    url,
    selfServiceRoute(deps, 'admin', async (_request, reply) => {
      const config = await readKbaConfig(configs());
      if (config === undefined) throw httpError(404, `No configuration exists with id ${KBA_CONFIG_ID}`);
      return reply.send({ _id: KBA_CONFIG_ID, ...config });
    }),
  );
  app.put(
    url,
    selfServiceRoute(deps, 'admin', async (request, reply) => {
      const config = parseKbaConfig(request.body);
      await configs().put(KBA_CONFIG_ID, config);
      return reply.send({ _id: KBA_CONFIG_ID, ...config });
    }),
  );
  app.get(
    '/openidm/selfservice/kba',
    selfServiceRoute(deps, 'public', async (_request, reply) => {
      const { kbaPropertyName, minimumAnswersToDefine, minimumAnswersToVerify, questions } = (await readKbaConfig(configs())) ?? defaultKbaConfig();
      return reply.send({ _id: 'kba', kbaPropertyName, minimumAnswersToDefine, minimumAnswersToVerify, questions });
    }),
  );
}
