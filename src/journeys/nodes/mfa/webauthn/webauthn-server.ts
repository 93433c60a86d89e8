/**
 * What the WebAuthn nodes need from the running server: its public URL, from which a realm's
 * default relying party comes (rp id = its host, origin = its origin). The MFA capability registers
 * it under `WEBAUTHN_SERVER`; a node whose config sets both `relyingPartyDomain` and `origins`
 * needs none.
 */
import { capabilityKey } from '../../../engine/capabilities.ts';

/** The server facts WebAuthn ceremonies are bound to. */
export interface WebAuthnServer {
  /** `ARBOR_PUBLIC_URL`. */
  publicUrl: string;
}

export const WEBAUTHN_SERVER = capabilityKey<WebAuthnServer>('webauthn-server');
