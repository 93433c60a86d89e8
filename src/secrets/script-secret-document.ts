/**
 * How a script secret is kept: one configuration document per secret, `environment/secrets/<id>`
 * (tenant-wide, as Identity Cloud's ESVs), holding its metadata and its value sealed with the
 * master key (`sealed`, bound to the secret's id: a sealed value copied to another secret does not
 * open). `sealed` is a name the audit always drops, so a write's audit event never carries it. The
 * documents are read back as hostile data: one that is not a secret's shape is skipped.
 */
import type { ConfigRepository } from '../config/ports.ts';
import { isJsonObject } from '../json/is-json-object.ts';
import { isScriptSecretId } from './script-secret-id.ts';

/** Where the secrets' documents are kept. */
export const SCRIPT_SECRETS_PREFIX = 'environment/secrets/';

/** The document id of secret `id` (a valid id: `isScriptSecretId`). */
export function scriptSecretDocumentId(id: string): string {
  return `${SCRIPT_SECRETS_PREFIX}${id}`;
}

/** What the master-key sealing of secret `id`'s value is bound to. */
export function scriptSecretPurpose(id: string): string {
  return `script secret ${id}`;
}

/** A stored secret. */
export interface StoredScriptSecret {
  _id: string;
  description: string;
  encoding: 'generic';
  useInPlaceholders: boolean;
  /** ISO 8601 times. */
  createDate: string;
  lastChangeDate: string;
  lastChangedBy: string;
  /** The version of the value kept (1, then one more for each new value). */
  activeVersion: number;
  versionCreateDate: string;
  /** The value's base64, sealed (`SecretSealer`, purpose `scriptSecretPurpose(id)`). */
  sealed: string;
}

/** A secret as the REST API and the CLI show it: never its value. */
export interface ScriptSecretMetadata {
  _id: string;
  description: string;
  encoding: 'generic';
  useInPlaceholders: boolean;
  activeVersion: string;
  /** Scripts read a secret when they run: the active version is always the loaded one. */
  loadedVersion: string;
  loaded: true;
  createDate: string;
  lastChangeDate: string;
  lastChangedBy: string;
}

/** A version of a secret's value (Arbor keeps the active one only). */
export interface ScriptSecretVersion {
  version: string;
  createDate: string;
  loaded: true;
  status: 'ENABLED';
}

function text(value: unknown): value is string {
  return typeof value === 'string';
}

/** `value` as a stored secret of id `id`, or undefined when it is not one. */
export function readStoredScriptSecret(id: string, value: unknown): StoredScriptSecret | undefined {
  if (!isJsonObject(value)) return undefined;
  const { _id, description, encoding, useInPlaceholders, createDate, lastChangeDate, lastChangedBy, activeVersion, versionCreateDate, sealed } = value;
  if (_id !== id || !isScriptSecretId(id) || encoding !== 'generic' || typeof useInPlaceholders !== 'boolean') return undefined;
  if (!text(description) || !text(createDate) || !text(lastChangeDate) || !text(lastChangedBy) || !text(versionCreateDate) || !text(sealed)) return undefined;
  if (typeof activeVersion !== 'number' || !Number.isSafeInteger(activeVersion) || activeVersion < 1) return undefined;
  return { _id: id, description, encoding, useInPlaceholders, createDate, lastChangeDate, lastChangedBy, activeVersion, versionCreateDate, sealed };
}

/** The metadata of `stored`. */
export function scriptSecretMetadata(stored: StoredScriptSecret): ScriptSecretMetadata {
  const version = String(stored.activeVersion);
  return {
    _id: stored._id,
    description: stored.description,
    encoding: stored.encoding,
    useInPlaceholders: stored.useInPlaceholders,
    activeVersion: version,
    loadedVersion: version,
    loaded: true,
    createDate: stored.createDate,
    lastChangeDate: stored.lastChangeDate,
    lastChangedBy: stored.lastChangedBy,
  };
}

/** The stored secret `id`, or undefined. */
export async function getStoredScriptSecret(configs: Pick<ConfigRepository, 'get'>, id: string): Promise<StoredScriptSecret | undefined> {
  if (!isScriptSecretId(id)) return undefined;
  return readStoredScriptSecret(id, await configs.get(scriptSecretDocumentId(id)));
}

/** Every stored secret's metadata, by id. */
export async function listScriptSecrets(configs: Pick<ConfigRepository, 'get' | 'list'>): Promise<ScriptSecretMetadata[]> {
  const found: ScriptSecretMetadata[] = [];
  for (const documentId of await configs.list(SCRIPT_SECRETS_PREFIX)) {
    const stored = await getStoredScriptSecret(configs, documentId.slice(SCRIPT_SECRETS_PREFIX.length));
    if (stored !== undefined) found.push(scriptSecretMetadata(stored));
  }
  return found.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
