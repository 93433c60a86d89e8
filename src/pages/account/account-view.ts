/**
 * What the account page shows of a signed-in user, read through the domain services: the user
 * (the managed object service; security answers and private properties never leave it), the
 * profile fields of the user type's schema, the KBA settings and the user's questions (never an
 * answer), the terms they accepted, the consent mappings they granted, their linked social
 * accounts (`aliasList`), their live sessions (the session service's per-user index) and their
 * sign-in devices and recovery codes (the device service; views only, never a secret).
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { ADMIN_ACCESS } from '../../identity/crest/crest-access.ts';
import { parseFieldSelection } from '../../identity/crest/field-selection.ts';
import type { ManagedObjectSchema } from '../../identity/managed-schema.ts';
import { localize } from '../../journeys/engine/localize.ts';
import { readConsentConfig } from '../../selfservice/consent/consent-config.ts';
import { defaultKbaConfig } from '../../selfservice/kba/default-kba-config.ts';
import type { KbaConfig } from '../../selfservice/kba/kba-config.ts';
import { readKbaConfig } from '../../selfservice/kba/kba-config.ts';
import type { SsoSession } from '../../sessions/sso-session.ts';
import type { AccountDevices } from './account-devices.ts';
import { deviceServiceOf, loadAccountDevices } from './account-devices.ts';
import type { ProfileField } from './profile-fields.ts';
import { profileFieldsOf } from './profile-fields.ts';

/** A consent the user granted. */
export interface GrantedConsent {
  /** The mapping's name (what a withdrawal names). */
  mapping: string;
  /** Its display name in the consent configuration, else the name. */
  displayName: string;
  consentDate: string;
}

/** A linked social account: `aliasList` holds `<provider>-<subject>`. */
export interface LinkedAccount {
  alias: string;
  provider: string;
  subject: string;
}

/** Everything the account page shows. */
export interface AccountView {
  realm: RealmConfig;
  session: SsoSession;
  /** The user as the managed object service returns it (no private property, no security answer). */
  user: Record<string, unknown>;
  /** The user's revision when read. */
  rev: string;
  schema: ManagedObjectSchema;
  fields: ProfileField[];
  kba: KbaConfig;
  /** The user's security questions in the page language. */
  questions: string[];
  /** The configured questions in the page language (the choices of the form). */
  choices: string[];
  terms: { version: string; acceptDate: string } | undefined;
  consents: GrantedConsent[];
  accounts: LinkedAccount[];
  /** The user's live sessions, newest first. */
  sessions: SsoSession[];
  /** The user's sign-in devices and recovery codes; undefined when this deployment has no MFA. */
  devices: AccountDevices | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(user: Record<string, unknown>, name: string): unknown[] {
  const value = Object.hasOwn(user, name) ? user[name] : undefined;
  return Array.isArray(value) ? value : [];
}

/** The KBA settings (the defaults when none are stored). */
export async function kbaSettingsOf(deps: AppDeps): Promise<KbaConfig> {
  return (await readKbaConfig(deps.selfService.configs)) ?? defaultKbaConfig();
}

/** The user `session` belongs to, as the page reads it (with its lists and accepted terms). */
export async function readAccountUser(deps: AppDeps, session: SsoSession, kba: KbaConfig): Promise<{ user: Record<string, unknown>; rev: string }> {
  const fields = parseFieldSelection(`*,${kba.kbaPropertyName},consentedMappings,aliasList,_meta/termsAccepted`);
  const resource = await deps.idm.managedObjects.read(session.userType, session.userId, { access: ADMIN_ACCESS, fields });
  return { user: resource.body, rev: resource.rev };
}

/** The user's questions (by id, or written by them) in `locales`. */
function questionsOf(user: Record<string, unknown>, kba: KbaConfig, locales: readonly string[]): string[] {
  return listOf(user, kba.kbaPropertyName).flatMap((entry) => {
    if (!isRecord(entry)) return [];
    if (typeof entry.customQuestion === 'string') return [entry.customQuestion];
    const id = entry.questionId;
    if (typeof id !== 'string' || !Object.hasOwn(kba.questions, id)) return [];
    const text = localize(kba.questions[id] ?? {}, locales);
    return text === undefined ? [] : [text];
  });
}

function termsOf(user: Record<string, unknown>): AccountView['terms'] {
  const meta = user._meta;
  const accepted = isRecord(meta) ? meta.termsAccepted : undefined;
  if (!isRecord(accepted) || typeof accepted.termsVersion !== 'string' || typeof accepted.acceptDate !== 'string') return undefined;
  return { version: accepted.termsVersion, acceptDate: accepted.acceptDate };
}

async function consentsOf(deps: AppDeps, user: Record<string, unknown>): Promise<GrantedConsent[]> {
  const granted = listOf(user, 'consentedMappings').filter(isRecord);
  if (granted.length === 0) return [];
  const config = await readConsentConfig(deps.selfService.configs).catch(() => undefined);
  return granted.flatMap((entry) => {
    if (typeof entry.mapping !== 'string') return [];
    const mapping = config?.mappings.find((candidate) => candidate.name === entry.mapping);
    return [{ mapping: entry.mapping, displayName: mapping?.displayName ?? entry.mapping, consentDate: typeof entry.consentDate === 'string' ? entry.consentDate : '' }];
  });
}

/** The linked accounts of `aliasList` (`<provider>-<subject>`; a provider name may hold dashes, so the split is a best guess). */
export function accountsOf(user: Record<string, unknown>): LinkedAccount[] {
  return listOf(user, 'aliasList').flatMap((alias) => {
    if (typeof alias !== 'string' || alias === '') return [];
    const dash = alias.indexOf('-');
    return [dash <= 0 ? { alias, provider: alias, subject: '' } : { alias, provider: alias.slice(0, dash), subject: alias.slice(dash + 1) }];
  });
}

/** Reads what the page shows for `session` in `locales` (best first). */
export async function loadAccountView(deps: AppDeps, realm: RealmConfig, session: SsoSession, locales: readonly string[]): Promise<AccountView> {
  const kba = await kbaSettingsOf(deps);
  const deviceService = deviceServiceOf(deps);
  const [{ user, rev }, { schema }, sessions, devices] = await Promise.all([
    readAccountUser(deps, session, kba),
    deps.idm.identity.schema(session.userType),
    deps.sessions.sessionsOf(session.userType, session.userId),
    deviceService === undefined ? undefined : loadAccountDevices(deviceService, session.realm, session.userId),
  ]);
  return {
    realm,
    session,
    user,
    rev,
    schema,
    fields: profileFieldsOf(schema),
    kba,
    questions: questionsOf(user, kba, locales),
    choices: Object.values(kba.questions).flatMap((texts) => {
      const text = localize(texts, locales);
      return text === undefined ? [] : [text];
    }),
    terms: termsOf(user),
    consents: await consentsOf(deps, user),
    accounts: accountsOf(user),
    sessions,
    devices,
  };
}
