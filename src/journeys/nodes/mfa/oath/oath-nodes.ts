/**
 * The authenticator app (OATH) node types: AM's OATH Registration, OATH Token Verifier, OATH
 * Device Storage, Get Authenticator App, MFA Registration Options and Opt-out Multi-Factor
 * Authentication.
 */
import { anyNode, type AnyNodeDefinition } from '../../../engine/define-node.ts';
import { getAuthenticatorAppNode } from './get-authenticator-app-node.ts';
import { multiFactorRegistrationOptionsNode } from './multi-factor-registration-options-node.ts';
import { oathDeviceStorageNode } from './oath-device-storage-node.ts';
import { oathRegistrationNode } from './oath-registration-node.ts';
import { oathTokenVerifierNode } from './oath-token-verifier-node.ts';
import { optOutMultiFactorAuthenticationNode } from './opt-out-multi-factor-authentication-node.ts';

export const oathNodes: readonly AnyNodeDefinition[] = [
  anyNode(oathRegistrationNode),
  anyNode(oathTokenVerifierNode),
  anyNode(oathDeviceStorageNode),
  anyNode(getAuthenticatorAppNode),
  anyNode(multiFactorRegistrationOptionsNode),
  anyNode(optOutMultiFactorAuthenticationNode),
];
