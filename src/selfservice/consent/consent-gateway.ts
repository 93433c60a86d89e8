/**
 * The journeys' consent service: the mappings of the `consent` document that require consent,
 * with their message in the request's best locale. No document, or `enabled: false`, means none:
 * the Consent Collector then passes straight through.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import { localize } from '../../journeys/engine/localize.ts';
import type { ConsentGateway, ConsentMapping } from '../../journeys/engine/node-context.ts';
import { readConsentConfig } from './consent-config.ts';

/** Builds the `ConsentGateway` of the journey node services. */
export function createConsentGateway(deps: { configs: ConfigRepository }): ConsentGateway {
  return {
    async mappings(locales): Promise<ConsentMapping[]> {
      const config = await readConsentConfig(deps.configs);
      if (config === undefined || !config.enabled) return [];
      return config.mappings
        .filter((mapping) => mapping.consentRequired)
        .map(({ name, displayName, icon, accessLevel, message, fields }) => ({
          name,
          displayName,
          icon,
          accessLevel,
          message: localize(message, locales) ?? '',
          fields: [...fields],
        }));
    },
  };
}
