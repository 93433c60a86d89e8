/** What the HTTP layer is built from; `main.ts` (or a test) supplies the concrete pieces. */
import type { RealmConfig } from '../config/realm-config.ts';
import type { ServerSettings } from '../config/server-settings.ts';
import type { JourneyService } from '../journeys/engine/journey-service.ts';
import type { SessionService } from '../sessions/session-service.ts';

/** The services behind the routes. */
export interface AppDeps {
  settings: Readonly<ServerSettings>;
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  journeys: JourneyService;
  sessions: SessionService;
  /** Throws when a dependency (database, Redis) is down. */
  health(): Promise<void>;
  /** Log requests (pino through Fastify); off in tests. */
  logger: boolean;
}
