/**
 * The domain services journey nodes call (`NodeServices`), built from the identity stack and the
 * store exactly once, by the server (`create-platform.ts`) and by tests alike.
 */
import { createCredentialGateway } from '../identity/credential-gateway.ts';
import type { CredentialGuard } from '../identity/credential-guard.ts';
import { createIdentityGateway, type AmbiguousLookup } from '../identity/identity-gateway.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import type { PasswordChecks } from '../identity/password-checks.ts';
import { NO_CAPABILITIES, type Capabilities } from '../journeys/engine/capabilities.ts';
import type { EmailGateway, LockoutGateway, NodeServices } from '../journeys/engine/node-context.ts';
import { createPolicyGateway } from '../policy/policy-gateway.ts';
import type { PolicyService } from '../policy/policy-service.ts';
import type { SecretSealer } from '../secrets/secret-sealer.ts';
import type { CaptchaFailure } from '../selfservice/captcha/captcha-gateway.ts';
import { createCaptchaGateway } from '../selfservice/captcha/captcha-gateway.ts';
import { createConsentGateway } from '../selfservice/consent/consent-gateway.ts';
import type { KbaAnswerHasher } from '../selfservice/kba/kba-answer-hasher.ts';
import { createKbaGateway } from '../selfservice/kba/kba-gateway.ts';
import { createTermsGateway } from '../selfservice/terms/terms-gateway.ts';
import type { Store } from '../store/store.ts';

/** What the node services are built from. */
export interface NodeServicesDeps {
  store: Pick<Store, 'configs' | 'ephemeral'>;
  clock: { now(): number };
  identity: IdentityService;
  policy: PolicyService;
  /** Hashes and verifies security answers (shared with the identity service's writes). */
  kbaAnswers: KbaAnswerHasher;
  lockout: LockoutGateway;
  /** Every credential check of a node goes through it (passwords through `passwords`, security answers directly). */
  guard: CredentialGuard;
  passwords: PasswordChecks;
  email: EmailGateway;
  /** How CAPTCHA providers are reached. */
  fetch: typeof fetch;
  /** The master key's sealer: opens the CAPTCHA nodes' sealed secret keys where they are used. */
  sealer: Pick<SecretSealer, 'open'>;
  /** Told why a CAPTCHA could not be verified (its provider down, slow or answering nonsense): the operator's log. */
  onCaptchaFailure?: (failure: CaptchaFailure) => void;
  /** Told when a node's lookup matched several users (an address shared by accounts): the operator's log. */
  onAmbiguousLookup?: (lookup: AmbiguousLookup) => void;
  /** The capabilities' services (social sign-in…); none by default. */
  capabilities?: Capabilities;
}

/** Builds the services every node receives. */
export function createNodeServices(deps: NodeServicesDeps): NodeServices {
  const { store, clock } = deps;
  return {
    identity: createIdentityGateway(deps.identity, deps.onAmbiguousLookup === undefined ? {} : { onAmbiguousLookup: deps.onAmbiguousLookup }),
    credentials: createCredentialGateway(deps.passwords),
    policy: createPolicyGateway(deps.policy),
    lockout: deps.lockout,
    kba: createKbaGateway({ configs: store.configs, ephemeral: store.ephemeral, answers: deps.kbaAnswers, guard: deps.guard }),
    terms: createTermsGateway({ configs: store.configs }),
    consent: createConsentGateway({ configs: store.configs }),
    email: deps.email,
    captcha: createCaptchaGateway({ fetch: deps.fetch, sealer: deps.sealer, ...(deps.onCaptchaFailure === undefined ? {} : { onFailure: deps.onCaptchaFailure }) }),
    clock,
    capabilities: deps.capabilities ?? NO_CAPABILITIES,
  };
}
