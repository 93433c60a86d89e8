/**
 * Reading managed object schemas from the `managed` config document, with IDM's default user
 * schema as the fallback for user types, and installing that default on first start.
 */
import { parsedOnce } from '../cache/parsed-once.ts';
import type { ConfigRepository } from '../config/ports.ts';
import { defaultGroupObject, defaultRoleObject, userTypeOfRoleOrGroup } from './default-role-schema.ts';
import { defaultManagedConfig, defaultUserObject, isDefaultUserType } from './default-user-schema.ts';
import { identityError } from './errors.ts';
import type { ManagedConfig, ManagedObjectConfig } from './managed-schema.ts';
import { parseManagedConfig } from './managed-schema.ts';

/** The config document id of managed object types. */
export const MANAGED_CONFIG_ID = 'managed';

/** Parses a stored `managed` document; a cached (frozen) one once, its result shared (and frozen). */
const parseStoredManagedConfig = parsedOnce((value) => parseManagedConfig(value));

/** The `managed` config document, parsed; undefined when none is stored. */
export async function readManagedConfig(configs: ConfigRepository): Promise<ManagedConfig | undefined> {
  const stored = await configs.get(MANAGED_CONFIG_ID);
  return stored === undefined || stored === null ? undefined : parseStoredManagedConfig(stored);
}

/**
 * The managed object config of `type`: from the stored `managed` document, else (no document, or a
 * user type the document lacks, such as a new realm's `<realm>_user`) IDM's default user schema,
 * and for a realm's `<realm>_role`/`<realm>_group` the default role and group.
 * UNKNOWN_MANAGED_TYPE for any other missing type.
 */
export async function schemaForType(configs: ConfigRepository, type: string): Promise<ManagedObjectConfig> {
  const managed = await readManagedConfig(configs);
  const found = managed?.objects.find((object) => object.name === type);
  if (found !== undefined) return found;
  if (isDefaultUserType(type)) return defaultUserObject(type);
  // A realm's roles and groups (`alpha_role`, `alpha_group`) exist as its users do.
  const userType = userTypeOfRoleOrGroup(type);
  if (userType !== undefined) return type.endsWith('role') ? defaultRoleObject(userType) : defaultGroupObject(userType);
  throw identityError('UNKNOWN_MANAGED_TYPE', `No managed object type "${type}" is configured`);
}

/** Stores the default `managed` document unless one exists; true when it was installed. */
export async function installDefaultManagedConfig(configs: ConfigRepository): Promise<boolean> {
  if ((await configs.get(MANAGED_CONFIG_ID)) != null) return false;
  await configs.put(MANAGED_CONFIG_ID, defaultManagedConfig());
  return true;
}
