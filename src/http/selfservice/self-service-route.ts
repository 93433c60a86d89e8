/**
 * The frame of every self-service handler: administrators only unless the route is public (401
 * without credentials, 403 for anyone but an administrator, as the IDM routes answer), and
 * self-service configuration errors as 400/404/409 naming the field or version at fault.
 */
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { SelfServiceConfigErrorCode } from '../../selfservice/config-errors.ts';
import { isSelfServiceConfigError } from '../../selfservice/config-errors.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { forbidden, mayAdminister, requireAdmin } from '../idm/authorize.ts';
import { resolveCaller } from '../idm/idm-caller.ts';

const STATUS: Record<SelfServiceConfigErrorCode, number> = {
  INVALID_KBA_CONFIG: 400,
  INVALID_TERMS_CONFIG: 400,
  INVALID_CONSENT_CONFIG: 400,
  INVALID_SELF_SERVICE_TREES: 400,
  TERMS_VERSION_PUBLISHED: 409,
  TERMS_VERSION_NOT_FOUND: 404,
  TERMS_VERSION_EXISTS: 409,
  TERMS_VERSION_NOT_PUBLISHED: 400,
  KBA_ANSWER_TOO_LONG: 400,
};

/** The HTTP error of a self-service configuration error (`detail.field` names the field or version); others unchanged. */
export function selfServiceHttpError(error: unknown): unknown {
  if (!isSelfServiceConfigError(error)) return error;
  return httpError(STATUS[error.code], error.message, error.field === undefined ? undefined : { field: error.field });
}

/**
 * Passes administrators (a session of `amadmin` in root, or `X-OpenIDM-*` credentials) and, when
 * `realm` is given, that realm's administrators (`mayAdminister`); 401 or 403 otherwise.
 */
export async function requireAdministrator(deps: AppDeps, request: FastifyRequest, realm?: string): Promise<void> {
  const caller = await resolveCaller(deps, request);
  if (realm === undefined) requireAdmin(caller);
  else if (!mayAdminister(caller, realm)) throw forbidden();
}

/**
 * Wraps `handler`: checks the caller unless `access` is `public` (`realm-admin`: administrators of
 * the path's realm, `:realm` or root, pass too), and maps configuration errors.
 */
export function selfServiceRoute(deps: AppDeps, access: 'admin' | 'realm-admin' | 'public', handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>): RouteHandlerMethod {
  return async (request, reply) => {
    try {
      if (access === 'admin') await requireAdministrator(deps, request);
      if (access === 'realm-admin') await requireAdministrator(deps, request, (request.params as Record<string, string | undefined>).realm ?? 'root');
      return await handler(request, reply);
    } catch (error) {
      throw selfServiceHttpError(error);
    }
  };
}
