/**
 * A user's registered device, as Arbor keeps it in its own store (never among the user's
 * attributes): an authenticator app (OATH), a WebAuthn credential or passkey, a device profile, or
 * the user's set of recovery codes. What may be shown (`data`) is kept apart from the secret
 * material (`secret`: OATH shared secrets, recovery-code hashes), which the device service seals
 * with the master key before it reaches the store and which no REST answer ever carries.
 */

/** The kinds of device, named as AM's device REST paths name them (`2fa/oath`, `2fa/webauthn`, `profile`). */
export type DeviceKind = 'oath' | 'webauthn' | 'profile' | 'recovery';

export const DEVICE_KINDS: readonly DeviceKind[] = ['oath', 'webauthn', 'profile', 'recovery'];

/** A device as the store holds it: `sealedSecret` is the sealed JSON of the device's secret fields. */
export interface DeviceRecord {
  /** Realm name (`alpha`, `root`). */
  realm: string;
  /** The managed user's `_id`. */
  userId: string;
  kind: DeviceKind;
  /** A UUID, unique among the user's devices. */
  id: string;
  /** The name the user sees and may change. */
  deviceName: string;
  /** Epoch milliseconds. */
  createdDate: number;
  lastAccessDate: number;
  /** Fields that may be shown (WebAuthn credential id and counter, OATH algorithm and digits…). */
  data: Record<string, unknown>;
  /** The sealed secret fields; undefined for devices without secrets. */
  sealedSecret?: string;
  /** Starts at 1; each update adds one (compare-and-set). */
  revision: number;
}
