/**
 * Accept Terms and Conditions leaves `shared.termsAccepted = {acceptDate, termsVersion}`; Create
 * Object and Patch Object record it on the user (`_meta.termsAccepted`) once the user exists.
 */
import type { NodeContext } from '../engine/node-context.ts';

/** Records `shared.termsAccepted` on user `userId` when the journey holds a well-formed one. */
export async function recordTermsAccepted(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource'>, userId: string): Promise<void> {
  const accepted = ctx.state.shared['termsAccepted'];
  if (typeof accepted !== 'object' || accepted === null) return;
  const { acceptDate, termsVersion } = accepted as Record<string, unknown>;
  if (typeof acceptDate !== 'string' || typeof termsVersion !== 'string') return;
  await ctx.services.identity.recordTermsAccepted(ctx.identityResource, userId, { acceptDate, termsVersion });
}
