/**
 * Social Provider Handler (`SocialProviderHandlerNode`): signs the user in at the provider chosen
 * before (`shared.selectedIdp`). BROWSER: a RedirectCallback (GET, `trackingCookie: true`,
 * `redirectData: {}`) to the provider's authorization URL, the sign-in's secrets (state, nonce,
 * PKCE verifier) kept in transient state, sealed with the journey; the client posts the same step
 * again with the provider's `code` and `state` (or `error`, or FORM_POST's `form_post_entry`) in
 * the query (forgerock-journey-protocol §1.10), once. The answer is checked and redeemed, the
 * profile normalized and mapped by the node's `script` ("Normalized Profile to Managed User" or
 * "… to Identity").
 *
 * - A user whose `aliasList` holds `<provider>-<id>` is the journey's user: `ACCOUNT_EXISTS`.
 * - Otherwise `NO_ACCOUNT`, with the mapped attributes in `objectAttributes` (shared; the
 *   `usernameAttribute` too when the provider gives one) and the alias in transient
 *   `objectAttributes.aliasList`, for Attribute Collector and Create Object, or for account
 *   claiming (Identify Existing User by mail, then Patch Object). `shared.socialEmailVerified`
 *   says whether the provider vouched for the email: Identify Existing User identifies nobody
 *   while it is false, so an unverified address never claims an account.
 * - A failure (refused state, the user denying, a provider down, an ID token or userinfo that
 *   fails a check…) ends the journey as AM's node exception does: no user is created, no session;
 *   the reason is in the operator's log.
 *
 * NATIVE: an IdPCallback (AM's outputs `provider`, `clientId`, `redirectUri`, `scopes`, `nonce`,
 * `acrValues`, `request`, `requestUri`; inputs `IDToken<N>token` and `IDToken<N>token_type`). The
 * app signs the user in at the provider itself and sends back an `id_token` (fully validated: the
 * provider's signature, issuer, audience = the provider's client id, expiry, the callback's nonce
 * when `enableNativeNonce`), an `access_token` (taken to the provider's userinfo or profile
 * endpoint) or an `authorization_code` (redeemed with the provider's client authentication and
 * the callback's redirect URI; the token `form_post_entry` takes the code from the query, as AM
 * does for Apple). Then the same outcomes as BROWSER; the nonce is used once, whatever the answer.
 *
 * `SocialProviderHandlerNodeV2` is the same node with AM's third outcome,
 * `SOCIAL_AUTH_INTERRUPTED`: a BROWSER step posted again without a code (the user came back
 * without finishing at the provider, refused, or the provider answered an error) leaves through
 * it instead of failing the journey (the reason is still logged).
 */
import { recordAuthMethod } from '../../engine/auth-methods.ts';
import { Type } from '@sinclair/typebox';
import { fail, goTo, send } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import type { Callback, SubmittedCallback } from '../../engine/callbacks.ts';
import { defineNode } from '../../engine/define-node.ts';
import type { NodeContext } from '../../engine/node-context.ts';
import { getObjectAttribute, setObjectAttribute } from '../../engine/object-attributes.ts';
import { PROFILE_TO_USER_IDS } from '../../../social/providers/normalize/transform-ids.ts';
import { isBuiltinProfileMapping, type NormalizedProfileInput, profileMappingFor } from '../../../social/providers/normalize/profile-to-managed-user.ts';
import { isSocialProviderError } from '../../../social/providers/provider-errors.ts';
import { LOCAL_AUTHENTICATION } from './select-idp-node.ts';
import { realmOfRequest } from './realm-of-request.ts';
import { profileScriptRunner } from './profile-script-runner.ts';
import { isSocialSignInError, SOCIAL, socialSignInError, SOCIAL_NATIVE_TOKEN_TYPES, type SocialGateway, type SocialIdentity, type SocialNativeCallback, type SocialNativeTokenType } from './social-gateway.ts';

/** Where the node keeps the sign-in it began (transient state: sealed, never emailed). */
export const SOCIAL_SIGN_IN_KEY = 'socialSignIn';

/** The shared-state flag account claiming checks: true only when the provider verified the email. */
export const SOCIAL_EMAIL_VERIFIED_KEY = 'socialEmailVerified';

/** The query parameters a provider's answer comes back with. */
const ANSWER_PARAMETERS = ['code', 'state', 'error', 'error_description', 'iss', 'form_post_entry'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PROFILE_TEXT_FIELDS = ['displayName', 'givenName', 'familyName', 'photoUrl', 'email', 'username', 'locale', 'phone', 'postalAddress', 'addressLocality', 'addressRegion', 'postalCode', 'country'] as const;

/** The normalized profile as the mappings take it (text fields only; `id` always). */
function profileInput(profile: Record<string, unknown>, subject: string): NormalizedProfileInput {
  const input: NormalizedProfileInput = { id: typeof profile.id === 'string' ? profile.id : subject };
  for (const field of PROFILE_TEXT_FIELDS) {
    const value = Object.hasOwn(profile, field) ? profile[field] : undefined;
    if (typeof value === 'string') input[field] = value;
  }
  if (typeof profile.emailVerified === 'boolean') input.emailVerified = profile.emailVerified;
  return input;
}

/** AM's RedirectCallback for a GET redirect. */
export function redirectCallback(redirectUrl: string): Callback {
  return {
    type: 'RedirectCallback',
    output: [
      { name: 'redirectUrl', value: redirectUrl },
      { name: 'redirectMethod', value: 'GET' },
      { name: 'trackingCookie', value: true },
      { name: 'redirectData', value: {} },
    ],
    inputs: [],
  };
}

/** AM's IdPCallback for a native app: the outputs in AM's order, the token and its type as inputs. */
export function idpCallback(parameters: SocialNativeCallback): Callback {
  return {
    type: 'IdPCallback',
    output: [
      { name: 'provider', value: parameters.provider },
      { name: 'clientId', value: parameters.clientId },
      { name: 'redirectUri', value: parameters.redirectUri },
      { name: 'scopes', value: [...parameters.scopes] },
      { name: 'nonce', value: parameters.nonce },
      { name: 'acrValues', value: [...parameters.acrValues] },
      { name: 'request', value: parameters.request },
      { name: 'requestUri', value: parameters.requestUri },
    ],
    inputs: [
      { suffix: 'token', value: '', kind: 'string' },
      { suffix: 'token_type', value: '', kind: 'string' },
    ],
  };
}

/** The longest token an app may send (ID tokens of encrypting providers run to a few kilobytes). */
const MAX_NATIVE_TOKEN_LENGTH = 16 * 1024;

/** AM's V2 outcome for a sign-in the user came back from without finishing it. */
export const SOCIAL_AUTH_INTERRUPTED = 'SOCIAL_AUTH_INTERRUPTED';

/** The relying party's failures that mean the provider sent the user back without a code. */
const INTERRUPTIONS = new Set(['ACCESS_DENIED', 'AUTHORIZATION_ERROR', 'MISSING_CODE']);

const handlerConfig = Type.Object({
  script: Type.String({ default: PROFILE_TO_USER_IDS.managedUser, minLength: 1, description: 'Maps the normalized profile onto the identity: "Normalized Profile to Managed User" or "… to Identity".' }),
  usernameAttribute: Type.String({ default: 'userName', minLength: 1, description: "The identity's username attribute." }),
  clientType: Type.Union([Type.Literal('BROWSER'), Type.Literal('NATIVE')], { default: 'BROWSER', description: 'BROWSER redirects to the provider; NATIVE asks an app for a token it got from the provider (IdPCallback).' }),
  storeTokens: Type.Boolean({ default: false, description: "Keep the provider's tokens in transient state (not supported: Arbor never keeps them)." }),
});

type HandlerContext = NodeContext<{ script: string; usernameAttribute: string; clientType: 'BROWSER' | 'NATIVE'; storeTokens: boolean }>;

/** One of the two node types: `interruptible` adds V2's `SOCIAL_AUTH_INTERRUPTED`. */
function socialProviderHandler(type: string, interruptible: boolean) {
  return defineNode({
    type,
    displayName: 'Social Provider Handler',
    category: 'social',
    description: 'Signs the user in at the chosen social provider and finds their account by its link.',
    config: handlerConfig,
    outcomes: interruptible ? ['ACCOUNT_EXISTS', 'NO_ACCOUNT', SOCIAL_AUTH_INTERRUPTED] : ['ACCOUNT_EXISTS', 'NO_ACCOUNT'],
    async process(ctx): Promise<NodeAction> {
      const gateway = ctx.services.capabilities.get(SOCIAL);
      const realm = realmOfRequest(ctx.request);
      const selected = ctx.state.shared.selectedIdp;
      const provider = typeof selected === 'string' ? selected : '';
      const failed = (code: string, reason: string): NodeAction => {
        gateway.reportFailure({ realm, provider, code, reason });
        return fail();
      };
      if (provider === '' || provider === LOCAL_AUTHENTICATION) return failed('NO_PROVIDER_SELECTED', `Social Provider Handler ${ctx.nodeId} ran without a provider chosen (shared.selectedIdp)`);
      const native = ctx.config.clientType === 'NATIVE';

      const begun = ctx.state.transient[SOCIAL_SIGN_IN_KEY];
      if (ctx.callbacks === undefined || !isRecord(begun)) {
        try {
          if (native) {
            const start = await gateway.startNative(realm, provider);
            ctx.state.transient[SOCIAL_SIGN_IN_KEY] = { provider, clientType: 'NATIVE', kept: start.kept };
            return send([idpCallback(start.callback)]);
          }
          const start = await gateway.start(realm, provider);
          ctx.state.transient[SOCIAL_SIGN_IN_KEY] = { provider, kept: start.kept };
          return send([redirectCallback(start.redirectUrl)]);
        } catch (error) {
          // The gateway logged why already.
          if (isSocialSignInError(error)) return fail();
          throw error;
        }
      }
      // The secrets are used once, whatever the answer.
      delete ctx.state.transient[SOCIAL_SIGN_IN_KEY];
      const mode = begun.clientType === 'NATIVE' ? 'NATIVE' : 'BROWSER';
      if (mode !== ctx.config.clientType) return failed('STATE_MISMATCH', `the sign-in was begun for a ${mode} client, the node is configured for ${ctx.config.clientType}`);
      if (begun.provider !== provider || !isRecord(begun.kept)) return failed('STATE_MISMATCH', `the sign-in was begun with ${String(begun.provider)}, not ${provider}`);

      if (native) {
        const answer = nativeAnswer(ctx.callbacks, ctx.request.query);
        if (typeof answer === 'string') return failed(answer === 'missing' ? 'NO_TOKEN' : answer === 'type' ? 'TOKEN_TYPE_UNSUPPORTED' : 'TOKEN_TOO_LARGE', nativeProblem(answer));
        const outcome = await gateway.finishWithToken(realm, provider, answer, begun.kept, profileScriptRunner(ctx));
        return outcome.ok ? settle(ctx, gateway, provider, outcome.identity) : fail();
      }

      const answer: Record<string, string> = {};
      for (const name of ANSWER_PARAMETERS) if (typeof ctx.request.query[name] === 'string') answer[name] = ctx.request.query[name];
      if (answer.code === undefined && answer.error === undefined && answer.form_post_entry === undefined) {
        const reason = 'the RedirectCallback step came back without the provider’s answer (code and state, error, or form_post_entry) in the query';
        if (interruptible) {
          gateway.reportFailure({ realm, provider, code: 'NO_PROVIDER_ANSWER', reason });
          return goTo(SOCIAL_AUTH_INTERRUPTED);
        }
        return failed('NO_PROVIDER_ANSWER', reason);
      }
      const outcome = await gateway.finish(realm, provider, answer, begun.kept, profileScriptRunner(ctx));
      if (!outcome.ok) return interruptible && INTERRUPTIONS.has(outcome.code) ? goTo(SOCIAL_AUTH_INTERRUPTED) : fail();
      return settle(ctx, gateway, provider, outcome.identity);
    },
  });
}

/** The app's answer to the IdPCallback, or what is wrong with it. */
function nativeAnswer(callbacks: SubmittedCallback[], query: Record<string, string>): { token: string; tokenType: SocialNativeTokenType } | 'missing' | 'type' | 'size' {
  const submitted = callbacks.find((callback) => callback.type === 'IdPCallback');
  const given = submitted?.inputs.token;
  const tokenType = submitted?.inputs.token_type;
  if (typeof given !== 'string' || given === '') return 'missing';
  if (!isNativeTokenType(tokenType)) return 'type';
  let token = given;
  // AM: an Apple authorization code posted to the form_post endpoint comes back in the query.
  if (token === 'form_post_entry' && tokenType === 'authorization_code') {
    const code = Object.hasOwn(query, 'code') ? query.code : undefined;
    if (typeof code !== 'string' || code === '') return 'missing';
    token = code;
  }
  if (token.length > MAX_NATIVE_TOKEN_LENGTH) return 'size';
  return { token, tokenType };
}

function isNativeTokenType(value: unknown): value is SocialNativeTokenType {
  return typeof value === 'string' && (SOCIAL_NATIVE_TOKEN_TYPES as readonly string[]).includes(value);
}

function nativeProblem(problem: 'missing' | 'type' | 'size'): string {
  if (problem === 'missing') return 'the IdPCallback came back without a token';
  if (problem === 'type') return `the IdPCallback's token_type is not one of ${SOCIAL_NATIVE_TOKEN_TYPES.join(', ')}`;
  return `the IdPCallback's token is longer than ${MAX_NATIVE_TOKEN_LENGTH} characters`;
}

/**
 * The identity's attributes by the node's `script`: a built-in mapping, or the realm's stored
 * transformation script (its completion value, an object; the state it leaves is kept).
 */
async function identityAttributes(ctx: HandlerContext, provider: string, identity: SocialIdentity): Promise<Record<string, unknown>> {
  const scripts = isBuiltinProfileMapping(ctx.config.script) ? undefined : profileScriptRunner(ctx);
  if (scripts === undefined) return profileMappingFor(ctx.config.script)(profileInput(identity.profile, identity.subject), provider).attributes;
  const ran = await scripts(ctx.config.script, { normalizedProfile: identity.profile }, provider);
  const result = ran.result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw socialSignInError('TRANSFORM_FAILED', `the profile transformation script ${ctx.config.script} returned no object`);
  }
  Object.assign(ctx.state.shared, ran.shared);
  Object.assign(ctx.state.transient, ran.transient);
  return Object.fromEntries(Object.entries(result));
}

/** The identity found: its attributes in state, then `ACCOUNT_EXISTS` for a linked user or `NO_ACCOUNT`. */
async function settle(ctx: HandlerContext, gateway: SocialGateway, provider: string, identity: SocialIdentity): Promise<NodeAction> {
  let attributes: Record<string, unknown>;
  try {
    attributes = await identityAttributes(ctx, provider, identity);
  } catch (error) {
    if (isSocialProviderError(error) || isSocialSignInError(error)) {
      gateway.reportFailure({ realm: realmOfRequest(ctx.request), provider, code: error.code, reason: error.message });
      return fail();
    }
    throw error;
  }
  let linkedId: string | undefined;
  try {
    linkedId = await gateway.linkedAccount(ctx.identityResource, identity.alias);
  } catch (error) {
    if (isSocialSignInError(error)) {
      gateway.reportFailure({ realm: realmOfRequest(ctx.request), provider, code: error.code, reason: error.message });
      return fail();
    }
    throw error;
  }
  const linked = linkedId === undefined ? undefined : await ctx.services.identity.getUser(ctx.identityResource, linkedId);
  // The provider authenticated the user (RFC 8176 has no name for it; `fed` as some providers say).
  recordAuthMethod(ctx.state, 'fed');
  ctx.state.shared[SOCIAL_EMAIL_VERIFIED_KEY] = identity.emailVerified;
  const { aliasList: _mappedAliases, ...plain } = attributes;
  for (const [name, value] of Object.entries(plain)) setObjectAttribute(ctx.state, name, value, { secret: false });
  const known = getObjectAttribute({ shared: {}, transient: ctx.state.transient }, 'aliasList');
  const aliases = [...(Array.isArray(known) ? known : []), ...(Array.isArray(linked?.attributes.aliasList) ? linked.attributes.aliasList : [])];
  if (!aliases.includes(identity.alias)) aliases.push(identity.alias);
  setObjectAttribute(ctx.state, 'aliasList', [...new Set(aliases)], { secret: true });
  if (linked === undefined) return goTo('NO_ACCOUNT');

  ctx.state.shared._id = linked._id;
  const username = linked.attributes[ctx.config.usernameAttribute] ?? linked.attributes.userName;
  if (typeof username === 'string' && username !== '') {
    ctx.state.shared.username = username;
    setObjectAttribute(ctx.state, ctx.config.usernameAttribute, username, { secret: false });
  }
  return goTo('ACCOUNT_EXISTS');
}

/** Social Provider Handler: `ACCOUNT_EXISTS` or `NO_ACCOUNT`; a failed sign-in fails the journey. */
export const socialProviderHandlerNode = socialProviderHandler('SocialProviderHandlerNode', false);

/** Social Provider Handler V2: the same, plus `SOCIAL_AUTH_INTERRUPTED` for a browser that came back without a code. */
export const socialProviderHandlerNodeV2 = socialProviderHandler('SocialProviderHandlerNodeV2', true);
