/**
 * The MFA capability's default journeys, `MFALogin` (password, then an authenticator app, a
 * security key or passkey, or an emailed code; a user without a device is offered to register an
 * authenticator app) and `PasswordlessLogin` (a passkey without a username; otherwise a password
 * and a new passkey), files beside this one, installed in every realm that lacks them
 * (`capability-journeys.ts`). See docs/mfa.md.
 */
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import { installJourneyTemplates, type JourneyInstallStore, readJourneyTemplate } from '../capability-journeys.ts';

/** The journeys installed, by name. */
export const MFA_JOURNEYS = ['MFALogin', 'PasswordlessLogin'] as const;

/** The journey `name` as its file holds it (for `managed/alpha_user`). */
export function mfaJourneyTemplate(name: (typeof MFA_JOURNEYS)[number]): Promise<JourneyDefinition> {
  return readJourneyTemplate(import.meta.url, name);
}

/** Installs the missing MFA journeys in every realm; resolves to `<realm>/<name>` of those written. */
export async function installMfaJourneys(store: JourneyInstallStore): Promise<string[]> {
  return installJourneyTemplates(store, await Promise.all(MFA_JOURNEYS.map(mfaJourneyTemplate)));
}
