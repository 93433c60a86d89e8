/** The issuer check of `issuerComparisonCheckType`: EXACT string equality, or REGEX matching the whole issuer. */
import type { SocialProviderConfig } from '../provider-config.ts';

/** True when `issuer` is the provider's configured issuer (EXACT) or matches its pattern in full (REGEX). */
export function issuerMatches(provider: SocialProviderConfig, issuer: unknown): boolean {
  if (typeof issuer !== 'string' || !provider.issuer) return false;
  if (provider.issuerComparisonCheckType === 'REGEX') {
    try {
      return new RegExp(`^(?:${provider.issuer})$`, 'u').test(issuer);
    } catch {
      return false;
    }
  }
  return issuer === provider.issuer;
}
