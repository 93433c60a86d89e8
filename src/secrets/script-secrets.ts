/**
 * Script secrets: Identity Cloud's ESV secrets for Arbor's scripts (`secrets.getGenericSecret`),
 * tenant-wide, each an id (`esv-…`), a description and a value sealed with the master key before
 * it reaches the configuration store (`script-secret-document.ts`). Writing a new value makes a
 * new version (Arbor keeps the active one only); writing the value already stored keeps its
 * version, and a write that changes nothing writes nothing. Values leave this module only through `value`, which the script host alone calls.
 */
import type { ConfigRepository } from '../config/ports.ts';
import type { ScriptSecretMetadataWrite, ScriptSecretWrite } from './parse-script-secret-body.ts';
import {
  getStoredScriptSecret,
  listScriptSecrets,
  type ScriptSecretMetadata,
  type ScriptSecretVersion,
  scriptSecretDocumentId,
  scriptSecretMetadata,
  scriptSecretPurpose,
  type StoredScriptSecret,
} from './script-secret-document.ts';
import { scriptSecretError } from './script-secret-errors.ts';
import { describeBadScriptSecretId, isScriptSecretId } from './script-secret-id.ts';
import type { SecretSealer } from './secret-sealer.ts';

/** Reading and writing script secrets. */
export interface ScriptSecrets {
  /** Every secret's metadata, by id. */
  list(): Promise<ScriptSecretMetadata[]>;
  get(id: string): Promise<ScriptSecretMetadata | undefined>;
  /** Creates or replaces the secret (nothing is written when nothing changes); `by` names who (`lastChangedBy`). */
  put(id: string, write: ScriptSecretWrite, by: string): Promise<{ created: boolean; secret: ScriptSecretMetadata }>;
  /** Changes what `changes` gives of the metadata, the value kept; SECRET_NOT_FOUND without the secret. */
  updateMetadata(id: string, changes: Partial<Pick<ScriptSecretMetadataWrite, 'description' | 'useInPlaceholders'>>, by: string): Promise<ScriptSecretMetadata>;
  /** Makes `valueBase64` the secret's new active version; SECRET_NOT_FOUND without the secret. */
  createVersion(id: string, valueBase64: string, by: string): Promise<ScriptSecretVersion>;
  /** The versions kept (the active one); SECRET_NOT_FOUND without the secret. */
  versions(id: string): Promise<ScriptSecretVersion[]>;
  /** Deletes the secret; its metadata, or undefined when there was none. */
  delete(id: string): Promise<ScriptSecretMetadata | undefined>;
  /** The secret's value opened (bytes), or undefined when there is no such secret. For the script host only. */
  value(id: string): Promise<Buffer | undefined>;
}

/** What script secrets are built from. */
export interface ScriptSecretsDeps {
  configs: ConfigRepository;
  sealer: SecretSealer;
  clock: { now(): number };
}

function checkedId(id: string): string {
  if (!isScriptSecretId(id)) throw scriptSecretError('INVALID_SECRET_ID', describeBadScriptSecretId(id));
  return id;
}

function versionOf(stored: StoredScriptSecret): ScriptSecretVersion {
  return { version: String(stored.activeVersion), createDate: stored.versionCreateDate, loaded: true, status: 'ENABLED' };
}

/** Script secrets over `deps.configs`, sealed with `deps.sealer`. */
export function createScriptSecrets(deps: ScriptSecretsDeps): ScriptSecrets {
  const { configs, sealer } = deps;
  const now = (): string => new Date(deps.clock.now()).toISOString();

  async function existing(id: string): Promise<StoredScriptSecret> {
    const stored = await getStoredScriptSecret(configs, checkedId(id));
    if (stored === undefined) throw scriptSecretError('SECRET_NOT_FOUND', `no secret ${id}`);
    return stored;
  }

  /** True when `stored` holds `valueBase64` already (false when it no longer opens). */
  function holds(stored: StoredScriptSecret, valueBase64: string): boolean {
    try {
      return sealer.open(stored.sealed, scriptSecretPurpose(stored._id)) === valueBase64;
    } catch {
      return false;
    }
  }

  function withValue(stored: StoredScriptSecret, valueBase64: string, at: string): StoredScriptSecret {
    if (holds(stored, valueBase64)) return stored;
    return { ...stored, activeVersion: stored.activeVersion + 1, versionCreateDate: at, sealed: sealer.seal(valueBase64, scriptSecretPurpose(stored._id)) };
  }

  return {
    list: () => listScriptSecrets(configs),

    async get(id) {
      const stored = await getStoredScriptSecret(configs, checkedId(id));
      return stored === undefined ? undefined : scriptSecretMetadata(stored);
    },

    async put(id, write, by) {
      const before = await getStoredScriptSecret(configs, checkedId(id));
      const at = now();
      if (before !== undefined && holds(before, write.valueBase64) && before.description === write.description && before.useInPlaceholders === write.useInPlaceholders) {
        return { created: false, secret: scriptSecretMetadata(before) };
      }
      const next: StoredScriptSecret =
        before === undefined
          ? {
              _id: id,
              description: write.description,
              encoding: write.encoding,
              useInPlaceholders: write.useInPlaceholders,
              createDate: at,
              lastChangeDate: at,
              lastChangedBy: by,
              activeVersion: 1,
              versionCreateDate: at,
              sealed: sealer.seal(write.valueBase64, scriptSecretPurpose(id)),
            }
          : { ...withValue(before, write.valueBase64, at), description: write.description, useInPlaceholders: write.useInPlaceholders, lastChangeDate: at, lastChangedBy: by };
      await configs.put(scriptSecretDocumentId(id), next);
      return { created: before === undefined, secret: scriptSecretMetadata(next) };
    },

    async updateMetadata(id, changes, by) {
      const stored = await existing(id);
      const description = changes.description ?? stored.description;
      const useInPlaceholders = changes.useInPlaceholders ?? stored.useInPlaceholders;
      if (description === stored.description && useInPlaceholders === stored.useInPlaceholders) return scriptSecretMetadata(stored);
      const next = { ...stored, description, useInPlaceholders, lastChangeDate: now(), lastChangedBy: by };
      await configs.put(scriptSecretDocumentId(id), next);
      return scriptSecretMetadata(next);
    },

    async createVersion(id, valueBase64, by) {
      const stored = await existing(id);
      const at = now();
      const next = { ...withValue(stored, valueBase64, at), lastChangeDate: at, lastChangedBy: by };
      await configs.put(scriptSecretDocumentId(id), next);
      return versionOf(next);
    },

    async versions(id) {
      return [versionOf(await existing(id))];
    },

    async delete(id) {
      const stored = await getStoredScriptSecret(configs, checkedId(id));
      if (stored === undefined) return undefined;
      return (await configs.delete(scriptSecretDocumentId(id))) ? scriptSecretMetadata(stored) : undefined;
    },

    async value(id) {
      const stored = await getStoredScriptSecret(configs, checkedId(id));
      if (stored === undefined) return undefined;
      return Buffer.from(sealer.open(stored.sealed, scriptSecretPurpose(id)), 'base64');
    },
  };
}
