/**
 * Journey export and import for the admin REST: what `AppDeps.journeyTransfer` carries, built by
 * the platform from its store, node registry and master key (`journey-export-bundle.ts`,
 * `journey-import-batch.ts`).
 */
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import { createSocialProviderService } from '../../social/providers/social-provider-service.ts';
import type { ValidateJourneyOptions } from '../engine/validate-journey.ts';
import type { JourneyImportStore } from '../trees/journey-store.ts';
import type { JourneyFile } from '../trees/read-journey-batch.ts';
import type { SecretConfigRegistry } from '../trees/secret-config.ts';
import { exportJourneyBundle, type JourneyExportBundle, type JourneyExportRequest } from './journey-export-bundle.ts';
import { importJourneyBatch, type JourneyImportRefusal, type JourneyImportSuccess } from './journey-import-batch.ts';

/** Export and import of a realm's journeys. */
export interface JourneyTransfer {
  exportJourneys(request: JourneyExportRequest): Promise<JourneyExportBundle>;
  importJourneys(realm: string, files: readonly JourneyFile[]): Promise<JourneyImportSuccess | JourneyImportRefusal>;
}

/** What the transfer is built from. */
export interface JourneyTransferDeps {
  store: JourneyImportStore;
  registry: ValidateJourneyOptions['registry'] & SecretConfigRegistry;
  sealer: SecretSealer;
  /** Arbor's public URL, the exports' `meta.origin`. */
  origin: string;
  now?: () => number;
}

/** Makes the transfer. */
export function createJourneyTransfer(deps: JourneyTransferDeps): JourneyTransfer {
  const providers = createSocialProviderService({ configs: deps.store.configs, sealer: deps.sealer });
  const now = deps.now === undefined ? {} : { now: deps.now };
  return {
    exportJourneys: (request) => exportJourneyBundle({ journeys: deps.store.journeys, configs: deps.store.configs, providers, registry: deps.registry, origin: deps.origin, ...now }, request),
    importJourneys: (realm, files) => importJourneyBatch({ store: deps.store, registry: deps.registry, sealer: deps.sealer, ...now }, realm, files),
  };
}
