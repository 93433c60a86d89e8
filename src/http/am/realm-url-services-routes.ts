/**
 * The realm services that hold URLs a browser is sent to, administrators only, in AM's shapes:
 * `GET/PUT …/json/realms/root[/realms/<r>]/realm-config/services/validation` (the Validation
 * Service's `validGotoDestinations`) and `…/realm-config/authentication` (`general.externalLoginPageUrl`,
 * the realm's `externalLoginUrl`). A PUT is checked before anything is stored: a bad entry or page
 * is a 400 naming the field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { redirectRulesFor } from '../../config/allowed-redirect.ts';
import { authenticationServiceBody, parseAuthenticationServiceBody } from '../../config/authentication-service.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { isRealmConfigError } from '../../config/realm-config-error.ts';
import { parseValidationServiceBody, validationServiceBody } from '../../config/validation-service.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { selfServiceRoute } from '../selfservice/self-service-route.ts';

async function realmOf(deps: AppDeps, request: FastifyRequest): Promise<RealmConfig> {
  const name = (request.params as Record<string, string | undefined>).realm ?? 'root';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw httpError(400, `Invalid realm name "${name}"`);
  const realm = await deps.selfService.realmStore.get(name);
  if (realm === undefined) throw httpError(404, `Realm ${name === 'root' ? '/' : `/${name}`} not found`);
  return realm;
}

/** Runs `write`, turning a realm configuration error into a 400 naming the field. */
function checked<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isRealmConfigError(error)) throw httpError(400, error.message, error.field === '' ? undefined : { field: error.field });
    throw error;
  }
}

/** Registers both services for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerRealmUrlServicesRoutes(app: FastifyInstance, deps: AppDeps, prefix: string): void {
  for (const realmPrefix of [`${prefix}/realms/root`, `${prefix}/realms/root/realms/:realm`]) {
    const validation = `${realmPrefix}/realm-config/services/validation`;
    app.get(validation, selfServiceRoute(deps, 'admin', async (request, reply) => reply.send(validationServiceBody(await realmOf(deps, request)))));
    app.put(
      validation,
      selfServiceRoute(deps, 'admin', async (request, reply) => {
        const realm = await realmOf(deps, request);
        const updated = { ...realm, validGotoDestinations: checked(() => parseValidationServiceBody(request.body)) };
        await deps.selfService.realmStore.put(updated);
        return reply.send(validationServiceBody(updated));
      }),
    );
    const authentication = `${realmPrefix}/realm-config/authentication`;
    app.get(authentication, selfServiceRoute(deps, 'admin', async (request, reply) => reply.send(authenticationServiceBody(await realmOf(deps, request)))));
    app.put(
      authentication,
      selfServiceRoute(deps, 'admin', async (request, reply) => {
        const realm = await realmOf(deps, request);
        const externalLoginUrl = checked(() => parseAuthenticationServiceBody(request.body, redirectRulesFor(deps.settings, realm)));
        const updated = { ...realm, externalLoginUrl };
        await deps.selfService.realmStore.put(updated);
        return reply.send(authenticationServiceBody(updated));
      }),
    );
  }
}
