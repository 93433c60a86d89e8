/** What the self-service configuration routes (`/openidm/config/selfservice.*`, AM's Self Service Trees) are built from. */
import type { ConfigRepository, RealmRepository } from '../../config/ports.ts';

/** The stores behind the self-service routes; callers are authenticated through `AppDeps.idm`. */
export interface SelfServiceDeps {
  /** `selfservice.kba`, `selfservice.terms` and `consent` live here. */
  configs: ConfigRepository;
  /** Read and written uncached: the Self Service Trees service is part of the realm configuration. */
  realmStore: RealmRepository;
}
