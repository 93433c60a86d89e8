/** The IDM self-service configuration surface: KBA, terms and conditions, consent. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { registerConsentRoutes } from './consent-routes.ts';
import { registerKbaRoutes } from './kba-routes.ts';
import { registerTermsRoutes } from './terms-routes.ts';

/** Registers `/openidm/config/selfservice.kba|selfservice.terms|consent` and `/openidm/selfservice/kba|terms`. */
export function registerSelfServiceRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerKbaRoutes(app, deps);
  registerTermsRoutes(app, deps);
  registerConsentRoutes(app, deps);
}
