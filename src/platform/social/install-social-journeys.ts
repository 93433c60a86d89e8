/**
 * The social capability's default journeys, `SocialLogin` and `SocialRegistration` (AM REST
 * `{tree, nodes}` files beside this one, written for `managed/alpha_user`), installed in every realm
 * that does not have a journey of that name yet, on the realm's own identity resource. An
 * administrator's journey of the same name is never replaced.
 */
import { installJourneyTemplates, type JourneyInstallStore, readJourneyTemplate } from '../capability-journeys.ts';

/** The journeys installed, by name. */
export const SOCIAL_JOURNEYS = ['SocialLogin', 'SocialRegistration'] as const;

/** Installs the missing social journeys in every realm; resolves to `<realm>/<name>` of those written. */
export async function installSocialJourneys(store: JourneyInstallStore): Promise<string[]> {
  return installJourneyTemplates(store, await Promise.all(SOCIAL_JOURNEYS.map((name) => readJourneyTemplate(import.meta.url, name))));
}
