/**
 * Accept Terms and Conditions leaves `shared.termsAccepted = {acceptDate, termsVersion}`; Create
 * Object writes it with the new user (`_meta.termsAccepted`, in the same write), and Patch Object
 * records it on a user that exists.
 */
import type { NodeContext } from '../engine/node-context.ts';

/** The journey's well-formed `shared.termsAccepted`, or undefined. */
export function termsAcceptedOf(state: NodeContext<unknown>['state']): { acceptDate: string; termsVersion: string } | undefined {
  const accepted = state.shared['termsAccepted'];
  if (typeof accepted !== 'object' || accepted === null) return undefined;
  const { acceptDate, termsVersion } = accepted as Record<string, unknown>;
  if (typeof acceptDate !== 'string' || typeof termsVersion !== 'string') return undefined;
  return { acceptDate, termsVersion };
}

/** Records `shared.termsAccepted` on user `userId` when the journey holds a well-formed one. */
export async function recordTermsAccepted(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource'>, userId: string): Promise<void> {
  const accepted = termsAcceptedOf(ctx.state);
  if (accepted === undefined) return;
  await ctx.services.identity.recordTermsAccepted(ctx.identityResource, userId, accepted);
}
