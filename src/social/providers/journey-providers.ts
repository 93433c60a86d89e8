/**
 * Providers travelling with journeys in Frodo exports (`socialIdentityProviders`, keyed by name,
 * each AM's JSON with `_type._id`): stored on import (secrets in exports are `null` or absent, so
 * the stored secret is kept), and gathered on export for the trees that use them.
 */
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import { isProviderType } from './provider-types.ts';
import { isSocialProviderError } from './provider-errors.ts';
import type { ProviderJson } from './provider-document.ts';
import type { SocialProviderService } from './social-provider-service.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `socialIdentityProviders` of a Frodo export (multi-tree `trees.*`, or the 0.x single tree), by name. */
export function providersInExport(json: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const collect = (entry: unknown): void => {
    const providers = isRecord(entry) && Object.hasOwn(entry, 'socialIdentityProviders') ? entry.socialIdentityProviders : undefined;
    if (!isRecord(providers)) return;
    for (const [name, provider] of Object.entries(providers)) if (isRecord(provider)) found.set(name, provider);
  };
  collect(json);
  const trees = isRecord(json) && Object.hasOwn(json, 'trees') ? json.trees : undefined;
  if (isRecord(trees)) for (const entry of Object.values(trees)) collect(entry);
  return found;
}

/** What happened to one provider of an import. */
export type ProviderImportResult = { name: string; status: 'imported' } | { name: string; status: 'refused'; reason: string };

/** Stores the providers of `json` in `realm` (no discovery fetch: the file is taken as complete). */
export async function importExportProviders(service: SocialProviderService, realm: string, json: unknown): Promise<ProviderImportResult[]> {
  const results: ProviderImportResult[] = [];
  for (const [name, provider] of providersInExport(json)) {
    const typeRef = provider._type;
    const type = isRecord(typeRef) ? typeRef._id : undefined;
    if (!isProviderType(type)) {
      results.push({ name, status: 'refused', reason: `unknown provider type ${JSON.stringify(type)}` });
      continue;
    }
    try {
      await service.put(realm, type, name, provider, { discovery: false });
      results.push({ name, status: 'imported' });
    } catch (error) {
      if (!isSocialProviderError(error)) throw error;
      results.push({ name, status: 'refused', reason: error.message });
    }
  }
  return results;
}

const SOCIAL_NODE_TYPES = new Set(['SocialProviderHandlerNode', 'SocialProviderHandlerNodeV2', 'SelectIdPNode']);

/**
 * The providers `definition` uses, for its export: the SelectIdP nodes' `filteredProviders` when
 * every such node filters; all providers of the realm when a node offers them all (an empty
 * filter) or only a handler node is there; none without social nodes.
 */
export async function providersForJourney(service: SocialProviderService, realm: string, definition: JourneyDefinition): Promise<Record<string, ProviderJson>> {
  const nodes = Object.values(definition.nodes).filter((node) => SOCIAL_NODE_TYPES.has(node._type._id));
  if (nodes.length === 0) return {};
  const named = new Set<string>();
  let all = false;
  for (const node of nodes) {
    if (node._type._id !== 'SelectIdPNode') continue;
    const filter = node.filteredProviders;
    if (Array.isArray(filter) && filter.length > 0) for (const name of filter) named.add(String(name));
    else all = true;
  }
  if (named.size === 0) all = true;
  const selected: Record<string, ProviderJson> = {};
  for (const provider of await service.list(realm)) {
    const name = String(provider._id);
    if (all || named.has(name)) selected[name] = provider;
  }
  return selected;
}
