/**
 * The pure part of the journeys list's actions: a journey's copy under a new name (every node,
 * Page children too, under new ids; inner-tree references and scripts unchanged), what an export
 * file holds (its journeys, scripts, email templates and social providers), its download name, the import files
 * read from disk and the server's answer to an import. Everything read here came from outside:
 * own properties only, sizes bounded.
 */
import { isRecord, own } from './am-client.ts';

/** A file chosen for import larger than this is refused before it is sent. */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
/** At most this many files per import (the server's limit). */
export const MAX_IMPORT_FILES = 50;

/** A journey in AM's REST shape: the tree and every node config (Page children included), by id. */
export interface JourneyCopy {
  tree: Record<string, unknown>;
  nodes: Record<string, Record<string, unknown>>;
}

/** A file of an import, as the server takes it. */
export interface ImportFile {
  name: string;
  content: unknown;
}

/** What an import stored. */
export interface ImportSummary {
  journeys: { name: string; warnings: string[] }[];
  scripts: string[];
  socialProviders: string[];
  ignored: string[];
}

/** What an export file holds. */
export interface ExportSummary {
  journeys: string[];
  scripts: string[];
  emailTemplates: string[];
  socialProviders: string[];
}

function records(value: unknown): [string, Record<string, unknown>][] {
  return isRecord(value) ? Object.entries(value).flatMap(([key, entry]): [string, Record<string, unknown>][] => (isRecord(entry) ? [[key, entry]] : [])) : [];
}

function texts(value: unknown, limit = 500): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, limit) : [];
}

/** The entry of `name` in a Frodo multi-tree export (`trees.<name>`), or undefined. */
function frodoEntry(file: unknown, name: string): Record<string, unknown> | undefined {
  const trees = isRecord(file) ? own(file, 'trees') : undefined;
  const entry = isRecord(trees) ? own(trees, name) : undefined;
  return isRecord(entry) ? entry : undefined;
}

/**
 * The copy of journey `source` of the Frodo export `file` named `name`: each node (and each Page
 * child) gets the id `newId()` gives, the tree's entry, connections, layout and the Pages' child
 * lists follow; connections to Success, Failure or anything else that is not a node stay as they
 * are; `_rev` is dropped. Undefined when the file does not hold `source`.
 */
export function duplicateJourney(file: unknown, source: string, name: string, newId: () => string): JourneyCopy | undefined {
  const entry = frodoEntry(file, source);
  const tree = entry === undefined ? undefined : own(entry, 'tree');
  if (entry === undefined || !isRecord(tree)) return undefined;
  const originals = [...records(own(entry, 'nodes')), ...records(own(entry, 'innerNodes'))];
  const ids = new Map<string, string>();
  for (const [id] of originals) if (!ids.has(id)) ids.set(id, newId());
  const renamed = (id: unknown): unknown => (typeof id === 'string' ? (ids.get(id) ?? id) : id);

  const nodes: Record<string, Record<string, unknown>> = {};
  for (const [id, config] of originals) {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) if (key !== '_rev') copy[key] = structuredClone(value);
    copy._id = renamed(id);
    const children = own(config, 'nodes');
    if (Array.isArray(children)) copy.nodes = children.map((child) => (isRecord(child) ? { ...structuredClone(child), _id: renamed(own(child, '_id')) } : child));
    nodes[String(renamed(id))] = copy;
  }

  const treeCopy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) if (key !== '_rev') treeCopy[key] = structuredClone(value);
  treeCopy._id = name;
  treeCopy.entryNodeId = renamed(own(tree, 'entryNodeId'));
  const treeNodes: Record<string, unknown> = {};
  for (const [id, placed] of records(own(tree, 'nodes'))) {
    const connections: Record<string, unknown> = {};
    const original = own(placed, 'connections');
    for (const [outcome, target] of Object.entries(isRecord(original) ? original : {})) connections[outcome] = renamed(target);
    treeNodes[String(renamed(id))] = { ...structuredClone(placed), connections };
  }
  treeCopy.nodes = treeNodes;
  return { tree: treeCopy, nodes };
}

/** The journeys, scripts (by name), email templates and social providers of a Frodo multi-tree export. */
export function exportSummary(file: unknown): ExportSummary {
  const trees = isRecord(file) ? records(own(file, 'trees')) : [];
  const scripts = new Set<string>();
  const providers = new Set<string>();
  const templates = new Set<string>();
  for (const [, entry] of trees) {
    for (const [templateName] of records(own(entry, 'emailTemplates'))) templates.add(templateName);
    for (const [id, script] of records(own(entry, 'scripts'))) {
      const scriptName = own(script, 'name');
      scripts.add(typeof scriptName === 'string' && scriptName !== '' ? scriptName : id);
    }
    for (const [providerName] of records(own(entry, 'socialIdentityProviders'))) providers.add(providerName);
  }
  return { journeys: trees.map(([name]) => name), scripts: [...scripts].sort(), emailTemplates: [...templates].sort(), socialProviders: [...providers].sort() };
}

/** The download's file name: Frodo's `<journey>.journey.json`, with characters no file system takes replaced. */
export function exportFileName(journey: string): string {
  const safe = journey.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);
  return `${safe || 'journey'}.journey.json`;
}

/** A chosen file's content for an import, or why it cannot be sent. */
export function readImportFile(name: string, size: number, text: string): { file: ImportFile } | { problem: string } {
  if (size > MAX_IMPORT_FILE_BYTES) return { problem: `${name} is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB.` };
  try {
    return { file: { name, content: JSON.parse(text) as unknown } };
  } catch {
    return { problem: `${name} is not a JSON file.` };
  }
}

/** The server's answer to an import, read. */
export function importSummary(answer: unknown): ImportSummary {
  const record = isRecord(answer) ? answer : {};
  const trees = own(record, 'trees');
  const journeys = Array.isArray(trees)
    ? trees.filter(isRecord).slice(0, 500).flatMap((tree) => {
        const name = own(tree, 'name');
        return typeof name === 'string' ? [{ name, warnings: texts(own(tree, 'warnings'), 50) }] : [];
      })
    : [];
  const scripts = own(record, 'scripts');
  const scriptNames = Array.isArray(scripts) ? scripts.filter(isRecord).flatMap((script) => (typeof own(script, 'name') === 'string' ? [String(own(script, 'name'))] : [])) : [];
  return { journeys, scripts: scriptNames.slice(0, 500), socialProviders: texts(own(record, 'socialIdentityProviders')), ignored: texts(own(record, 'ignored')) };
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
