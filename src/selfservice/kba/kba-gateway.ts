/**
 * The journeys' KBA service: settings from `selfservice.kba` (the defaults when none is stored),
 * answer hashing, and the checks of answers through the credential guard, against the
 * verification lockout counted per user in the ephemeral store (`numberOfAttemptsAllowed` per
 * 24 hours from the first failure): an attempt is reserved before any answer is verified.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { CredentialGuard } from '../../identity/credential-guard.ts';
import { managedTypeOf } from '../../identity/identity-resource.ts';
import type { KbaGateway } from '../../journeys/engine/node-context.ts';
import type { EphemeralStore } from '../../store/ephemeral-store.ts';
import { defaultKbaConfig } from './default-kba-config.ts';
import type { KbaAnswerHasher } from './kba-answer-hasher.ts';
import { createKbaAnswerHasher } from './kba-answer-hasher.ts';
import type { KbaConfig } from './kba-config.ts';
import { readKbaConfig } from './kba-config.ts';

/** How long failed verifications are remembered, from the first one: a lockout lasts at most this. */
export const KBA_ATTEMPT_WINDOW_MS = 24 * 60 * 60_000;

/** What the KBA gateway is built from. */
export interface KbaGatewayDeps {
  configs: ConfigRepository;
  ephemeral: EphemeralStore;
  /** argon2id with OWASP's parameters unless given. */
  answers?: KbaAnswerHasher;
  /** Defaults to `KBA_ATTEMPT_WINDOW_MS`. */
  attemptWindowMs?: number;
  /** Every check of answers goes through it. */
  guard: CredentialGuard;
}

function attemptsKey(identityResource: string, userId: string): string {
  return `kba:attempts:${identityResource}:${userId}`;
}

/** Builds the `KbaGateway` of the journey node services. */
export function createKbaGateway(deps: KbaGatewayDeps): KbaGateway {
  const answers = deps.answers ?? createKbaAnswerHasher();
  const windowMs = deps.attemptWindowMs ?? KBA_ATTEMPT_WINDOW_MS;
  const config = async (): Promise<KbaConfig> => (await readKbaConfig(deps.configs)) ?? defaultKbaConfig();
  return {
    async settings() {
      const { questions, minimumAnswersToDefine, minimumAnswersToVerify, kbaPropertyName, numberOfAttemptsAllowed } = await config();
      return { questions, minimumAnswersToDefine, minimumAnswersToVerify, kbaPropertyName, numberOfAttemptsAllowed };
    },
    hashAnswer: (answer) => answers.hash(answer),
    async checkAnswers(identityResource, userId, clientIp, asked) {
      const allowed = (await config()).numberOfAttemptsAllowed;
      const key = attemptsKey(identityResource, userId);
      const result = await deps.guard.attempt({
        type: managedTypeOf(identityResource),
        clientIp,
        // The count is the lock: past `allowed` failures in the window, nothing is verified.
        budget: { key: allowed > 0 ? key : undefined, limit: allowed, windowMs, refusal: 'locked', countIsLock: true, isLocked: async () => false, lock: async () => true, clear: () => deps.ephemeral.delete(key) },
        verify: async () => (await Promise.all(asked.map(({ stored, answer }) => answers.verify(stored, answer)))).every(Boolean) && asked.length > 0,
      });
      return result.kind === 'verified' ? 'verified' : result.kind === 'failed' ? 'wrong' : 'locked';
    },
    async isLocked(identityResource, userId) {
      const allowed = (await config()).numberOfAttemptsAllowed;
      if (allowed === 0) return false;
      const count = Number(await deps.ephemeral.get(attemptsKey(identityResource, userId)));
      return Number.isInteger(count) && count >= allowed;
    },
    async recordFailure(identityResource, userId) {
      const allowed = (await config()).numberOfAttemptsAllowed;
      if (allowed === 0) return false;
      const count = await deps.ephemeral.increment(attemptsKey(identityResource, userId), { ttlMs: windowMs, max: allowed });
      return count >= allowed;
    },
    async reset(identityResource, userId) {
      await deps.ephemeral.delete(attemptsKey(identityResource, userId));
    },
  };
}
