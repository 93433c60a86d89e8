/**
 * The provider's interactions as Arbor journeys. An interaction (sign-in, or consent) sends the
 * browser to Arbor's login page with the journey to run and `goto` back to the interaction; when
 * the browser comes back with Arbor's session, the interaction is finished with that sign-in.
 * The journey: the first `acr_values` entry the realm maps (`acrJourneys`, acr → journey), else
 * AM's `service` parameter, else the realm's default journey. A sign-in the provider asked anew
 * (`prompt=login`, `max_age`) must be newer than the interaction. Consent: implied consent is
 * granted before any interaction (create-realm-provider.ts); other clients are asked on Arbor's
 * consent page, shown to the user the interaction is for (another user signed in meanwhile
 * finishes the interaction with that sign-in, and the provider asks again).
 */
import type { ArborLogin } from './arbor-login.ts';

const JOURNEY_NAME = /^[A-Za-z0-9 _.-]{1,128}$/;

/** What an interaction asks (oidc-provider's interaction details, the parts used here). */
export interface InteractionFacts {
  /** The prompt: `login` or `consent` (others are treated as `login`). */
  prompt: string;
  /** Why (`no_session`, `login_prompt`, `max_age`…). */
  reasons: readonly string[];
  /** When the interaction began (seconds since the epoch). */
  startedAt: number;
  /** The authorization request's parameters. */
  params: Record<string, unknown>;
  /** Who the interaction is for, when the provider knows (a consent prompt). */
  accountId?: string | undefined;
}

/** What to do with an interaction. */
export type InteractionStep =
  /** Run journey `journey` on Arbor's login page, then come back. */
  | { kind: 'journey'; journey: string }
  /** Ask the signed-in user's consent on the consent page. */
  | { kind: 'consent' }
  /** Finish with this sign-in. */
  | { kind: 'login'; login: { accountId: string; acr: string; amr: string[]; ts: number } }
  /** Finish with an OAuth error. */
  | { kind: 'error'; error: string; description: string };

function stringParam(params: Record<string, unknown>, name: string): string | undefined {
  if (!Object.hasOwn(params, name)) return undefined;
  const value = params[name];
  return typeof value === 'string' && value.length <= 2048 ? value : undefined;
}

/** The journey an interaction runs (see the file comment). */
export function journeyFor(params: Record<string, unknown>, acrJourneys: Readonly<Record<string, string>>, defaultJourney: string): string {
  for (const acr of (stringParam(params, 'acr_values') ?? '').split(' ').slice(0, 16)) {
    if (acr !== '' && Object.hasOwn(acrJourneys, acr)) {
      const journey = acrJourneys[acr];
      if (journey !== undefined && JOURNEY_NAME.test(journey)) return journey;
    }
  }
  const service = stringParam(params, 'service');
  if (service !== undefined && JOURNEY_NAME.test(service)) return service;
  return defaultJourney;
}

/** The next step of an interaction, given the Arbor sign-in the browser has now (if any). */
export function interactionStep(facts: InteractionFacts, login: ArborLogin | undefined, journey: string): InteractionStep {
  const fresh = facts.reasons.includes('login_prompt') || facts.reasons.includes('max_age');
  if (login === undefined || (fresh && login.authTime < facts.startedAt)) return { kind: 'journey', journey };
  if (facts.prompt === 'consent' && facts.accountId === login.accountId) return { kind: 'consent' };
  return { kind: 'login', login: { accountId: login.accountId, acr: login.acr, amr: login.amr, ts: login.authTime } };
}

/** Arbor's login page for `journey` of `realm`, coming back to `goto` (a path of this server). */
export function loginPageUrl(realm: string, journey: string, goto: string): string {
  return `/login?${new URLSearchParams({ realm: realm === 'root' ? '/' : realm, journey, goto }).toString()}`;
}
