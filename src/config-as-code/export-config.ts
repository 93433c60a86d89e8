/**
 * `exportConfig`: a realm (and, when asked, the global configuration documents) as the directory
 * model of config as code (`config-layout.ts`), every object one stable JSON file. Journeys are
 * written in the AM REST `{tree, nodes}` shape without their secret node config; scripts as their
 * metadata plus their source in a `.js` file beside it (kept in the JSON when re-encoding the
 * source would not give back the same base64); every other secret as a reference (script secrets,
 * tenant-wide, under `global/secrets/`).
 */
import type { RealmConfig } from '../config/realm-config.ts';
import { isJsonObject } from '../json/is-json-object.ts';
import { exportAmRest } from '../journeys/trees/export-journeys.ts';
import { type SecretConfigRegistry, withoutSecretConfig } from '../journeys/trees/secret-config.ts';
import { customNodePrefix } from '../journeys/nodes/scripting/custom-script-node-store.ts';
import { clientsPrefix } from '../oauth2/oauth2-client-store.ts';
import { oauth2SettingsId } from '../platform/oidc/oauth2-provider-settings.ts';
import { configScriptStore } from '../scripting/script-store.ts';
import { CONSENT_CONFIG_ID } from '../selfservice/consent/consent-config.ts';
import { EMAIL_SETTINGS_CONFIG_ID } from '../selfservice/email/email-settings.ts';
import { KBA_CONFIG_ID } from '../selfservice/kba/kba-config.ts';
import { selfServiceTreesOf } from '../selfservice/self-service-trees.ts';
import { TERMS_CONFIG_ID } from '../selfservice/terms/terms-config.ts';
import { MANAGED_CONFIG_ID } from '../identity/schema-for-type.ts';
import { parseProviderDocumentId, realmPrefix, withoutSecret } from '../social/providers/provider-document.ts';
import { type ConfigFiles, sortedFiles, stableJson } from './config-files.ts';
import * as layout from './config-layout.ts';
import { realmFileOf } from './realm-file.ts';
import { exportScriptSecrets } from './script-secret-files.ts';
import { secretReference } from './secret-reference.ts';
import type { ConfigView } from './staged-store.ts';

/** What to export. */
export interface ExportConfigOptions {
  realm: RealmConfig;
  /** Also the global documents (`global/`): SMTP settings, email templates, KBA, terms, consent, managed objects. */
  global: boolean;
  /** The node types, to leave secret node config out. */
  registry: SecretConfigRegistry;
}

const TEMPLATE_PREFIX = 'emailTemplate/';

/** The script's files: its metadata, and its source as text when that gives back the stored base64. */
function scriptFiles(files: ConfigFiles, script: Record<string, unknown>): void {
  const id = String(script._id);
  const base64 = typeof script.script === 'string' ? script.script : '';
  const source = Buffer.from(base64, 'base64').toString('utf8');
  if (Buffer.from(source, 'utf8').toString('base64') === base64) {
    const { script: _source, ...metadata } = script;
    files.set(layout.scriptPath(id, 'json'), stableJson(metadata));
    files.set(layout.scriptPath(id, 'js'), source);
  } else {
    files.set(layout.scriptPath(id, 'json'), stableJson(script));
  }
}

async function realmFiles(view: ConfigView, options: ExportConfigOptions, files: ConfigFiles): Promise<void> {
  const realm = options.realm.name;
  files.set(layout.REALM_FILE, stableJson(realmFileOf(options.realm)));
  files.set(layout.SELF_SERVICE_FILE, stableJson({ treeMapping: selfServiceTreesOf(options.realm) }));
  const provider = await view.configs.get(oauth2SettingsId(realm));
  if (provider !== undefined) files.set(layout.OAUTH2_PROVIDER_FILE, stableJson(provider));
  for (const name of await view.journeys.list(realm)) {
    const journey = await view.journeys.get(realm, name);
    if (journey !== undefined) files.set(layout.journeyPath(name), stableJson(exportAmRest(withoutSecretConfig(journey, options.registry))));
  }
  for (const script of await configScriptStore(view.configs).list(realm)) scriptFiles(files, { ...script });
  for (const id of await view.configs.list(customNodePrefix(realm))) {
    const type = await view.configs.get(id);
    if (isJsonObject(type) && typeof type._id === 'string') files.set(layout.customNodePath(type._id), stableJson(type));
  }
  for (const id of await view.configs.list(realmPrefix(realm))) {
    const ref = parseProviderDocumentId(realm, id);
    const document = await view.configs.get(id);
    if (ref === undefined || !isJsonObject(document)) continue;
    const json: Record<string, unknown> = withoutSecret(document);
    if (document.clientSecret !== undefined) json.clientSecret = secretReference(layout.providerSecretReference(ref.type, ref.name));
    files.set(layout.providerPath(ref.type, ref.name), stableJson(json));
  }
  const prefix = clientsPrefix(realm);
  for (const id of await view.configs.list(prefix)) {
    const document = await view.configs.get(id);
    if (!isJsonObject(document)) continue;
    const clientId = id.slice(prefix.length);
    const json = structuredClone(document);
    const core = json.coreOAuth2ClientConfig;
    if (isJsonObject(core) && core.userpassword !== undefined) core.userpassword = secretReference(layout.clientSecretReference(clientId));
    files.set(layout.clientPath(clientId), stableJson(json));
  }
}

async function globalFiles(view: ConfigView, files: ConfigFiles): Promise<void> {
  const email = await view.configs.get(EMAIL_SETTINGS_CONFIG_ID);
  if (isJsonObject(email)) {
    const json = structuredClone(email);
    if (isJsonObject(json.auth) && json.auth.password !== undefined) json.auth.password = secretReference(layout.EMAIL_PASSWORD_REFERENCE);
    files.set(layout.EMAIL_FILE, stableJson(json));
  }
  for (const id of await view.configs.list(TEMPLATE_PREFIX)) {
    const template = await view.configs.get(id);
    if (template !== undefined) files.set(layout.emailTemplatePath(id.slice(TEMPLATE_PREFIX.length)), stableJson(template));
  }
  const single: [string, string][] = [
    [KBA_CONFIG_ID, layout.KBA_FILE],
    [TERMS_CONFIG_ID, layout.TERMS_FILE],
    [CONSENT_CONFIG_ID, layout.CONSENT_FILE],
    [MANAGED_CONFIG_ID, layout.MANAGED_FILE],
  ];
  for (const [id, path] of single) {
    const document = await view.configs.get(id);
    if (document !== undefined) files.set(path, stableJson(document));
  }
  await exportScriptSecrets(view, files);
}

/** The realm (and with `global`, the global documents) as config-as-code files. */
export async function exportConfig(view: ConfigView, options: ExportConfigOptions): Promise<ConfigFiles> {
  const files: ConfigFiles = new Map();
  await realmFiles(view, options, files);
  if (options.global) await globalFiles(view, files);
  return sortedFiles(files);
}
