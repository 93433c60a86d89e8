/**
 * The configuration every Arbor starts with, created where missing (never overwriting an
 * administrator's change; safe from several processes at once): realms `root` and `alpha`, IDM's
 * default managed schemas with their search and unique indexes, the default security questions,
 * terms and email templates. Journeys and the administrator are the bootstrap's business.
 */
import { defaultRealmConfig } from '../config/realm-config.ts';
import { hasErrorCode } from '../identity/errors.ts';
import { createIdentityService } from '../identity/identity-service.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { installDefaultManagedConfig } from '../identity/schema-for-type.ts';
import { createPolicyService } from '../policy/policy-service.ts';
import { installDefaultEmailTemplates } from '../selfservice/email/default-email-templates.ts';
import { installDefaultKbaConfig } from '../selfservice/kba/default-kba-config.ts';
import { installDefaultTerms } from '../selfservice/terms/default-terms.ts';
import type { Store } from '../store/store.ts';

/** The realms every Arbor has. */
export const DEFAULT_REALMS = ['root', 'alpha'] as const;

/**
 * Creates the default realms and configuration documents that are missing, and indexes each realm's
 * users. A unique index that stored users break (a realm whose type falls back to the default
 * schema, whose `mail` is unique, while its users share addresses) does not stop the start: the
 * indexes stay as they were, the `unique` policy still refuses new duplicates, and `warn` names
 * the shared values for the operator to resolve.
 */
export async function installDefaultConfiguration(store: Pick<Store, 'realms' | 'configs' | 'managedObjects'>, clock: { now(): number }, warn: (line: string) => void = () => {}): Promise<void> {
  for (const name of DEFAULT_REALMS) {
    if ((await store.realms.get(name)) === undefined) await store.realms.put(defaultRealmConfig(name));
  }
  await installDefaultManagedConfig(store.configs);
  await installDefaultKbaConfig(store.configs);
  await installDefaultTerms(store.configs);
  await installDefaultEmailTemplates(store.configs);
  const policy = createPolicyService({ objects: store.managedObjects, configs: store.configs });
  // Indexing hashes nothing: the hasher is never used here.
  const identity = createIdentityService({ objects: store.managedObjects, configs: store.configs, policy, hasher: createPasswordHasher(), clock });
  for (const realm of await store.realms.list()) {
    try {
      await identity.ensureSearchIndexes(realm.userType);
    } catch (error) {
      if (!hasErrorCode(error, 'UNIQUE_VIOLATION')) throw error;
      warn(`WARNING: realm ${realm.name}: ${(error as Error).message}. The database does not enforce it until those users have their own values; new duplicates are refused meanwhile (docs/idm-rest-api.md#unique-mail).`);
    }
  }
}
