/**
 * AM's Self Service Trees service: `GET/PUT …/json/realms/root[/realms/<r>]/realm-config/services/selfServiceTrees`
 * with AM's body `{_id: "", treeMapping: {endpoint: tree}, _type}`. A PUT replaces the whole
 * mapping (leaving an endpoint out deletes it). Administrators and the realm's administrators only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../config/realm-config.ts';
import { parseSelfServiceTreesBody, selfServiceTreesBody, selfServiceTreesOf, withSelfServiceTrees } from '../../selfservice/self-service-trees.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { selfServiceRoute } from './self-service-route.ts';

const SERVICE_PATH = 'realm-config/services/selfServiceTrees';

function realmNameOf(request: FastifyRequest): string {
  const name = (request.params as Record<string, string | undefined>).realm ?? 'root';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw httpError(400, `Invalid realm name "${name}"`);
  return name;
}

async function realmOf(deps: AppDeps, request: FastifyRequest): Promise<RealmConfig> {
  const name = realmNameOf(request);
  const realm = await deps.selfService.realmStore.get(name);
  if (realm === undefined) throw httpError(404, `Realm ${name === 'root' ? '/' : `/${name}`} not found`);
  return realm;
}

/** Registers GET and PUT of the service for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerSelfServiceTreesRoutes(app: FastifyInstance, deps: AppDeps, prefix: string): void {
  for (const url of [`${prefix}/realms/root/${SERVICE_PATH}`, `${prefix}/realms/root/realms/:realm/${SERVICE_PATH}`]) {
    app.get(
      url,
      selfServiceRoute(deps, 'realm-admin', async (request, reply) => reply.send(selfServiceTreesBody(selfServiceTreesOf(await realmOf(deps, request))))),
    );
    app.put(
      url,
      selfServiceRoute(deps, 'realm-admin', async (request, reply) => {
        const realm = await realmOf(deps, request);
        const treeMapping = parseSelfServiceTreesBody(request.body);
        await deps.selfService.realmStore.put(withSelfServiceTrees(realm, treeMapping));
        return reply.send(selfServiceTreesBody(treeMapping));
      }),
    );
  }
}
