/** AM's admin REST that Frodo drives (server version, realms, trees and nodes), registered under one prefix. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../../config/realm-config.ts';
import type { RealmAdmin } from '../../../journeys/admin/realm-admin.ts';
import type { TreeAdmin } from '../../../journeys/admin/tree-admin.ts';
import { registerRealmsRoutes } from './realms-routes.ts';
import { registerServerVersionRoute } from './server-version-route.ts';
import { registerTreesRoutes } from './trees-routes.ts';

/** What the admin routes use. */
export interface AmAdminRouteDeps {
  /** Trees and nodes; without it (an app built without the platform's store) the tree routes are not registered. */
  trees: TreeAdmin | undefined;
  /** Realm creation and deletion; without it the realms are read-only. */
  realmAdmin?: RealmAdmin | undefined;
  realms: { get(name: string): Promise<RealmConfig | undefined>; list(): Promise<RealmConfig[]> };
  /** Passes administrators of `realm` (every realm without it); throws 401/403. The realms and version routes never pass a realm. */
  requireAdministrator(request: FastifyRequest, realm?: string): Promise<void>;
}

/** Registers the admin routes under `prefix` (`/am/json`, `/json`). */
export function registerAmAdminRoutes(app: FastifyInstance, deps: AmAdminRouteDeps, prefix: string): void {
  registerServerVersionRoute(app, deps, prefix);
  registerRealmsRoutes(app, deps, prefix);
  if (deps.trees !== undefined) registerTreesRoutes(app, { trees: deps.trees, realms: deps.realms, requireAdministrator: deps.requireAdministrator }, prefix);
}
