/**
 * The device profile node types (AM's Device Profile Collector, Device Match, Device Profile
 * Save, Device Location Match, Device Geofencing and Device Tampering Verification), which the
 * MFA capability adds through `mfaNodes`.
 */
import { anyNode, type AnyNodeDefinition } from '../../../engine/define-node.ts';
import { deviceGeoFencingNode } from './device-geo-fencing-node.ts';
import { deviceLocationMatchNode } from './device-location-match-node.ts';
import { deviceMatchNode } from './device-match-node.ts';
import { deviceProfileCollectorNode } from './device-profile-collector-node.ts';
import { deviceSaveNode } from './device-save-node.ts';
import { deviceTamperingVerificationNode } from './device-tampering-verification-node.ts';

export const deviceProfileNodes: readonly AnyNodeDefinition[] = [
  anyNode(deviceProfileCollectorNode),
  anyNode(deviceMatchNode),
  anyNode(deviceSaveNode),
  anyNode(deviceLocationMatchNode),
  anyNode(deviceGeoFencingNode),
  anyNode(deviceTamperingVerificationNode),
];
