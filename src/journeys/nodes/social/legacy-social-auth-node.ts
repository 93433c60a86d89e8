/**
 * AM's legacy social nodes (`SocialGoogleNode`, `SocialFacebookNode`, `SocialNode`, deprecated in
 * AM for Select Identity Provider + Social Provider Handler): an OAuth 2.0 client configured inside
 * the node. First visit: a RedirectCallback (GET, `trackingCookie: true`) to the provider, the
 * sign-in's secrets in transient state (sealed with the journey); the step is posted again with
 * the provider's `code` and `state` in the query, once. The profile is mapped as AM's
 * `JsonAttributeMapper` does (`legacy-profile-mapping.ts`); the account is looked up by the
 * account mapping (`iplanet-am-user-alias-list` is the managed user's `aliasList`):
 * - found: `ACCOUNT_EXISTS`, the user identified (`shared.username`, `shared._id`);
 * - not found: `NO_ACCOUNT`, with AM's `shared.userInfo` (`attributes`, `userNames`) and
 *   `shared.emailAddress` for the provisioning nodes.
 * A failed sign-in (state, the user denying, a provider error, mix-up mitigation) fails the
 * journey, as AM's node exception does, with the reason in the operator's log.
 * `saveUserAttributesToSession` is accepted; Arbor's sessions carry no profile properties.
 */
import { Type, type Static } from '@sinclair/typebox';
import { fail, goTo, send } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import type { Callback } from '../../engine/callbacks.ts';
import { defineNode } from '../../engine/define-node.ts';
import type { NodeContext } from '../../engine/node-context.ts';
import { secretConfigPurpose } from '../../trees/secret-config.ts';
import { type LegacyOAuthClient, LEGACY_SOCIAL } from './legacy-social-gateway.ts';
import { ALIAS_PROPERTY, AM_ALIAS_ATTRIBUTE, mapperPrefixes, mapProfile } from './legacy-profile-mapping.ts';
import { realmOfRequest } from './realm-of-request.ts';
import { isSocialSignInError } from './social-gateway.ts';

/** AM's shared-state keys. */
export const USER_INFO_KEY = 'userInfo';
const ANSWER_PARAMETERS = ['code', 'state', 'error', 'error_description', 'iss'] as const;
const MAPPER = 'org.forgerock.openam.authentication.modules.common.mapping.JsonAttributeMapper';
const ACCOUNT_PROVIDER = 'org.forgerock.openam.authentication.modules.common.mapping.DefaultAccountProvider';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The defaults that differ between the three nodes. */
interface LegacyDefaults {
  authorizeEndpoint?: string;
  tokenEndpoint?: string;
  userInfoEndpoint?: string;
  scopeString?: string;
  provider?: string;
  authenticationIdKey?: string;
  attributeMapping?: Record<string, string>;
}

function configSchema(d: LegacyDefaults) {
  const provider = d.provider ?? '';
  const url = (value: string | undefined, description: string) => (value === undefined ? Type.String({ minLength: 1, description }) : Type.String({ minLength: 1, default: value, description }));
  const idKey = d.authenticationIdKey ?? 'id';
  return Type.Object({
    clientId: Type.String({ minLength: 1, description: 'The OAuth 2.0 client id.' }),
    clientSecret: Type.Optional(Type.String({ description: 'The client secret: sealed with the master key when the journey is written, never exported.' })),
    authorizeEndpoint: url(d.authorizeEndpoint, 'The authorization endpoint.'),
    tokenEndpoint: url(d.tokenEndpoint, 'The token endpoint.'),
    userInfoEndpoint: url(d.userInfoEndpoint, 'The user profile endpoint.'),
    scopeString: d.scopeString === undefined ? Type.String({ minLength: 1 }) : Type.String({ minLength: 1, default: d.scopeString }),
    scopeDelimiter: Type.String({ default: ' ', description: 'Kept as configured: the scope text is sent as it is.' }),
    redirectURI: Type.String({ minLength: 1, description: 'Where the provider sends the browser back: the page that resumes the journey.' }),
    provider: Type.String({ default: provider, description: 'The provider name (prefix of the aliases).' }),
    authenticationIdKey: Type.String({ minLength: 1, default: idKey }),
    basicAuth: Type.Boolean({ default: true, description: 'Authenticate at the token endpoint with HTTP Basic (else in the body).' }),
    cfgAccountProviderClass: Type.String({ default: ACCOUNT_PROVIDER }),
    cfgAccountMapperClass: Type.String({ default: `${MAPPER}|*|${provider}-` }),
    cfgAttributeMappingClasses: Type.Array(Type.String(), { default: [`${MAPPER}|${AM_ALIAS_ATTRIBUTE}|${provider}-`] }),
    cfgAccountMapperConfiguration: Type.Record(Type.String(), Type.String(), { default: { [idKey]: AM_ALIAS_ATTRIBUTE } }),
    cfgAttributeMappingConfiguration: Type.Record(Type.String(), Type.String(), { default: d.attributeMapping ?? { [idKey]: AM_ALIAS_ATTRIBUTE } }),
    saveUserAttributesToSession: Type.Boolean({ default: true }),
    cfgMixUpMitigation: Type.Boolean({ default: false, description: 'Require the answer’s client_id and iss to match this client and issuer.' }),
    issuer: Type.String({ default: '' }),
  });
}

type LegacyConfig = Static<ReturnType<typeof configSchema>>;

/** The node's client; its secret stays sealed (bound to the realm, the node type and id). */
function clientOf(config: LegacyConfig, realm: string, type: string, nodeId: string): LegacyOAuthClient {
  const secret = config.clientSecret;
  return {
    provider: config.provider,
    clientId: config.clientId,
    clientSecret: secret === undefined || secret === '' ? undefined : { sealed: secret, purpose: secretConfigPurpose(realm, type, nodeId, 'clientSecret') },
    authorizeEndpoint: config.authorizeEndpoint,
    tokenEndpoint: config.tokenEndpoint,
    userInfoEndpoint: config.userInfoEndpoint,
    scopeString: config.scopeString,
    redirectURI: config.redirectURI,
    basicAuth: config.basicAuth,
    authenticationIdKey: config.authenticationIdKey,
  };
}

/** AM's RedirectCallback for a GET redirect, tracking cookie on. */
function redirectTo(url: string): Callback {
  return {
    type: 'RedirectCallback',
    output: [
      { name: 'redirectUrl', value: url },
      { name: 'redirectMethod', value: 'GET' },
      { name: 'trackingCookie', value: true },
      { name: 'redirectData', value: {} },
    ],
    inputs: [],
  };
}

async function process(type: string, ctx: NodeContext<LegacyConfig>): Promise<NodeAction> {
  const gateway = ctx.services.capabilities.get(LEGACY_SOCIAL);
  const realm = realmOfRequest(ctx.request);
  const client = clientOf(ctx.config, realm, type, ctx.nodeId);
  const key = `legacySocialSignIn-${ctx.nodeId}`;
  const failed = (code: string, reason: string): NodeAction => {
    gateway.reportFailure({ realm, provider: client.provider, code, reason });
    return fail();
  };
  const kept = ctx.state.transient[key];
  if (ctx.callbacks === undefined || !isRecord(kept)) {
    try {
      const start = await gateway.start(realm, client);
      ctx.state.transient[key] = start.kept;
      return send([redirectTo(start.redirectUrl)]);
    } catch (error) {
      if (isSocialSignInError(error)) return fail();
      throw error;
    }
  }
  delete ctx.state.transient[key];
  const answer: Record<string, string> = {};
  for (const name of ANSWER_PARAMETERS) if (typeof ctx.request.query[name] === 'string') answer[name] = ctx.request.query[name];
  if (answer.code === undefined && answer.error === undefined) return failed('NO_PROVIDER_ANSWER', 'the RedirectCallback step came back without the provider’s code and state (or error) in the query');
  if (ctx.config.cfgMixUpMitigation) {
    if (ctx.request.query.client_id !== client.clientId) return failed('MIX_UP_MITIGATION', 'OAuth 2.0 mix-up mitigation is enabled, but the answer’s client_id is missing or another client’s');
    if (ctx.request.query.iss !== ctx.config.issuer) return failed('MIX_UP_MITIGATION', 'OAuth 2.0 mix-up mitigation is enabled, but the answer’s iss is missing or not the configured issuer');
  }
  const outcome = await gateway.finish(realm, client, answer, kept);
  if (!outcome.ok) return fail();

  const attributes = mapProfile(outcome.rawProfile, ctx.config.cfgAttributeMappingConfiguration, mapperPrefixes(ctx.config.cfgAttributeMappingClasses));
  const userNames = mapProfile(outcome.rawProfile, ctx.config.cfgAccountMapperConfiguration, mapperPrefixes([ctx.config.cfgAccountMapperClass]));
  if (Object.keys(userNames).length === 0) return failed('PROFILE_INVALID', `the profile of ${client.provider} has none of the account mapping's keys (${Object.keys(ctx.config.cfgAccountMapperConfiguration).join(', ')})`);
  for (const [attribute, values] of Object.entries(userNames)) {
    for (const value of values) {
      const userId =
        attribute === AM_ALIAS_ATTRIBUTE || attribute === ALIAS_PROPERTY
          ? await gateway.linkedAccount(ctx.identityResource, value)
          : (await ctx.services.identity.findUser(ctx.identityResource, attribute, value))?._id;
      const user = userId === undefined ? undefined : await ctx.services.identity.getUser(ctx.identityResource, userId);
      if (user === undefined) continue;
      ctx.state.shared._id = user._id;
      const username = user.attributes.userName;
      if (typeof username === 'string' && username !== '') ctx.state.shared.username = username;
      return goTo('ACCOUNT_EXISTS');
    }
  }
  ctx.state.shared[USER_INFO_KEY] = { attributes, userNames };
  const [mail] = attributes.mail ?? [];
  if (mail !== undefined) ctx.state.shared.emailAddress = mail;
  return goTo('NO_ACCOUNT');
}

function legacySocialNode(type: string, displayName: string, description: string, defaults: LegacyDefaults) {
  return defineNode({
    type,
    displayName,
    category: 'social',
    description,
    config: configSchema(defaults),
    outcomes: ['ACCOUNT_EXISTS', 'NO_ACCOUNT'],
    secretConfig: ['clientSecret'],
    process: (ctx) => process(type, ctx),
  });
}

/** Social Google (AM's defaults: Google's OAuth 2.0 endpoints, `profile email`, `sub`). */
export const socialGoogleNode = legacySocialNode('SocialGoogleNode', 'Social Google', 'Signs in with Google (legacy: client configuration in the node).', {
  authorizeEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://www.googleapis.com/oauth2/v4/token',
  userInfoEndpoint: 'https://www.googleapis.com/oauth2/v3/userinfo',
  scopeString: 'profile email',
  provider: 'google',
  authenticationIdKey: 'sub',
  attributeMapping: { sub: AM_ALIAS_ATTRIBUTE, email: 'mail', given_name: 'givenName', family_name: 'sn', name: 'cn' },
});

/** Social Facebook (AM's defaults: Facebook's Graph endpoints, `public_profile,email`, `id`). */
export const socialFacebookNode = legacySocialNode('SocialFacebookNode', 'Social Facebook', 'Signs in with Facebook (legacy: client configuration in the node).', {
  authorizeEndpoint: 'https://www.facebook.com/dialog/oauth',
  tokenEndpoint: 'https://graph.facebook.com/v2.12/oauth/access_token',
  userInfoEndpoint: 'https://graph.facebook.com/v2.6/me?fields=name%2Cemail%2Cfirst_name%2Clast_name',
  scopeString: 'public_profile,email',
  provider: 'facebook',
  authenticationIdKey: 'id',
  attributeMapping: { id: AM_ALIAS_ATTRIBUTE, email: 'mail', first_name: 'givenName', last_name: 'sn', name: 'cn' },
});

/** Social Provider (AM's generic OAuth 2.0 `SocialNode`): every endpoint configured. */
export const socialNode = legacySocialNode('SocialNode', 'Social Provider', 'Signs in with any OAuth 2.0 provider (legacy: client configuration in the node).', {});
