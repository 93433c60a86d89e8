/**
 * The `SocialGateway` journey nodes call, over the Social Identity Provider Service and the relying
 * party: the realm's enabled providers, a sign-in begun (the secrets kept in the journey's sealed
 * transient state), and the provider's answer (from the query, or a FORM_POST entry) checked,
 * redeemed, normalized with the provider's `transform` and mapped onto the managed user; or, for a
 * native app (IdPCallback), the token the app got from the provider checked the same way. Every
 * failure is a typed code and a reason, written to the operator's log; none carries a code, a
 * token or a secret.
 */
import {
  isSocialSignInError,
  socialAlias,
  socialSignInError,
  type ProfileScriptRunner,
  type SocialGateway,
  type SocialSignInFailure,
  type SocialSignInOutcome,
} from '../../journeys/nodes/social/social-gateway.ts';
import type { ManagedObjectRepository } from '../../identity/ports.ts';
import { isKeyPairError } from '../../secrets/key-pair-errors.ts';
import type { SocialProviderConfig } from '../../social/provider-config.ts';
import { checkedNormalizedProfile } from '../../social/providers/normalize/checked-normalized-profile.ts';
import { isKnownTransform, normalizeProfile } from '../../social/providers/normalize/normalize-profile.ts';
import { profileToManagedUser } from '../../social/providers/normalize/profile-to-managed-user.ts';
import { isSocialProviderError } from '../../social/providers/provider-errors.ts';
import type { SocialProviderService } from '../../social/providers/social-provider-service.ts';
import { type AuthorizationSecrets, beginAuthorization } from '../../social/rp/begin-authorization.ts';
import { beginNativeAuthorization, type NativeAuthorizationSecrets } from '../../social/rp/begin-native-authorization.ts';
import { completeAuthorization } from '../../social/rp/complete-authorization.ts';
import { completeWithToken } from '../../social/rp/complete-with-token.ts';
import { isOpenIdProvider } from '../../social/rp/is-open-id-provider.ts';
import { isSocialRpError } from '../../social/rp/errors.ts';
import type { RelyingParty } from '../../social/rp/relying-party.ts';
import type { FormPostEntries } from './form-post-entries.ts';

/** Where failures go: the platform's log (`warn`), or a test's collector. */
export type SocialFailureLog = (failure: SocialSignInFailure) => void;

/** What the adapter is built from. */
export interface SocialGatewayAdapterDeps {
  providers: SocialProviderService;
  rp: RelyingParty;
  formPosts: FormPostEntries;
  managedObjects: Pick<ManagedObjectRepository, 'query'>;
  /** The realm's OAuth2 base URL as providers see it (request objects by reference). */
  realmOAuth2BaseUrl(realm: string): string;
  log: SocialFailureLog;
}

const ANSWER_FIELDS = ['code', 'state', 'error', 'error_description', 'iss'] as const;

/** The kept secrets back from transient state (sealed at rest, but checked all the same). */
function secretsOf(kept: Record<string, unknown>): AuthorizationSecrets | undefined {
  const { provider, state, nonce, codeVerifier, redirectUri, acrValues } = kept;
  if (typeof provider !== 'string' || typeof state !== 'string' || typeof redirectUri !== 'string') return undefined;
  const secrets: AuthorizationSecrets = { provider, state, redirectUri };
  if (typeof nonce === 'string') secrets.nonce = nonce;
  if (typeof codeVerifier === 'string') secrets.codeVerifier = codeVerifier;
  if (Array.isArray(acrValues) && acrValues.every((value) => typeof value === 'string')) secrets.acrValues = [...acrValues];
  return secrets;
}

/** The kept secrets of a native sign-in back from transient state. */
function nativeSecretsOf(kept: Record<string, unknown>): NativeAuthorizationSecrets | undefined {
  const { provider, nonce, redirectUri, acrValues } = kept;
  if (typeof provider !== 'string' || typeof redirectUri !== 'string') return undefined;
  const secrets: NativeAuthorizationSecrets = { provider, redirectUri };
  if (typeof nonce === 'string') secrets.nonce = nonce;
  if (Array.isArray(acrValues) && acrValues.every((value) => typeof value === 'string')) secrets.acrValues = [...acrValues];
  return secrets;
}

/** The code and reason of an error a sign-in step threw; undefined for bugs (rethrown). */
function failureOf(error: unknown): { code: string; reason: string } | undefined {
  if (isSocialRpError(error) || isSocialProviderError(error) || isKeyPairError(error) || isSocialSignInError(error)) return { code: error.code, reason: error.message };
  return undefined;
}

/** The account id at the provider, as text (GitHub's is a number). */
function subjectOf(raw: Record<string, unknown>, key: string): string | undefined {
  const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** Makes the gateway. */
export function createSocialGatewayAdapter(deps: SocialGatewayAdapterDeps): SocialGateway {
  const fail = (realm: string, provider: string, code: string, reason: string): SocialSignInOutcome => {
    deps.log({ realm, provider, code, reason });
    return { ok: false, code, reason };
  };

  const enabledProvider = async (realm: string, name: string): Promise<SocialProviderConfig> => {
    const provider = await deps.providers.providerForJourney(realm, name);
    if (provider === undefined) throw socialSignInError('PROVIDER_NOT_FOUND', `realm ${realm} has no social provider named ${name}`);
    if (!provider.enabled) throw socialSignInError('PROVIDER_DISABLED', `the social provider ${name} of realm ${realm} is disabled`);
    return provider;
  };

  /** The provider's answer: the query's, or the FORM_POST entry it names (single use, this realm and provider only). */
  const answerOf = async (realm: string, provider: string, query: Record<string, string>): Promise<Record<string, string> | string> => {
    const entryId = query.form_post_entry;
    if (entryId === undefined) {
      const answer: Record<string, string> = {};
      for (const field of ANSWER_FIELDS) if (typeof query[field] === 'string') answer[field] = query[field];
      return answer;
    }
    const entry = await deps.formPosts.take(entryId);
    if (entry === undefined) return 'the form_post_entry is unknown, expired or already used';
    if (entry.realm !== realm || entry.provider !== provider) return `the form_post_entry was posted for provider ${entry.provider} of realm ${entry.realm}`;
    return entry.answer;
  };

  /**
   * The identity a raw profile makes: normalized with the provider's `transform` (a built-in, or
   * the realm's stored script when the journey can run scripts), mapped onto the managed user.
   */
  const identityOf = async (realm: string, name: string, provider: SocialProviderConfig, rawProfile: Record<string, unknown>, scripts: ProfileScriptRunner | undefined): Promise<SocialSignInOutcome> => {
    if (provider.transform === undefined) return fail(realm, name, 'CONFIGURATION_INVALID', `provider ${name} has no profile normalization (transform)`);
    const profile =
      scripts === undefined || isKnownTransform(provider.transform)
        ? normalizeProfile(provider.transform, rawProfile)
        : checkedNormalizedProfile((await scripts(provider.transform, { rawProfile }, name)).result);
    const subject = subjectOf(rawProfile, provider.authenticationIdKey) ?? profile.id;
    const mapped = profileToManagedUser(profile);
    return {
      ok: true,
      identity: {
        provider: name,
        subject,
        alias: socialAlias(name, profile.id),
        rawProfile,
        profile: { ...profile },
        userAttributes: { ...mapped.attributes },
        emailVerified: profile.emailVerified === true,
      },
    };
  };

  /** Turns a sign-in step's typed error into a logged failure; rethrows bugs. */
  const failed = (realm: string, name: string, error: unknown): SocialSignInOutcome => {
    const failure = failureOf(error);
    if (failure === undefined) throw error;
    return fail(realm, name, failure.code, failure.reason);
  };

  /** Turns a start's typed error into a logged `SocialSignInError`; rethrows bugs. */
  const startFailed = (realm: string, name: string, error: unknown): never => {
    const failure = failureOf(error);
    if (failure === undefined) throw error;
    deps.log({ realm, provider: name, ...failure });
    throw socialSignInError(failure.code, failure.reason);
  };

  return {
    async providers(realm) {
      const enabled = await deps.providers.enabledProviders(realm);
      return enabled.map((provider) => ({ provider: provider.name, uiConfig: { ...provider.uiConfig } })).sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
    },

    async start(realm, name) {
      try {
        const provider = await enabledProvider(realm, name);
        const begun = await beginAuthorization(deps.rp, { provider, realm, realmOAuth2BaseUrl: deps.realmOAuth2BaseUrl(realm) });
        return { redirectUrl: begun.url, kept: { ...begun.secrets } };
      } catch (error) {
        return startFailed(realm, name, error);
      }
    },

    async startNative(realm, name) {
      try {
        const provider = await enabledProvider(realm, name);
        const begun = await beginNativeAuthorization(deps.rp, { provider, realm, realmOAuth2BaseUrl: deps.realmOAuth2BaseUrl(realm) });
        return { callback: { ...begun.callback }, kept: { ...begun.secrets } };
      } catch (error) {
        return startFailed(realm, name, error);
      }
    },

    async finish(realm, name, query, kept, scripts) {
      try {
        const secrets = secretsOf(kept);
        if (secrets === undefined) return fail(realm, name, 'STATE_MISSING', 'the journey kept no sign-in secrets for this provider');
        const answer = await answerOf(realm, name, query);
        if (typeof answer === 'string') return fail(realm, name, 'FORM_POST_ENTRY_INVALID', answer);
        const provider = await enabledProvider(realm, name);
        const result = await completeAuthorization(deps.rp, { provider, realm, callback: answer, secrets });
        return await identityOf(realm, name, provider, result.rawProfile, scripts);
      } catch (error) {
        return failed(realm, name, error);
      }
    },

    async finishWithToken(realm, name, token, kept, scripts) {
      try {
        const secrets = nativeSecretsOf(kept);
        if (secrets === undefined) return fail(realm, name, 'STATE_MISSING', 'the journey kept no native sign-in secrets for this provider');
        const provider = await enabledProvider(realm, name);
        if (token.tokenType === 'id_token' && !isOpenIdProvider(provider)) {
          return fail(realm, name, 'TOKEN_TYPE_UNSUPPORTED', `provider ${name} is a plain OAuth 2.0 provider: the app must send an access_token or an authorization_code, not an id_token`);
        }
        const result = await completeWithToken(deps.rp, { provider, realm, token: token.token, tokenType: token.tokenType, secrets });
        return await identityOf(realm, name, provider, result.rawProfile, scripts);
      } catch (error) {
        return failed(realm, name, error);
      }
    },

    async linkedAccount(identityResource, alias) {
      const type = identityResource.startsWith('managed/') ? identityResource.slice('managed/'.length) : identityResource;
      const found = await deps.managedObjects.query(type, { filter: { op: 'eq', field: ['aliasList'], value: alias }, sortKeys: [], pageSize: 2, countTotal: false });
      if (found.items.length > 1) {
        throw socialSignInError('ALIAS_AMBIGUOUS', `several users of ${identityResource} are linked to ${alias}: nobody is signed in until one link is removed`);
      }
      return found.items[0]?.id;
    },

    reportFailure(failure) {
      deps.log({ ...failure });
    },
  };
}
