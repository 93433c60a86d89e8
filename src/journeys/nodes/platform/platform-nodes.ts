/**
 * The small platform node types real journeys use (Identity Store Decision, Zero Page Login,
 * State Metadata, Set Success/Failure Details, Polling Wait, Account Active Decision, the timers
 * and Identity Cloud's CAPTCHA type), as the registry of built-in types lists them.
 */
import { anyNode, type AnyNodeDefinition } from '../../engine/define-node.ts';
import { accountActiveDecisionNode } from './account-active-decision-node.ts';
import { identityStoreDecisionNode } from './identity-store-decision-node.ts';
import { metadataNode } from './metadata-node.ts';
import { pollingWaitNode } from './polling-wait-node.ts';
import { productCaptchaNode } from './product-captcha-node.ts';
import { setFailureDetailsNode } from './set-failure-details-node.ts';
import { setSuccessDetailsNode } from './set-success-details-node.ts';
import { timerStartNode } from './timer-start-node.ts';
import { timerStopNode } from './timer-stop-node.ts';
import { zeroPageLoginNode } from './zero-page-login-node.ts';

export const platformNodes: readonly AnyNodeDefinition[] = [
  anyNode(identityStoreDecisionNode),
  anyNode(zeroPageLoginNode),
  anyNode(metadataNode),
  anyNode(setSuccessDetailsNode),
  anyNode(setFailureDetailsNode),
  anyNode(pollingWaitNode),
  anyNode(accountActiveDecisionNode),
  anyNode(timerStartNode),
  anyNode(timerStopNode),
  anyNode(productCaptchaNode),
];
