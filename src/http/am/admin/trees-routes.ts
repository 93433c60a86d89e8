/**
 * AM's authentication trees and nodes over REST, administrators of the realm only, under
 * `…/json/realms/root[/realms/<r>]/realm-config/authentication/authenticationtrees`:
 * - `GET …/trees?_queryFilter=…` (every tree of the realm, full, in AM's list envelope);
 * - `GET`, `PUT` (create 201 or replace 200: validated as an import is, a new journey version) and
 *   `DELETE …/trees/<name>` (answers the deleted tree; its nodes stay, to be deleted one by one);
 * - `GET`, `PUT` and `DELETE …/nodes/<type>/<id>` (a node no tree holds yet is kept until its tree is written);
 * - `POST …/nodes?_action=getAllTypes` and `POST …/nodes/<type>?_action=schema|template|listOutcomes`
 *   (`src/journeys/admin/node-types.ts`).
 * What it means for journeys is in `src/journeys/admin/tree-admin.ts`. A tree that does not validate
 * is a 400 whose `detail.problems` lists every reason; a node of an unknown type is a 404, as Frodo reads it.
 */
import { realmRoute, requiredQueryFilter } from '../admin-route.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../../config/realm-config.ts';
import { matchesQueryFilter } from '../../../identity/query-filter/evaluate-query-filter.ts';
import type { TreeAdmin } from '../../../journeys/admin/tree-admin.ts';
import type { TreeAdminErrorCode } from '../../../journeys/admin/tree-admin-errors.ts';
import { isTreeAdminError } from '../../../journeys/admin/tree-admin-errors.ts';
import { httpError } from '../../errors.ts';

/** What the routes use. */
export interface TreesRouteDeps {
  trees: TreeAdmin;
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  /** Passes administrators of `realm` (amadmin, openidm-admin, its realm administrators); throws the 401/403 otherwise. */
  requireAdministrator(request: FastifyRequest, realm: string): Promise<void>;
}

const SERVICE = 'realm-config/authentication/authenticationtrees';

const STATUS: Record<TreeAdminErrorCode, number> = {
  TREE_NOT_FOUND: 404,
  NODE_NOT_FOUND: 404,
  NODE_TYPE_UNKNOWN: 404,
  TREE_INVALID: 400,
  NODE_INVALID: 400,
  NODE_IN_USE: 409,
  BAD_REQUEST: 400,
};

function params(request: FastifyRequest): Record<string, string | undefined> {
  return request.params as Record<string, string | undefined>;
}

function asHttpError(error: unknown): unknown {
  if (!isTreeAdminError(error)) return error;
  return httpError(STATUS[error.code], error.message, error.problems.length === 0 ? undefined : { problems: [...error.problems] });
}

/** Registers the routes for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerTreesRoutes(app: FastifyInstance, deps: TreesRouteDeps, prefix: string): void {
  const wrap = realmRoute(deps, asHttpError);
  const route = (handler: (realm: RealmConfig, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) => wrap((realm, _name, request, reply) => handler(realm, request, reply));

  for (const base of [`${prefix}/realms/root/${SERVICE}`, `${prefix}/realms/root/realms/:realm/${SERVICE}`]) {
    app.get(
      `${base}/trees`,
      route(async (realm, request, reply) => {
        const filter = requiredQueryFilter(request, 'tree');
        const result = (await deps.trees.listTrees(realm)).filter((tree) => matchesQueryFilter(filter, { ...tree }));
        return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
      }),
    );
    const tree = `${base}/trees/:name`;
    app.get(tree, route(async (realm, request, reply) => reply.send(await deps.trees.getTree(realm, params(request).name ?? ''))));
    app.put(
      tree,
      route(async (realm, request, reply) => {
        const written = await deps.trees.putTree(realm, params(request).name ?? '', request.body);
        return reply.code(written.created ? 201 : 200).send(written.tree);
      }),
    );
    app.delete(tree, route(async (realm, request, reply) => reply.send(await deps.trees.deleteTree(realm, params(request).name ?? ''))));

    const action = (request: FastifyRequest, allowed: readonly string[]): string => {
      const name = (request.query as Record<string, unknown>)._action;
      if (typeof name !== 'string' || !allowed.includes(name)) throw httpError(400, `Action ${String(name ?? '(none)').slice(0, 64)} is not supported here; use ${allowed.join(', ')}`);
      return name;
    };
    app.post(
      `${base}/nodes`,
      route(async (realm, request, reply) => {
        action(request, ['getAllTypes']);
        return reply.send({ result: await deps.trees.nodeTypes.types(realm.name) });
      }),
    );
    app.post(
      `${base}/nodes/:type`,
      route(async (realm, request, reply) => {
        const type = params(request).type ?? '';
        const name = action(request, ['schema', 'template', 'listOutcomes']);
        if (name === 'schema') return reply.send(await deps.trees.nodeTypes.schema(realm.name, type));
        if (name === 'template') return reply.send(await deps.trees.nodeTypes.template(realm.name, type));
        return reply.send(await deps.trees.nodeTypes.outcomes(realm.name, type, request.body ?? {}));
      }),
    );

    const node = `${base}/nodes/:type/:id`;
    app.get(node, route(async (realm, request, reply) => reply.send(await deps.trees.getNode(realm, params(request).type ?? '', params(request).id ?? ''))));
    app.put(
      node,
      route(async (realm, request, reply) => {
        const written = await deps.trees.putNode(realm, params(request).type ?? '', params(request).id ?? '', request.body);
        return reply.code(written.created ? 201 : 200).send(written.node);
      }),
    );
    app.delete(node, route(async (realm, request, reply) => reply.send(await deps.trees.deleteNode(realm, params(request).type ?? '', params(request).id ?? ''))));
  }
}
