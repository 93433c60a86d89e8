/** The AM REST surface: authenticate, sessions, users (`idFromSession`), serverinfo and the Self Service Trees service, under `/am/json/…` and `/json/…`. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../config/realm-config.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { authenticate } from './authenticate-route.ts';
import { parseRealmRoute } from './realm-path.ts';
import { serverInfo } from './serverinfo-route.ts';
import { sessions } from './sessions-route.ts';
import { users } from './users-route.ts';
import { registerSelfServiceTreesRoutes } from '../selfservice/self-service-trees-routes.ts';
import { registerRealmServicesRoutes } from './realm-services-routes.ts';
import { registerScriptsRoutes } from './scripts-routes.ts';
import { configScriptStore } from '../../scripting/script-store.ts';
import { requireAdministrator } from '../selfservice/self-service-route.ts';
import { registerAmAdminRoutes } from './admin/am-admin-routes.ts';
import { builtinScript } from './admin/builtin-scripts.ts';

async function realmOf(deps: AppDeps, name: string): Promise<RealmConfig> {
  const realm = await deps.realms.get(name);
  if (realm === undefined) throw httpError(404, `Realm ${name === 'root' ? '/' : `/${name}`} not found`);
  return realm;
}

async function dispatch(deps: AppDeps, realmName: string, endpoint: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const realm = await realmOf(deps, realmName);
  if (endpoint === 'authenticate') return authenticate(deps, realm, request, reply);
  if (endpoint === 'sessions' || endpoint === 'sessions/') return sessions(deps, request, reply);
  if (endpoint === 'users' || endpoint === 'users/') return users(deps, realm, request, reply);
  throw httpError(404, `Resource ${endpoint} not found`);
}

/** Registers the AM routes under both prefixes. */
export function registerAmRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const prefix of ['/am/json', '/json']) {
    app.post(`${prefix}/realms/*`, async (request, reply) => {
      const rest = (request.params as Record<string, string>)['*'] ?? '';
      const route = parseRealmRoute(rest);
      return dispatch(deps, route.realm, route.endpoint, request, reply);
    });
    app.post(`${prefix}/authenticate`, async (request, reply) => dispatch(deps, 'root', 'authenticate', request, reply));
    app.post(`${prefix}/sessions`, async (request, reply) => dispatch(deps, 'root', 'sessions', request, reply));
    app.post(`${prefix}/sessions/`, async (request, reply) => dispatch(deps, 'root', 'sessions', request, reply));
    // The legacy path names no realm: it answers for the session's own realm, as AM does.
    app.post(`${prefix}/users`, async (request, reply) => users(deps, undefined, request, reply));
    app.get(`${prefix}/serverinfo/*`, async () => serverInfo(deps));
    registerSelfServiceTreesRoutes(app, deps, prefix);
    registerRealmServicesRoutes(app, deps, prefix);
    registerAmAdminRoutes(app, { trees: deps.treeAdmin, realmAdmin: deps.realmAdmin, realms: deps.selfService.realmStore, requireAdministrator: (request, realm) => requireAdministrator(deps, request, realm) }, prefix);
    registerScriptsRoutes(app, { scripts: configScriptStore(deps.selfService.configs), realms: deps.realms, requireAdministrator: (request, realm) => requireAdministrator(deps, request, realm), builtin: builtinScript }, prefix);
  }
}
