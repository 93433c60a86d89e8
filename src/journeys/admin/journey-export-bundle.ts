/**
 * A journey export with its dependencies, for the admin REST (`journey-transfer-routes.ts`): the
 * named journeys (and, asked for, every inner tree they reach, at any depth) as a Frodo multi-tree
 * export, each tree carrying the realm's scripts its nodes use, the Node Designer node types it
 * holds, the email templates its nodes send (`emailTemplateName`, Frodo's `emailTemplates`) and
 * the social identity providers it offers (without their secrets, with the custom normalization
 * scripts they name). Secret node config is left out. The same file
 * `arbor journey export` writes, so that Frodo and `arbor journey import` take it back.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { AmScript } from '../../scripting/am-script.ts';
import { configScriptStore } from '../../scripting/script-store.ts';
import type { ProviderJson } from '../../social/providers/provider-document.ts';
import { providersForJourney } from '../../social/providers/journey-providers.ts';
import type { SocialProviderService } from '../../social/providers/social-provider-service.ts';
import { templateConfigId } from '../../selfservice/email/email-template.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { configCustomNodeStore } from '../nodes/scripting/custom-script-node-store.ts';
import type { JourneyRepository } from '../ports.ts';
import { exportFrodo, type FrodoMultiTreeExport } from '../trees/export-journeys.ts';
import { innerTreeNamesOf } from '../trees/inner-tree-names.ts';
import { BUILTIN_SCRIPT_IDS, scriptIdsOf } from '../trees/script-references.ts';
import { type SecretConfigRegistry, withoutSecretConfig } from '../trees/secret-config.ts';
import { treeAdminError } from './tree-admin-errors.ts';

/** What an export reads. */
export interface JourneyExportDeps {
  journeys: Pick<JourneyRepository, 'get'>;
  configs: ConfigRepository;
  providers: SocialProviderService;
  registry: SecretConfigRegistry;
  /** The `meta.origin` of the file (Arbor's public URL). */
  origin: string;
  /** The `meta.exportedBy` of the file (`arbor admin` unless said). */
  exportedBy?: string;
  now?: () => number;
}

/** What to export. */
export interface JourneyExportRequest {
  realm: string;
  names: readonly string[];
  /** Also every tree the named ones run as inner trees, at any depth. */
  innerTrees: boolean;
}

/** The export and the inner trees that were named by a journey but are not in the realm. */
export interface JourneyExportBundle {
  file: FrodoMultiTreeExport;
  /** `inner tree 'x' of 'y' does not exist in this realm; exported without it`, one per such tree. */
  warnings: string[];
}

/** The named journeys found, the names missing, and (with `innerTrees`) every inner tree they reach, at any depth. */
export async function collectJourneys(journeys: Pick<JourneyRepository, 'get'>, realm: string, names: readonly string[], innerTrees: boolean): Promise<{ found: JourneyDefinition[]; missing: string[]; warnings: string[] }> {
  const found: JourneyDefinition[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const journey = await journeys.get(realm, name);
    if (journey === undefined) missing.push(name);
    else found.push(journey);
  }
  if (!innerTrees || missing.length > 0) return { found, missing, warnings };
  for (let index = 0; index < found.length; index += 1) {
    const runner = found[index];
    if (runner === undefined) continue;
    for (const name of innerTreeNamesOf(runner)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const journey = await journeys.get(realm, name);
      if (journey === undefined) warnings.push(`inner tree '${name}' of '${runner.tree._id}' does not exist in realm ${realm}; exported without it`);
      else found.push(journey);
    }
  }
  return { found, missing, warnings };
}

/** The stored scripts of `ids` (built-in ones are not stored, so not exported). */
async function storedScripts(configs: ConfigRepository, realm: string, ids: Iterable<string>): Promise<Map<string, AmScript>> {
  const scripts = configScriptStore(configs);
  const found = new Map<string, AmScript>();
  for (const id of new Set(ids)) {
    if (BUILTIN_SCRIPT_IDS.has(id)) continue;
    const script = await scripts.get(realm, id);
    if (script !== undefined) found.set(id, script);
  }
  return found;
}

/** The email templates `journey`'s nodes name, as Frodo exports them (`_id` `emailTemplate/<name>`), by name. */
async function emailTemplatesOf(configs: ConfigRepository, journey: JourneyDefinition): Promise<Record<string, unknown>> {
  const found: Record<string, unknown> = {};
  for (const node of Object.values(journey.nodes)) {
    const name = Object.hasOwn(node, 'emailTemplateName') ? node.emailTemplateName : undefined;
    if (typeof name !== 'string' || Object.hasOwn(found, name)) continue;
    let id: string;
    try {
      id = templateConfigId(name);
    } catch {
      continue;
    }
    const template = await configs.get(id);
    if (typeof template === 'object' && template !== null && !Array.isArray(template)) found[name] = { _id: id, ...structuredClone(template) };
  }
  return found;
}

/** `journeys` of `realm` as a Frodo export with their dependencies. */
export async function exportWithDependencies(deps: JourneyExportDeps, realm: string, journeys: readonly JourneyDefinition[]): Promise<FrodoMultiTreeExport> {
  const scripts = await storedScripts(deps.configs, realm, journeys.flatMap(scriptIdsOf));
  const customNodes = new Map((await configCustomNodeStore(deps.configs).list(realm)).map((type) => [type._id, type]));
  const file = exportFrodo(
    journeys.map((journey) => withoutSecretConfig(journey, deps.registry)),
    { origin: deps.origin, exportedBy: deps.exportedBy ?? 'arbor admin', scripts, customNodes, exportDate: new Date((deps.now ?? Date.now)()) },
  );
  for (const journey of journeys) {
    const entry = file.trees[journey.tree._id];
    if (entry === undefined) continue;
    const offered: Record<string, ProviderJson> = await providersForJourney(deps.providers, realm, journey);
    entry.socialIdentityProviders = offered;
    entry.emailTemplates = await emailTemplatesOf(deps.configs, journey);
    // A custom normalization script travels with the provider that names it.
    const transforms = Object.values(offered).flatMap((provider) => (typeof provider.transform === 'string' ? [provider.transform] : []));
    for (const [id, script] of await storedScripts(deps.configs, realm, transforms)) entry.scripts[id] = structuredClone(script);
  }
  return file;
}

/** Exports `request.names` of `request.realm` with their dependencies; a named journey missing is TREE_NOT_FOUND. */
export async function exportJourneyBundle(deps: JourneyExportDeps, request: JourneyExportRequest): Promise<JourneyExportBundle> {
  const { found, missing, warnings } = await collectJourneys(deps.journeys, request.realm, request.names, request.innerTrees);
  if (missing.length > 0) throw treeAdminError('TREE_NOT_FOUND', `No journey named ${missing.map((name) => `'${name.slice(0, 100)}'`).join(', ')} in this realm`);
  return { file: await exportWithDependencies(deps, request.realm, found), warnings };
}
