/**
 * First-start set-up, safe to run on every start and from several processes at once: realms
 * `root` and `alpha`, IDM's default managed schemas and their search indexes, each realm's
 * default journeys, and the bootstrap administrator `amadmin` in `root`.
 */
import { randomBytes } from 'node:crypto';
import { hasErrorCode } from '../identity/errors.ts';
import { installDefaultJourneys } from '../journeys/trees/install-default-journeys.ts';
import type { Store } from '../store/store.ts';
import { identityForStore } from './identity-for-store.ts';
import { installDefaultConfiguration } from './install-default-configuration.ts';

export { DEFAULT_REALMS } from './install-default-configuration.ts';

/** The bootstrap administrator's user name. */
export const ADMIN_USERNAME = 'amadmin';

/** A password for an administrator that passes the default password policy (`arbor admin reset-password` too). */
export function generatedPassword(): string {
  // 120 random bits, plus the classes the default password policy asks for.
  return `${randomBytes(15).toString('base64url')}-A7`;
}

/** Policy failures in words: `password: MIN_LENGTH {"minLength":8}; …`. */
export function describeFailures(detail: unknown): string {
  const failures = (detail as { failedPolicyRequirements?: { property: string; policyRequirements: { policyRequirement: string; params?: unknown }[] }[] } | undefined)?.failedPolicyRequirements ?? [];
  return failures
    .flatMap((failure) => failure.policyRequirements.map((r) => `${failure.property}: ${r.policyRequirement}${r.params === undefined ? '' : ` ${JSON.stringify(r.params)}`}`))
    .join('; ');
}

/** Creates what is missing; never overwrites what an administrator changed. */
export async function bootstrapPlatform(
  store: Store,
  options: { adminPassword: string | undefined; log: (line: string) => void; clock: { now(): number } },
): Promise<void> {
  await installDefaultConfiguration(store, options.clock, options.log);
  const { identity } = identityForStore(store, options.clock);
  for (const realm of await store.realms.list()) await installDefaultJourneys(store, realm.name);
  const root = await store.realms.get('root');
  if (root === undefined) throw new Error('the root realm is missing');
  if ((await identity.findByAttribute(root.userType, 'userName', ADMIN_USERNAME, 1)).length > 0) return;
  const password = options.adminPassword ?? generatedPassword();
  try {
    await identity.createUser(root.userType, { userName: ADMIN_USERNAME, givenName: 'Arbor', sn: 'Administrator', mail: 'amadmin@example.com', password });
  } catch (error) {
    // Another process created it first: that one printed the password.
    if (hasErrorCode(error, 'POLICY_VALIDATION_FAILED') && (await identity.findByAttribute(root.userType, 'userName', ADMIN_USERNAME, 1)).length > 0) return;
    if (hasErrorCode(error, 'POLICY_VALIDATION_FAILED')) {
      throw new Error(`ARBOR_ADMIN_PASSWORD does not meet the realm root password policy: ${describeFailures((error as { detail?: unknown }).detail)}`);
    }
    throw error;
  }
  if (options.adminPassword === undefined) {
    options.log('');
    options.log('============================================================');
    options.log(` Created the administrator "${ADMIN_USERNAME}" in realm root.`);
    options.log(` Generated password (shown once, keep it): ${password}`);
    options.log(' Set ARBOR_ADMIN_PASSWORD before the first start to choose it.');
    options.log('============================================================');
    options.log('');
  }
}
