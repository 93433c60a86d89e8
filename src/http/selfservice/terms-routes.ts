/**
 * Terms and conditions over IDM's REST API: `GET/PUT /openidm/config/selfservice.terms`
 * (administrators; a PUT is validated: 400 naming the field, `active` must name a published
 * version, the display texts of `uiConfig` within their limits, and 409 naming the version when
 * it would change a published one) and the public
 * `GET /openidm/selfservice/terms`: the active version in the request's language, as Markdown
 * (`terms`) and as sanitized HTML (`termsHtml`).
 */
import type { FastifyInstance } from 'fastify';
import { checkTermsDisplay } from '../../selfservice/terms/terms-display.ts';
import { checkTermsReplacement } from '../../selfservice/terms/terms-lifecycle.ts';
import { parseTermsConfig, readTermsConfig, TERMS_CONFIG_ID } from '../../selfservice/terms/terms-config.ts';
import { createTermsGateway } from '../../selfservice/terms/terms-gateway.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { parseAcceptLanguage } from '../request-facts.ts';
import { selfServiceRoute } from './self-service-route.ts';

/** Registers the terms routes. */
export function registerTermsRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Read per request: the composition root may wire `selfService` after the routes exist.
  const configs = () => deps.selfService.configs;
  let gateway: ReturnType<typeof createTermsGateway> | undefined;
  const terms = () => (gateway ??= createTermsGateway({ configs: configs() }));
  const url = `/openidm/config/${TERMS_CONFIG_ID}`;
  app.get(
    url,
    selfServiceRoute(deps, 'admin', async (_request, reply) => {
      const config = await readTermsConfig(configs());
      if (config === undefined) throw httpError(404, `No configuration exists with id ${TERMS_CONFIG_ID}`);
      return reply.send({ _id: TERMS_CONFIG_ID, ...config });
    }),
  );
  app.put(
    url,
    selfServiceRoute(deps, 'admin', async (request, reply) => {
      const next = parseTermsConfig(request.body);
      checkTermsDisplay(next);
      // A stored document that no longer parses cannot protect anything: let the administrator replace it.
      const previous = await readTermsConfig(configs()).catch(() => undefined);
      checkTermsReplacement(previous, next);
      await configs().put(TERMS_CONFIG_ID, next);
      return reply.send({ _id: TERMS_CONFIG_ID, ...next });
    }),
  );
  app.get(
    '/openidm/selfservice/terms',
    selfServiceRoute(deps, 'public', async (request, reply) => {
      const header = request.headers['accept-language'];
      const active = await terms().active(parseAcceptLanguage(typeof header === 'string' ? header : undefined));
      if (active === undefined) throw httpError(404, 'No terms and conditions are active');
      const uiConfig = (await terms().document())?.uiConfig;
      return reply.send({
        _id: 'terms',
        version: active.version,
        createDate: active.createDate,
        terms: active.terms,
        termsHtml: active.html,
        ...(uiConfig === undefined ? {} : { uiConfig }),
      });
    }),
  );
}
