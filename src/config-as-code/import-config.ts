/**
 * `planImport`: reads a config-as-code directory model, checks every file through the checks the
 * REST API and CLI writes use (journeys through `importJourneys`, scripts through `parseAmScript`,
 * custom nodes through `parseCustomNodeType`, providers through the provider service, clients
 * through the client store, email through the email admin, KBA, terms, consent and managed objects
 * through their parsers) against a store whose writes are staged (`staged-store.ts`), and answers
 * every problem (`<file>: <reason>`) and every change (`+`, `~`, `-` per file). `applyImport` then
 * writes what was staged in one store transaction: all of it, or (after a single problem)
 * nothing. Objects absent from the directory stay unless `prune` is asked.
 */
import { randomBytes } from 'node:crypto';
import { isJsonObject } from '../json/is-json-object.ts';
import { createManagedConfigService, isBuiltInPolicy } from '../identity/crest/managed-config-service.ts';
import { parseManagedConfig } from '../identity/managed-schema.ts';
import { MANAGED_CONFIG_ID } from '../identity/schema-for-type.ts';
import type { ValidateJourneyOptions } from '../journeys/engine/validate-journey.ts';
import { isBlocking } from '../journeys/engine/validate-journey.ts';
import { parseCustomNodeType } from '../journeys/nodes/scripting/custom-script-node-definition.ts';
import { configCustomNodeStore, customNodeDocumentId } from '../journeys/nodes/scripting/custom-script-node-store.ts';
import { importJourneys } from '../journeys/trees/import-journeys.ts';
import { clientDocumentId, createOAuth2ClientStore } from '../oauth2/oauth2-client-store.ts';
import { oauth2SettingsId } from '../platform/oidc/oauth2-provider-settings.ts';
import { describeScriptErrors, parseAmScript } from '../scripting/parse-am-script.ts';
import { configScriptStore, scriptDocumentId } from '../scripting/script-store.ts';
import { createSecretSealer, type SecretSealer } from '../secrets/secret-sealer.ts';
import { CONSENT_CONFIG_ID, parseConsentConfig } from '../selfservice/consent/consent-config.ts';
import { createEmailConfigAdmin } from '../selfservice/email/email-config-admin.ts';
import { createEmailSecrets } from '../selfservice/email/email-secrets.ts';
import { EMAIL_SETTINGS_CONFIG_ID } from '../selfservice/email/email-settings.ts';
import { templateConfigId } from '../selfservice/email/email-template.ts';
import { KBA_CONFIG_ID, parseKbaConfig } from '../selfservice/kba/kba-config.ts';
import { parseSelfServiceTreesBody } from '../selfservice/self-service-trees.ts';
import { parseTermsConfig, TERMS_CONFIG_ID } from '../selfservice/terms/terms-config.ts';
import { providerDocumentId } from '../social/providers/provider-document.ts';
import { isProviderType } from '../social/providers/provider-types.ts';
import { createSocialProviderService } from '../social/providers/social-provider-service.ts';
import type { DurableRepositories } from '../store/store.ts';
import { type ConfigFiles, segmentName } from './config-files.ts';
import * as layout from './config-layout.ts';
import { diffConfigFiles, type ConfigChange } from './diff-config-files.ts';
import { exportConfig } from './export-config.ts';
import { readRealmFile } from './realm-file.ts';
import { importScriptSecrets, scriptSecretIdOfPath } from './script-secret-files.ts';
import { type GivenSecrets, resolveSecretReference as resolveSecret } from './secret-reference.ts';
import { applyStaged, type ConfigView, type StagedStore, stagedStore } from './staged-store.ts';

/** What an import needs. */
export interface ImportConfigInput {
  /** The store as it is (nothing is written to it here). */
  store: ConfigView;
  files: ConfigFiles;
  /** The realm to import into (created when it does not exist and the directory has `realm.json`). */
  realm: string;
  registry: ValidateJourneyOptions['registry'] & Parameters<typeof exportConfig>[1]['registry'];
  /** The master key's sealer, asked for only when `secrets` gives a secret to store, or a journey has a node secret in clear. */
  sealer: () => Promise<SecretSealer>;
  /** Secrets for the references of the files (`--secrets`). */
  secrets: GivenSecrets;
  /** Remove the realm's objects that the directory does not have. */
  prune: boolean;
}

/** One problem: the file, and why. */
export interface ImportProblem {
  file: string;
  reason: string;
}

/** The checked import: its problems (nothing may be applied when there is one) and its changes. */
export interface ImportPlan {
  problems: ImportProblem[];
  changes: ConfigChange[];
  staged: StagedStore;
  /** The managed objects config to apply through its service (its indexes follow it). */
  managed?: unknown;
}

const SCALAR_FILES = new Set([layout.REALM_FILE, layout.SELF_SERVICE_FILE, layout.OAUTH2_PROVIDER_FILE, layout.EMAIL_FILE, layout.KBA_FILE, layout.TERMS_FILE, layout.CONSENT_FILE, layout.MANAGED_FILE]);

/** The name a `<dir>/<segment>.<ext>` path stands for, when `path` is one. */
function nameIn(path: string, dir: string, ext: string): string | undefined {
  if (!path.startsWith(dir) || !path.endsWith(ext)) return undefined;
  const segment = path.slice(dir.length, path.length - ext.length);
  return segment.includes('/') ? undefined : segmentName(segment);
}

/** `[type, name]` of a provider file path. */
function providerOf(path: string): [string, string] | undefined {
  const rest = path.slice(layout.SOCIAL_PROVIDERS_DIR.length);
  const [type, file, extra] = rest.split('/');
  if (!path.startsWith(layout.SOCIAL_PROVIDERS_DIR) || type === undefined || file === undefined || extra !== undefined || !file.endsWith('.json')) return undefined;
  const typeName = segmentName(type);
  const name = segmentName(file.slice(0, -'.json'.length));
  return typeName === undefined || name === undefined || !isProviderType(typeName) ? undefined : [typeName, name];
}

/** True for a path of the layout. */
export function isLayoutPath(path: string): boolean {
  return (
    SCALAR_FILES.has(path) ||
    nameIn(path, layout.JOURNEYS_DIR, '.json') !== undefined ||
    nameIn(path, layout.SCRIPTS_DIR, '.json') !== undefined ||
    nameIn(path, layout.SCRIPTS_DIR, '.js') !== undefined ||
    nameIn(path, layout.CUSTOM_NODES_DIR, '.json') !== undefined ||
    nameIn(path, layout.OAUTH2_CLIENTS_DIR, '.json') !== undefined ||
    nameIn(path, layout.EMAIL_TEMPLATES_DIR, '.json') !== undefined ||
    scriptSecretIdOfPath(path) !== undefined ||
    providerOf(path) !== undefined
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Checks the files and stages their writes; see the module comment. */
export async function planImport(input: ImportConfigInput): Promise<ImportPlan> {
  const { store, files, realm, secrets } = input;
  const problems: ImportProblem[] = [];
  const problem = (file: string, reason: string): void => void problems.push({ file, reason });
  const staged = stagedStore(store);
  const plan: ImportPlan = { problems, changes: [], staged };

  // 1. Every file read as JSON (scripts' sources as text), every path one of the layout.
  const json = new Map<string, unknown>();
  for (const [path, text] of files) {
    if (!isLayoutPath(path)) {
      problem(path, 'is not a file of the config-as-code layout (docs/config-as-code.md)');
      continue;
    }
    if (path.endsWith('.js')) continue;
    try {
      json.set(path, JSON.parse(text));
    } catch (error) {
      // JSON.parse's message may quote the file's text (a secret put there by mistake): only its position is told.
      const at = error instanceof Error ? /at position \d+(?: \(line \d+ column \d+\))?/.exec(error.message)?.[0] : undefined;
      problem(path, at === undefined ? 'is not JSON' : `is not JSON (${at})`);
    }
  }
  const sealer = secrets.size > 0 ? await input.sealer() : createSecretSealer(randomBytes(32));
  const global = [...files.keys()].some((path) => path.startsWith(layout.GLOBAL_DIR));
  const before = await exportConfigOf(store, realm, input.registry, global);

  // 2. The realm's settings and its Self Service Trees mapping.
  const stored = await store.realms.get(realm);
  let trees: Record<string, string> | undefined;
  if (json.has(layout.SELF_SERVICE_FILE)) {
    try {
      trees = parseSelfServiceTreesBody(json.get(layout.SELF_SERVICE_FILE));
    } catch (error) {
      problem(layout.SELF_SERVICE_FILE, messageOf(error));
    }
  }
  if (json.has(layout.REALM_FILE)) {
    const read = readRealmFile(json.get(layout.REALM_FILE), realm, stored, secrets, trees);
    if (read.ok) await staged.realms.put(read.realm);
    else for (const reason of read.problems) problem(layout.REALM_FILE, reason);
  } else if (stored === undefined) {
    problem(layout.REALM_FILE, `is required: realm ${realm} does not exist`);
  } else if (trees !== undefined) {
    await staged.realms.put({ ...stored, selfServiceTrees: trees });
  }
  if (json.has(layout.OAUTH2_PROVIDER_FILE)) {
    const value = json.get(layout.OAUTH2_PROVIDER_FILE);
    const map = isJsonObject(value) ? value.acrJourneys : undefined;
    if (!isJsonObject(value) || Object.keys(value).some((key) => key !== 'acrJourneys') || !isJsonObject(map) || !Object.values(map).every((tree) => typeof tree === 'string' && tree !== '')) {
      problem(layout.OAUTH2_PROVIDER_FILE, 'must be {"acrJourneys": {"<acr>": "<journey>"}}');
    } else {
      await staged.configs.put(oauth2SettingsId(realm), value);
    }
  }

  // 3. Scripts, then custom node types: the journeys and providers that name them are checked against them.
  const scripts = configScriptStore(staged.configs);
  const scriptNames = new Map<string, string>();
  for (const path of files.keys()) {
    const id = nameIn(path, layout.SCRIPTS_DIR, '.js');
    if (id !== undefined && !files.has(layout.scriptPath(id, 'json'))) problem(path, `has no ${layout.scriptPath(id, 'json')} beside it`);
  }
  for (const [path, value] of json) {
    const id = nameIn(path, layout.SCRIPTS_DIR, '.json');
    if (id === undefined) continue;
    const source = files.get(layout.scriptPath(id, 'js'));
    const body = isJsonObject(value) && source !== undefined ? { ...value, script: Buffer.from(source, 'utf8').toString('base64') } : value;
    if (isJsonObject(value) && source !== undefined && Object.hasOwn(value, 'script')) problem(path, `has a script field and ${layout.scriptPath(id, 'js')}: keep one`);
    const parsed = parseAmScript(body, { id });
    if (!parsed.ok) {
      problem(path, describeScriptErrors(parsed.errors));
      continue;
    }
    const clash = scriptNames.get(parsed.fields.name);
    if (clash !== undefined) problem(path, `names the script '${parsed.fields.name}' as ${layout.scriptPath(clash, 'json')} does`);
    scriptNames.set(parsed.fields.name, id);
    const previous = await store.configs.get(scriptDocumentId(realm, id));
    const was = isJsonObject(previous) ? previous : {};
    const now = Date.now();
    await scripts.put(realm, {
      ...parsed.fields,
      createdBy: parsed.audit.createdBy ?? (typeof was.createdBy === 'string' ? was.createdBy : 'arbor config import'),
      creationDate: parsed.audit.creationDate ?? (typeof was.creationDate === 'number' ? was.creationDate : now),
      lastModifiedBy: parsed.audit.lastModifiedBy ?? 'arbor config import',
      lastModifiedDate: parsed.audit.lastModifiedDate ?? now,
    });
  }
  for (const stored of await scripts.list(realm)) {
    const owner = scriptNames.get(stored.name);
    if (owner !== undefined && owner !== stored._id && !json.has(layout.scriptPath(stored._id, 'json')) && !input.prune) {
      problem(layout.scriptPath(owner, 'json'), `names the script '${stored.name}', the name of the realm's script ${stored._id}`);
    }
  }
  const customNodes = configCustomNodeStore(staged.configs);
  for (const [path, value] of json) {
    const id = nameIn(path, layout.CUSTOM_NODES_DIR, '.json');
    if (id === undefined) continue;
    const parsed = parseCustomNodeType(value, id);
    if (!parsed.ok) problem(path, parsed.error);
    else if (parsed.type._id !== id) problem(path, `holds node type ${parsed.type._id}: the file must be ${layout.customNodePath(parsed.type._id)}`);
    else await customNodes.put(realm, parsed.type);
  }

  // 4. Journeys, all together (they may run each other as inner trees).
  const journeyFiles: { name: string; json: unknown }[] = [];
  for (const [path, value] of json) {
    const name = nameIn(path, layout.JOURNEYS_DIR, '.json');
    if (name === undefined) continue;
    const tree = isJsonObject(value) && isJsonObject(value.tree) ? value.tree._id : undefined;
    if (tree !== name) problem(path, `must hold the tree '${name}' ({"tree": {"_id": ${JSON.stringify(name)}, …}, "nodes": {…}})`);
    else journeyFiles.push({ name: path, json: value });
  }
  if (journeyFiles.length > 0) {
    // The master key's own sealer, never the stand-in: a node secret kept in clear by an older Arbor is sealed by this write.
    const report = await importJourneys({ store: staged, registry: input.registry, realm, files: journeyFiles, sealer: secrets.size > 0 ? async () => sealer : input.sealer });
    for (const error of report.fileErrors) problem(error.file, error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message);
    for (const tree of report.trees) {
      if (tree.status === 'refused') for (const found of tree.problems.filter(isBlocking)) problem(tree.file, found.message);
    }
    for (const item of report.ignored) problem(item.file, `has a ${item.kind} '${item.name}': a journey file holds {tree, nodes} only`);
  }

  // 5. Social identity providers and OAuth 2.0 clients, their secrets as references.
  const providers = createSocialProviderService({ configs: staged.configs, sealer });
  for (const [path, value] of json) {
    if (!path.startsWith(layout.SOCIAL_PROVIDERS_DIR)) continue;
    const ref = providerOf(path);
    if (ref === undefined || !isJsonObject(value)) {
      problem(path, 'must be a provider object');
      continue;
    }
    const [type, name] = ref;
    const body = { ...value };
    if (isProviderType(type)) {
      const storedDocument = await store.configs.get(providerDocumentId(realm, type, name));
      const hasStored = isJsonObject(storedDocument) && storedDocument.clientSecret !== undefined;
      const secret = resolveSecret(body.clientSecret, layout.providerSecretReference(type, name), hasStored, secrets);
      if ('problem' in secret) {
        problem(path, `clientSecret: ${secret.problem}`);
        continue;
      }
      if (secret.value === undefined) delete body.clientSecret;
      else body.clientSecret = secret.value;
      try {
        await providers.put(realm, type, name, body, { discovery: false });
      } catch (error) {
        problem(path, messageOf(error));
      }
    }
  }
  const clients = createOAuth2ClientStore({ configs: staged.configs, sealer });
  for (const [path, value] of json) {
    const id = nameIn(path, layout.OAUTH2_CLIENTS_DIR, '.json');
    if (id === undefined) continue;
    const body = isJsonObject(value) ? structuredClone(value) : value;
    const core = isJsonObject(body) ? body.coreOAuth2ClientConfig : undefined;
    if (isJsonObject(core) && core.userpassword !== undefined) {
      const storedDocument = await store.configs.get(clientDocumentId(realm, id));
      const storedCore = isJsonObject(storedDocument) ? storedDocument.coreOAuth2ClientConfig : undefined;
      const secret = resolveSecret(core.userpassword, layout.clientSecretReference(id), isJsonObject(storedCore) && storedCore.userpassword !== undefined, secrets);
      if ('problem' in secret) {
        problem(path, `coreOAuth2ClientConfig.userpassword: ${secret.problem}`);
        continue;
      }
      if (secret.value === undefined) delete core.userpassword;
      else core.userpassword = secret.value;
    }
    try {
      await clients.put(realm, id, body);
    } catch (error) {
      problem(path, messageOf(error));
    }
  }

  // 6. The global documents.
  await planGlobal(input, json, staged, sealer, plan);

  // 7. Removal of what the directory does not have, when asked.
  if (input.prune) await prune(staged, realm, before, files);

  if (problems.length === 0) {
    const after = await exportConfigOf(staged, realm, input.registry, global);
    plan.changes = diffConfigFiles(before, after);
  }
  return plan;
}

async function planGlobal(input: ImportConfigInput, json: ReadonlyMap<string, unknown>, staged: StagedStore, sealer: SecretSealer, plan: ImportPlan): Promise<void> {
  const problem = (file: string, reason: string): void => void plan.problems.push({ file, reason });
  const email = createEmailConfigAdmin(staged.configs, createEmailSecrets(sealer));
  if (json.has(layout.EMAIL_FILE)) {
    const value = json.get(layout.EMAIL_FILE);
    const body = isJsonObject(value) ? structuredClone(value) : value;
    const auth = isJsonObject(body) ? body.auth : undefined;
    let ok = true;
    if (isJsonObject(auth) && auth.password !== undefined) {
      const storedEmail = await input.store.configs.get(EMAIL_SETTINGS_CONFIG_ID);
      const storedAuth = isJsonObject(storedEmail) ? storedEmail.auth : undefined;
      const secret = resolveSecret(auth.password, layout.EMAIL_PASSWORD_REFERENCE, isJsonObject(storedAuth) && storedAuth.password !== undefined, input.secrets);
      if ('problem' in secret) {
        problem(layout.EMAIL_FILE, `auth.password: ${secret.problem}`);
        ok = false;
      } else if (secret.value === undefined) delete auth.password;
      else auth.password = secret.value;
    }
    if (ok) {
      try {
        await email.putSettings(body);
      } catch (error) {
        problem(layout.EMAIL_FILE, messageOf(error));
      }
    }
  }
  for (const [path, value] of json) {
    const name = nameIn(path, layout.EMAIL_TEMPLATES_DIR, '.json');
    if (name === undefined) continue;
    try {
      await email.putTemplate(name, value);
    } catch (error) {
      problem(path, messageOf(error));
    }
  }
  await importScriptSecrets({ stored: input.store, staged, json, secrets: input.secrets, sealer, problem });
  const parsers: [string, string, (value: unknown) => unknown][] = [
    [layout.KBA_FILE, KBA_CONFIG_ID, parseKbaConfig],
    [layout.TERMS_FILE, TERMS_CONFIG_ID, parseTermsConfig],
    [layout.CONSENT_FILE, CONSENT_CONFIG_ID, parseConsentConfig],
  ];
  for (const [path, id, parse] of parsers) {
    if (!json.has(path)) continue;
    try {
      parse(json.get(path));
      await staged.configs.put(id, json.get(path));
    } catch (error) {
      problem(path, messageOf(error));
    }
  }
  if (json.has(layout.MANAGED_FILE)) {
    const value = json.get(layout.MANAGED_FILE);
    try {
      const { _id: _ignored, ...document } = isJsonObject(value) ? value : {};
      if (!isJsonObject(value)) throw new Error('must be a JSON object');
      const config = parseManagedConfig(document);
      for (const object of config.objects) {
        for (const [property, schema] of Object.entries(object.schema.properties)) {
          const unknown = (schema.policies ?? []).find((policy) => !isBuiltInPolicy(policy.policyId));
          if (unknown !== undefined) throw new Error(`managed/${object.name}.${property}: unknown policy "${unknown.policyId}"`);
        }
      }
      const current = await input.store.configs.get(MANAGED_CONFIG_ID);
      if (JSON.stringify(current) !== JSON.stringify(config)) {
        plan.managed = value;
        await staged.configs.put(MANAGED_CONFIG_ID, config);
      }
    } catch (error) {
      problem(layout.MANAGED_FILE, messageOf(error));
    }
  }
}

/** Stages the removal of the objects of `before` (the realm's export) that `files` lacks. */
async function prune(staged: StagedStore, realm: string, before: ConfigFiles, files: ConfigFiles): Promise<void> {
  for (const path of before.keys()) {
    if (files.has(path)) continue;
    const journey = nameIn(path, layout.JOURNEYS_DIR, '.json');
    const script = nameIn(path, layout.SCRIPTS_DIR, '.json');
    const type = nameIn(path, layout.CUSTOM_NODES_DIR, '.json');
    const client = nameIn(path, layout.OAUTH2_CLIENTS_DIR, '.json');
    const template = nameIn(path, layout.EMAIL_TEMPLATES_DIR, '.json');
    const provider = providerOf(path);
    if (journey !== undefined) await staged.journeys.delete(realm, journey);
    else if (script !== undefined) await staged.configs.delete(scriptDocumentId(realm, script));
    else if (type !== undefined) await staged.configs.delete(customNodeDocumentId(realm, type));
    else if (client !== undefined) await staged.configs.delete(clientDocumentId(realm, client));
    else if (template !== undefined) await staged.configs.delete(templateConfigId(template));
    else if (provider !== undefined && isProviderType(provider[0])) await staged.configs.delete(providerDocumentId(realm, provider[0], provider[1]));
    else if (path === layout.OAUTH2_PROVIDER_FILE) await staged.configs.delete(oauth2SettingsId(realm));
  }
}

/** The export of `view`'s realm (empty when it does not exist yet). */
async function exportConfigOf(view: ConfigView, realm: string, registry: ImportConfigInput['registry'], global: boolean): Promise<ConfigFiles> {
  const config = await view.realms.get(realm);
  if (config === undefined) return new Map();
  return exportConfig(view, { realm: config, global, registry });
}

/** Writes what `plan` staged, in one transaction of `store`; refuses a plan with problems. */
export async function applyImport(plan: ImportPlan, store: { transaction<T>(work: (tx: DurableRepositories) => Promise<T>): Promise<T> }): Promise<void> {
  if (plan.problems.length > 0) throw new Error('an import with problems is never applied');
  await store.transaction(async (tx) => {
    await applyStaged(plan.staged, tx);
    if (plan.managed !== undefined) await createManagedConfigService({ configs: tx.configs, objects: tx.managedObjects }).replace(plan.managed);
  });
}
