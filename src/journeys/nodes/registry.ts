/**
 * The node types Arbor knows, by ForgeRock type id. The runner and tree validation look node
 * types up here; an unknown type is an error, never skipped.
 */
import { anyNode, type AnyNodeDefinition } from '../engine/define-node.ts';
import { acceptTermsAndConditionsNode } from './accept-terms-and-conditions-node.ts';
import { accountLockoutNode } from './account-lockout-node.ts';
import { attributeCollectorNode } from './attribute-collector-node.ts';
import { attributePresentDecisionNode } from './attribute-present-decision-node.ts';
import { attributeValueDecisionNode } from './attribute-value-decision-node.ts';
import { captchaNode } from './captcha-node.ts';
import { choiceCollectorNode } from './choice-collector-node.ts';
import { consentNode } from './consent-node.ts';
import { createObjectNode } from './create-object-node.ts';
import { dataStoreDecisionNode } from './data-store-decision-node.ts';
import { displayUserNameNode } from './display-user-name-node.ts';
import { emailSuspendNode } from './email-suspend-node.ts';
import { emailTemplateNode } from './email-template-node.ts';
import { identifyExistingUserNode } from './identify-existing-user-node.ts';
import { incrementLoginCountNode } from './increment-login-count-node.ts';
import { innerTreeEvaluatorNode } from './inner-tree-evaluator-node.ts';
import { kbaCreateNode } from './kba-create-node.ts';
import { kbaDecisionNode } from './kba-decision-node.ts';
import { kbaVerifyNode } from './kba-verify-node.ts';
import { loginCountDecisionNode } from './login-count-decision-node.ts';
import { messageNode } from './message-node.ts';
import { otpNodes } from './otp/otp-nodes.ts';
import { pageNode } from './page-node.ts';
import { platformNodes } from './platform/platform-nodes.ts';
import { passwordCollectorNode } from './password-collector-node.ts';
import { patchObjectNode } from './patch-object-node.ts';
import { profileCompletenessDecisionNode } from './profile-completeness-decision-node.ts';
import { queryFilterDecisionNode } from './query-filter-decision-node.ts';
import { requiredAttributesDecisionNode } from './required-attributes-decision-node.ts';
import { retryLimitDecisionNode } from './retry-limit-decision-node.ts';
import { sessionDataNode } from './session-data-node.ts';
import { sessionNodes } from './session/session-nodes.ts';
import { setSuccessUrlNode } from './set-success-url-node.ts';
import { termsAndConditionsDecisionNode } from './terms-and-conditions-decision-node.ts';
import { timeSinceDecisionNode } from './time-since-decision-node.ts';
import { usernameCollectorNode } from './username-collector-node.ts';
import { validatedPasswordNode } from './validated-password-node.ts';
import { validatedUsernameNode } from './validated-username-node.ts';

/** Node definitions by type id. */
export interface NodeRegistry {
  /** The definition of `type` (the ForgeRock `_type._id`), undefined when unknown. */
  get(type: string): AnyNodeDefinition | undefined;
  /** Every definition, in registration order. */
  list(): AnyNodeDefinition[];
}

export { anyNode };

/** The built-in node types. */
export const builtinNodes: readonly AnyNodeDefinition[] = [
  anyNode(pageNode),
  anyNode(validatedUsernameNode),
  anyNode(validatedPasswordNode),
  anyNode(usernameCollectorNode),
  anyNode(passwordCollectorNode),
  anyNode(dataStoreDecisionNode),
  anyNode(incrementLoginCountNode),
  anyNode(innerTreeEvaluatorNode),
  anyNode(messageNode),
  anyNode(choiceCollectorNode),
  anyNode(retryLimitDecisionNode),
  anyNode(accountLockoutNode),
  anyNode(attributeCollectorNode),
  anyNode(createObjectNode),
  anyNode(patchObjectNode),
  anyNode(identifyExistingUserNode),
  anyNode(attributePresentDecisionNode),
  anyNode(attributeValueDecisionNode),
  anyNode(queryFilterDecisionNode),
  anyNode(requiredAttributesDecisionNode),
  anyNode(loginCountDecisionNode),
  anyNode(profileCompletenessDecisionNode),
  anyNode(timeSinceDecisionNode),
  anyNode(kbaCreateNode),
  anyNode(kbaVerifyNode),
  anyNode(kbaDecisionNode),
  anyNode(acceptTermsAndConditionsNode),
  anyNode(termsAndConditionsDecisionNode),
  anyNode(consentNode),
  anyNode(emailSuspendNode),
  anyNode(emailTemplateNode),
  anyNode(sessionDataNode),
  anyNode(displayUserNameNode),
  anyNode(captchaNode),
  anyNode(setSuccessUrlNode),
  ...otpNodes,
  ...sessionNodes,
  ...platformNodes,
];

/** A registry of `definitions`; two definitions of the same type are a programming error. */
export function createNodeRegistry(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map<string, AnyNodeDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`node type ${definition.type} is registered twice`);
    byType.set(definition.type, definition);
  }
  const all = [...byType.values()];
  // A type ending in `*` stands for every type with that prefix (Node Designer's `designer-*`).
  const prefixed = all.filter((definition) => definition.type.endsWith('*')).map((definition) => ({ prefix: definition.type.slice(0, -1), definition }));
  return {
    get: (type) => byType.get(type) ?? prefixed.find((entry) => type.startsWith(entry.prefix) && type.length > entry.prefix.length)?.definition,
    list: () => [...all],
  };
}
