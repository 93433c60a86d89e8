/**
 * Select Identity Provider (`SelectIdPNode`): offers the realm's enabled social providers (each
 * with its `uiConfig`), and local sign-in when `includeLocalAuthentication`, in AM's
 * SelectIdPCallback. `filteredProviders` narrows the list; `offerOnlyExisting` offers only the
 * providers the journey's user (found by `identityAttribute`) is already linked to (`aliasList`),
 * and local sign-in only when that user has a password. A single option is taken without asking.
 * The choice goes to `shared.selectedIdp`. On a page whose last child it is, the page runs it first
 * and leaves at once for a provider (docs/architecture.md, Page Node).
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo, send } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import type { Callback } from '../../engine/callbacks.ts';
import { inputValue } from '../../engine/callbacks.ts';
import { defineNode } from '../../engine/define-node.ts';
import { findIdentifiedUser } from '../identified-user.ts';
import { realmOfRequest } from './realm-of-request.ts';
import { SOCIAL, type SocialProviderChoice } from './social-gateway.ts';

/** The value and outcome of local sign-in. */
export const LOCAL_AUTHENTICATION = 'localAuthentication';

/** AM's SelectIdPCallback: the providers (local sign-in without `uiConfig`), the value chosen. */
export function selectIdPCallback(providers: readonly SocialProviderChoice[], includeLocal: boolean): Callback {
  const offered: Record<string, unknown>[] = providers.map((choice) => ({ provider: choice.provider, uiConfig: { ...choice.uiConfig } }));
  if (includeLocal) offered.push({ provider: LOCAL_AUTHENTICATION });
  return { type: 'SelectIdPCallback', output: [{ name: 'providers', value: offered }, { name: 'value', value: '' }], inputs: [{ suffix: '', value: '', kind: 'string' }] };
}

/** Select Identity Provider: `socialAuthentication` (and `localAuthentication` when offered). */
export const selectIdPNode = defineNode({
  type: 'SelectIdPNode',
  displayName: 'Select Identity Provider',
  category: 'social',
  description: 'Lets the user choose a social identity provider, or local sign-in.',
  config: Type.Object({
    includeLocalAuthentication: Type.Boolean({ default: true, description: 'Offer local sign-in (username and password) beside the providers.' }),
    offerOnlyExisting: Type.Boolean({ default: false, description: "Offer only the providers the journey's user is already linked to." }),
    passwordAttribute: Type.String({ default: 'password', minLength: 1, description: 'With offerOnlyExisting: local sign-in is offered only when the user has this attribute.' }),
    identityAttribute: Type.String({ default: 'mail', minLength: 1, description: 'With offerOnlyExisting: the attribute that finds the user.' }),
    filteredProviders: Type.Array(Type.String(), { default: [], description: 'Offer only these providers (empty: every enabled provider).' }),
  }),
  outcomes: (config) => (config.includeLocalAuthentication ? ['socialAuthentication', LOCAL_AUTHENTICATION] : ['socialAuthentication']),
  async process(ctx): Promise<NodeAction> {
    const gateway = ctx.services.capabilities.get(SOCIAL);
    const realm = realmOfRequest(ctx.request);
    const { filteredProviders, offerOnlyExisting } = ctx.config;
    let providers = await gateway.providers(realm);
    if (filteredProviders.length > 0) providers = providers.filter((choice) => filteredProviders.includes(choice.provider));
    let includeLocal = ctx.config.includeLocalAuthentication;
    if (offerOnlyExisting) {
      const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
      const aliases = user?.attributes.aliasList;
      const linked = Array.isArray(aliases) ? aliases.filter((alias): alias is string => typeof alias === 'string') : [];
      providers = providers.filter((choice) => linked.some((alias) => alias.startsWith(`${choice.provider}-`)));
      includeLocal &&= user !== undefined && (ctx.config.passwordAttribute === 'password' ? user.hasPassword : user.attributes[ctx.config.passwordAttribute] !== undefined);
    }
    const choose = (name: string): NodeAction => {
      ctx.state.shared.selectedIdp = name;
      return goTo(name === LOCAL_AUTHENTICATION ? LOCAL_AUTHENTICATION : 'socialAuthentication');
    };
    const options = [...providers.map((choice) => choice.provider), ...(includeLocal ? [LOCAL_AUTHENTICATION] : [])];
    if (options.length === 0) {
      gateway.reportFailure({ realm, provider: '', code: 'NO_PROVIDER_OFFERED', reason: `Select Identity Provider ${ctx.nodeId} has no provider to offer` });
      return fail();
    }
    const only = options.length === 1 ? options[0] : undefined;
    if (only !== undefined) return choose(only);
    const value = inputValue(ctx.callbacks?.find((callback) => callback.type === 'SelectIdPCallback'));
    if (typeof value === 'string' && options.includes(value)) return choose(value);
    return send([selectIdPCallback(providers, includeLocal)]);
  },
});
