/**
 * The providers' interaction policy: oidc-provider's own, except that its consent check for native
 * applications (`native_client_prompt`: a client with a private-use redirect scheme always gets an
 * interaction, since another app could claim the scheme) passes when consent was given otherwise:
 * AM's native decision form allowed it with the session's token (decision-form.ts), or the client's
 * consent is implied (AM's `isConsentImplied`, an administrator's decision), as AM does.
 */
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';

/** The policy; `consentGiven` says whether an authorization's consent is already given. */
export function consentPolicy(consentGiven: (ctx: KoaContextWithOIDC) => boolean): interactionPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  const native = policy.get('consent')?.checks.get('native_client_prompt');
  if (native !== undefined) {
    const asks = native.check;
    native.check = (ctx) => (consentGiven(ctx) ? interactionPolicy.Check.NO_NEED_TO_PROMPT : asks(ctx));
  }
  return policy;
}
