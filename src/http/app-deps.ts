/** What the HTTP layer is built from; `main.ts` (or a test) supplies the concrete pieces. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../config/realm-config.ts';
import type { ServerSettings } from '../config/server-settings.ts';
import type { Capabilities } from '../journeys/engine/capabilities.ts';
import type { JourneyService } from '../journeys/engine/journey-service.ts';
import type { RealmAdmin } from '../journeys/admin/realm-admin.ts';
import type { TreeAdmin } from '../journeys/admin/tree-admin.ts';
import type { JourneyTransfer } from '../journeys/admin/journey-transfer.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { RealmKeyPairs } from '../secrets/realm-key-pairs.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { IdmDeps } from './idm/idm-deps.ts';
import type { SelfServiceDeps } from './selfservice/self-service-deps.ts';
import type { EmailRouteDeps } from './selfservice/email-routes.ts';

/** What the HTTP layer gives capabilities' routes besides the app. */
export interface CapabilityHttp {
  /** Passes administrators, and with `realm` that realm's administrators too (the other admin routes' check); throws the 401/403 otherwise. */
  requireAdministrator(request: FastifyRequest, realm?: string): Promise<void>;
}

/** The services behind the routes. */
export interface AppDeps {
  settings: Readonly<ServerSettings>;
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  journeys: JourneyService;
  /** AM's tree and node administration (`/am/json/…/authenticationtrees`); the routes are absent without it. */
  treeAdmin?: TreeAdmin;
  /** Journey export and import with dependencies (the trees collection's `_action=export|import`); the routes are absent without it. */
  journeyTransfer?: JourneyTransfer;
  /** Realm creation and deletion (`/am/json/global-config/realms`); read-only realms without it. */
  realmAdmin?: RealmAdmin;
  sessions: SessionService;
  /** Managed objects, the managed config and the policy service behind `/openidm/…`. */
  idm: IdmDeps;
  /** KBA, terms and consent configuration and the Self Service Trees service. */
  selfService: SelfServiceDeps;
  /** Email settings and templates, and IDM's `external/email` actions (queued to the outbox). */
  email: EmailRouteDeps;
  /** The realms' relying-party keys, for their published key sets. */
  rpKeys: Pick<RealmKeyPairs, 'publicJwkSet'>;
  /** The capabilities' services (the account page finds users' devices there when MFA is installed). */
  capabilities?: Capabilities;
  /** Routes of the platform's capabilities (social sign-in…), registered after the core ones. */
  extraRoutes?: readonly ((app: FastifyInstance, http: CapabilityHttp) => void | Promise<void>)[];
  /** The audit (`/openidm/audit/…`, the request context, access events); none: nothing is audited. */
  audit?: AuditService;
  /** Throws when a dependency (database, Redis) is down. */
  health(): Promise<void>;
  /** Log requests (pino through Fastify); off in tests. */
  logger: boolean;
}
