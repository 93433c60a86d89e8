/**
 * Realm configuration: what AM keeps per realm (authentication, lockout, sessions) and what IDM
 * keeps per managed type. Stored through `RealmRepository`; defaults below.
 */
import type { SmsSettings } from '../mfa/sms/sms-settings.ts';
import type { ScriptingSettings } from '../scripting/scripting-settings.ts';
import { DEFAULT_THROTTLING } from './throttling-settings.ts';

/** AM's "Login Failure Lockout" settings of the core authentication service. */
export interface LockoutSettings {
  /** Login Failure Lockout Mode. */
  enabled: boolean;
  /** Failures that lock the account (`loginFailureCount`). */
  failureCount: number;
  /** Window in which failures are counted, minutes (`loginFailureDuration`). */
  failureWindowMinutes: number;
  /** Lockout length in minutes; 0 locks persistently (`accountStatus: inactive`) until an admin unlocks. */
  durationMinutes: number;
  /** Each successive lockout lasts this many times longer (`lockoutDurationMultiplier`). */
  durationMultiplier: number;
  /** Warn after this many failures (`lockoutWarnUserCount`); 0 never warns. */
  warnUserCount: number;
}

/**
 * Throttling of failed credential checks (passwords, security answers) by client address, and of
 * administrators' failures by client address instead of a lockout. Fixed windows; see
 * `throttling-settings.ts` for the defaults of documents that lack it.
 */
export interface ThrottlingSettings {
  /** Failed credential checks allowed from one client address (an IPv6 /64) per window, across the realm's accounts; 0 never throttles. */
  clientFailures: number;
  /** The client window, seconds. */
  clientWindowSeconds: number;
  /** Failed sign-ins allowed on one administrator from one client address per window; past it that address gets 429 until the window ends. 0 never throttles. */
  administratorFailures: number;
  /** The administrator window, minutes. */
  administratorWindowMinutes: number;
}

/** SSO session lifetimes. */
export interface SessionSettings {
  maxIdleMinutes: number;
  maxSessionMinutes: number;
}

/** Journey engine limits. */
export interface JourneySettings {
  /** How long a step waits for the client, minutes (AM: 5). */
  stepTimeoutMinutes: number;
  /** How long a whole journey may last, minutes. */
  maxDurationMinutes: number;
  /** Nodes run per request before the loop guard stops the journey. */
  maxNodesPerRequest: number;
  /** Tree started when a request names none. */
  defaultTree: string;
  /** How long an emailed resume link works when the node does not say, minutes. */
  suspendedMinutes: number;
}

/**
 * The look of a realm's journey pages (`/login`), as an administrator writes it. Only checked
 * values are used (`src/pages/page-theme.ts`): colours `#rgb`/`#rrggbb`, font family names, a logo
 * at a same-origin path or an https URL.
 */
export interface PageThemeSettings {
  logoUrl?: string;
  primaryColor?: string;
  backgroundColor?: string;
  textColor?: string;
  fontFamily?: string;
}

/** One realm's configuration. */
export interface RealmConfig {
  /** `root`, `alpha`… */
  name: string;
  /** The managed object type of the realm's identities (`user`, `alpha_user`). */
  userType: string;
  /** Where a successful journey sends the user when nothing else says. */
  successUrl: string;
  /** The realm's "External Login Page URL" used in emailed links; empty means Arbor's `/login`. */
  externalLoginUrl: string;
  lockout: LockoutSettings;
  sessions: SessionSettings;
  journeys: JourneySettings;
  /** Credential throttling; the defaults (`DEFAULT_THROTTLING`) when absent (documents stored before it existed). */
  throttling?: ThrottlingSettings;
  /**
   * AM's Validation Service: absolute URLs (`https://app.example.com/return/*`) allowed as redirect
   * targets and emailed-link bases besides ARBOR_PUBLIC_URL's and ARBOR_CORS_ORIGINS' origins; none when absent.
   */
  validGotoDestinations?: string[];
  /** AM's Self Service Trees service: endpoint (`registration`, `resetPassword`…) → tree name; defaults when absent. */
  selfServiceTrees?: Record<string, string>;
  /** The journey pages of the realm: their theme; Arbor's own look when absent. */
  pages?: { theme?: PageThemeSettings };
  /** Users may delete their own account from the account page (`/account`); false when absent. */
  usersMayDeleteAccount?: boolean;
  /** Scripts of the realm: their limits, `httpClient`'s allow-list, `systemEnv` values (docs/scripting.md); defaults when absent. */
  scripting?: ScriptingSettings;
  /** Text messages of the realm (OTP SMS Sender): the HTTPS webhook they are POSTed to, its headers and timeout (docs/mfa-devices-and-sms.md); none when absent. */
  sms?: SmsSettings;
}

/** AM's realm path for a realm name: `/` for root, `/alpha` for alpha. */
export function realmPath(name: string): string {
  return name === 'root' ? '/' : `/${name}`;
}

/** The realm name of an AM realm path (`/alpha` → `alpha`, `/` → `root`): `realmPath` undone. */
export function realmNameOfPath(path: string): string {
  const name = path.replace(/^\/+|\/+$/g, '');
  return name === '' ? 'root' : name;
}

/** The identity resource of a realm (`managed/alpha_user`). */
export function identityResourceOf(realm: RealmConfig): string {
  return `managed/${realm.userType}`;
}

/** Defaults for a new realm. Lockout is on: 5 failures in 5 minutes lock for 15 minutes. */
export function defaultRealmConfig(name: string): RealmConfig {
  return {
    name,
    userType: name === 'root' ? 'user' : `${name}_user`,
    successUrl: name === 'root' ? '/enduser/?realm=/' : `/enduser/?realm=/${name}`,
    externalLoginUrl: '',
    lockout: { enabled: true, failureCount: 5, failureWindowMinutes: 5, durationMinutes: 15, durationMultiplier: 1, warnUserCount: 0 },
    sessions: { maxIdleMinutes: 30, maxSessionMinutes: 120 },
    journeys: { stepTimeoutMinutes: 5, maxDurationMinutes: 30, maxNodesPerRequest: 100, defaultTree: 'Login', suspendedMinutes: 60 },
    throttling: { ...DEFAULT_THROTTLING },
    selfServiceTrees: { registration: 'Registration', resetPassword: 'ResetPassword', forgottenUsername: 'ForgottenUsername', updatePassword: 'UpdatePassword' },
  };
}
