/** The WebAuthn node types (AM's WebAuthn Registration, Authentication and Device Storage), as the MFA capability lists them. */
import { anyNode, type AnyNodeDefinition } from '../../../engine/define-node.ts';
import { webAuthnAuthenticationNode } from './webauthn-authentication-node.ts';
import { webAuthnDeviceStorageNode } from './webauthn-device-storage-node.ts';
import { webAuthnRegistrationNode } from './webauthn-registration-node.ts';

export const webAuthnNodes: readonly AnyNodeDefinition[] = [anyNode(webAuthnRegistrationNode), anyNode(webAuthnAuthenticationNode), anyNode(webAuthnDeviceStorageNode)];
