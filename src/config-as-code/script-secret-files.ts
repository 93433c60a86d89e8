/**
 * Script secrets (the ESV secrets scripts read) in config as code: tenant-wide, so under
 * `global/secrets/<id>.json`, each its id, description, encoding and placeholder flag with the
 * value as a reference, `{"$secret": "global/secrets/<id>/valueBase64"}`, never the value. On
 * import a reference the `--secrets` file names gives the value (base64, as the ESV API takes it;
 * sealed before it is stored), else the stored value is kept and only the metadata is written; a
 * secret with neither is a problem. An import never removes a secret (`--prune` leaves them).
 */
import { parseScriptSecretBody, parseScriptSecretMetadata } from '../secrets/parse-script-secret-body.ts';
import { getStoredScriptSecret, listScriptSecrets } from '../secrets/script-secret-document.ts';
import { isScriptSecretError } from '../secrets/script-secret-errors.ts';
import { describeBadScriptSecretId, isScriptSecretId } from '../secrets/script-secret-id.ts';
import { createScriptSecrets } from '../secrets/script-secrets.ts';
import type { SecretSealer } from '../secrets/secret-sealer.ts';
import { isJsonObject } from '../json/is-json-object.ts';
import { type ConfigFiles, segmentName, stableJson } from './config-files.ts';
import * as layout from './config-layout.ts';
import { type GivenSecrets, resolveSecretReference, secretReference } from './secret-reference.ts';
import type { ConfigView } from './staged-store.ts';

/** Who `lastChangedBy` names for a secret an import writes. */
const IMPORT_WRITER = 'arbor config import';

/** Writes every script secret of `view` into `files`, values as references. */
export async function exportScriptSecrets(view: Pick<ConfigView, 'configs'>, files: ConfigFiles): Promise<void> {
  for (const secret of await listScriptSecrets(view.configs)) {
    const { _id: id, description, encoding, useInPlaceholders } = secret;
    files.set(layout.scriptSecretPath(id), stableJson({ _id: id, description, encoding, useInPlaceholders, valueBase64: secretReference(layout.scriptSecretReference(id)) }));
  }
}

/** The secret id a path of `global/secrets/` stands for, when it is one. */
export function scriptSecretIdOfPath(path: string): string | undefined {
  if (!path.startsWith(layout.SCRIPT_SECRETS_DIR) || !path.endsWith('.json')) return undefined;
  const segment = path.slice(layout.SCRIPT_SECRETS_DIR.length, -'.json'.length);
  return segment.includes('/') ? undefined : segmentName(segment);
}

/** What an import of script secrets works with. */
export interface ImportScriptSecretsInput {
  /** The store as it is, to know which secrets are stored. */
  stored: Pick<ConfigView, 'configs'>;
  /** Where the writes are staged. */
  staged: Pick<ConfigView, 'configs'>;
  /** The directory's JSON files, by path. */
  json: ReadonlyMap<string, unknown>;
  secrets: GivenSecrets;
  sealer: SecretSealer;
  problem(file: string, reason: string): void;
}

/** Checks the directory's `global/secrets/` files and stages their writes. */
export async function importScriptSecrets(input: ImportScriptSecretsInput): Promise<void> {
  const secrets = createScriptSecrets({ configs: input.staged.configs, sealer: input.sealer, clock: { now: () => Date.now() } });
  for (const [path, value] of input.json) {
    const id = scriptSecretIdOfPath(path);
    if (id === undefined) continue;
    if (!isScriptSecretId(id)) {
      input.problem(path, describeBadScriptSecretId(id));
      continue;
    }
    try {
      const metadata = parseScriptSecretMetadata(id, value);
      const stored = (await getStoredScriptSecret(input.stored.configs, id)) !== undefined;
      const reference = isJsonObject(value) && Object.hasOwn(value, 'valueBase64') ? value.valueBase64 : undefined;
      const resolved = resolveSecretReference(reference, layout.scriptSecretReference(id), stored, input.secrets);
      if ('problem' in resolved) input.problem(path, `valueBase64: ${resolved.problem}`);
      else if (resolved.value !== undefined) await secrets.put(id, parseScriptSecretBody(id, { ...metadata, valueBase64: resolved.value }), IMPORT_WRITER);
      else if (stored) await secrets.updateMetadata(id, metadata, IMPORT_WRITER);
      else input.problem(path, `valueBase64: no secret ${id} is stored and none is given (--secrets)`);
    } catch (error) {
      if (!isScriptSecretError(error)) throw error;
      input.problem(path, error.message);
    }
  }
}
