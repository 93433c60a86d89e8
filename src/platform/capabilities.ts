/**
 * The capabilities a running Arbor installs (docs/architecture.md, "Capabilities"): the one list
 * a new capability is added to.
 */
import type { PlatformCapability } from './platform-capability.ts';
import { mfaCapability } from './mfa/mfa-capability.ts';
import { oidcCapability } from './oidc/oidc-capability.ts';
import { legacySocialCapability } from './social-legacy/legacy-social-capability.ts';
import { persistentCookieCapability } from './session-cookies/persistent-cookie-capability.ts';
import { scriptingCapability } from './scripting/scripting-capability.ts';
import { socialCapability } from './social/social-capability.ts';

/** Every capability of a default Arbor. */
export const defaultCapabilities: readonly PlatformCapability[] = [socialCapability, legacySocialCapability, scriptingCapability, persistentCookieCapability, mfaCapability, oidcCapability];
