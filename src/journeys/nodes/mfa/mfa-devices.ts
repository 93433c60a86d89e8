/**
 * How multi-factor nodes reach users' devices: the MFA capability (`src/platform/mfa/`) registers
 * the `DeviceService` under `MFA_DEVICES`; nodes find it through `services.capabilities`.
 */
import type { DeviceService } from '../../../devices/device-service.ts';
import { capabilityKey } from '../../engine/capabilities.ts';

export const MFA_DEVICES = capabilityKey<DeviceService>('mfa-devices');
