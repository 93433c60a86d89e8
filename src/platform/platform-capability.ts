/**
 * A capability of the platform beyond the core (social sign-in, scripting, multi-factor…): its
 * node types, the services its nodes find through `context.services.capabilities`, its HTTP
 * routes and its background work, built from the platform's parts. `create-platform.ts` installs
 * each capability it is given; none is named there.
 */
import type { FastifyInstance } from 'fastify';
import type { CacheInvalidation } from '../cache/cache-invalidation.ts';
import type { RealmConfig } from '../config/realm-config.ts';
import type { ServerSettings } from '../config/server-settings.ts';
import type { CapabilityHttp } from '../http/app-deps.ts';
import type { CapabilityRegistry } from '../journeys/engine/capabilities.ts';
import type { AnyNodeDefinition } from '../journeys/engine/define-node.ts';
import type { SecretSealer } from '../secrets/secret-sealer.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { Store } from '../store/store.ts';
import type { RealmKeyPairs } from '../secrets/realm-key-pairs.ts';

/** The platform's parts a capability is built from. */
export interface CapabilityContext {
  settings: Readonly<ServerSettings>;
  /** The store behind the platform's caches (configuration reads are cached; writes are announced). */
  store: Store;
  /** The store's configuration documents, uncached: what administrators read and write. */
  storedConfigs: Store['configs'];
  clock: { now(): number };
  /** Where Arbor announces what its writes changed: a capability's caches subscribe (`cache/cache-invalidation.ts`). */
  cacheInvalidation: CacheInvalidation;
  /** Seals secrets with the master key before they reach the store. */
  sealer: SecretSealer;
  /** The realms' asymmetric keys (relying-party signing, encryption, TLS). */
  rpKeys: RealmKeyPairs;
  sessions: SessionService;
  /** How the capability reaches other servers (tests give their own). */
  fetch: typeof fetch;
  /** Registers the services the capability's nodes find by key. */
  registry: CapabilityRegistry;
}

/** What an installed capability adds to the running platform. */
export interface InstalledCapability {
  /** Registers its HTTP routes on the app (administration, protocol endpoints); `http` has the administrators' check. */
  routes?(app: FastifyInstance, http: CapabilityHttp): void | Promise<void>;
  /** Stops its background work. */
  close?(): Promise<void>;
  /**
   * Gives a realm created while Arbor runs what `install` gave every realm at start (the
   * capability's default journeys); never replaces what the realm already has.
   */
  realmCreated?(realm: RealmConfig): Promise<void>;
}

/** A capability. */
export interface PlatformCapability {
  name: string;
  /** Its node types, added to the built-in ones. */
  nodes: readonly AnyNodeDefinition[];
  install(context: CapabilityContext): InstalledCapability | Promise<InstalledCapability>;
}
