/**
 * The scripts of a journey import: each script of the batch checked as AM's REST API checks it
 * (`parseAmScript`; Frodo's line-list and JSON-string sources read too), copies of one id compared, and each
 * tree's script references resolved against the batch, Arbor's built-in scripts and the realm's
 * stored scripts. A tree is refused for a bad or conflicting script it carries, or for a node
 * naming a script that is nowhere. Scripts are stored with the trees that import.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AmScript } from '../../scripting/am-script.ts';
import type { AmScriptAudit, AmScriptFields } from '../../scripting/parse-am-script.ts';
import { describeScriptErrors, parseAmScript } from '../../scripting/parse-am-script.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { journeyFileError } from './errors.ts';
import type { JourneyFileError } from './errors.ts';
import type { ScriptInFile } from './journey-file-content.ts';
import { BUILTIN_SCRIPT_IDS, scriptReferencesOf } from './script-references.ts';

/** Who `createdBy` names for a script an export gives no author. */
export const IMPORT_WRITER = 'arbor journey import';

/** A script of the batch that reads well. */
export interface CheckedScript {
  fields: AmScriptFields;
  audit: AmScriptAudit;
  file: string;
  tree?: string;
}

/** A reason to refuse a tree, in the import's problem shape. */
export interface ScriptProblem {
  code: 'SCRIPT_INVALID' | 'SCRIPT_CONFLICT' | 'SCRIPT_MISSING';
  message: string;
  nodeId?: string;
  nodeType?: string;
}

/** The batch's scripts, checked. */
export interface BatchScripts {
  /** Scripts that read well, by id. */
  byId: Map<string, CheckedScript>;
  /** The ids of every script of the batch, good or bad (a bad one is reported as bad, not as missing). */
  carried: Set<string>;
  /** Problems of the scripts each tree carries, by tree name. */
  treeProblems: Map<string, ScriptProblem[]>;
  /** Problems of scripts that come on their own (Amster): the file is in error. */
  fileErrors: JourneyFileError[];
}

function where(script: ScriptInFile): string {
  return script.tree === undefined ? `script '${script.id}'` : `script '${script.id}' of tree '${script.tree}'`;
}

/** Checks every script of the batch. */
export function checkBatchScripts(scripts: readonly ScriptInFile[]): BatchScripts {
  const result: BatchScripts = { byId: new Map(), carried: new Set(scripts.map((script) => script.id)), treeProblems: new Map(), fileErrors: [] };
  const fail = (script: ScriptInFile, code: ScriptProblem['code'], message: string): void => {
    if (script.tree === undefined) {
      result.fileErrors.push(journeyFileError('JOURNEY_FILE_INVALID', script.file, message));
      return;
    }
    result.treeProblems.set(script.tree, [...(result.treeProblems.get(script.tree) ?? []), { code, message }]);
  };
  for (const script of scripts) {
    const parsed = parseAmScript(script.json, { id: script.id, allowFrodoForms: true });
    if (!parsed.ok) {
      fail(script, 'SCRIPT_INVALID', `${where(script)} is invalid: ${describeScriptErrors(parsed.errors)}`);
      continue;
    }
    const known = result.byId.get(script.id);
    if (known === undefined) {
      result.byId.set(script.id, { fields: parsed.fields, audit: parsed.audit, file: script.file, ...(script.tree === undefined ? {} : { tree: script.tree }) });
    } else if (!isDeepStrictEqual(known.fields, parsed.fields)) {
      const other = known.tree === undefined ? known.file : `tree '${known.tree}' (${known.file})`;
      fail(script, 'SCRIPT_CONFLICT', `${where(script)} differs from the script of the same id in ${other}`);
    }
  }
  return result;
}

/** Refusals for the nodes of `definition` naming a script neither in the batch, built in, nor stored in `realm`. */
export async function missingScripts(definition: JourneyDefinition, batch: BatchScripts, realm: string, stored: (id: string) => Promise<AmScript | undefined>): Promise<ScriptProblem[]> {
  const problems: ScriptProblem[] = [];
  for (const reference of scriptReferencesOf(definition)) {
    if (batch.carried.has(reference.scriptId) || BUILTIN_SCRIPT_IDS.has(reference.scriptId)) continue;
    if ((await stored(reference.scriptId)) !== undefined) continue;
    problems.push({
      code: 'SCRIPT_MISSING',
      message: `node ${reference.nodeId} '${reference.displayName}' (${reference.nodeType}) uses script '${reference.scriptId}', which is neither in this import nor stored in realm ${realm}`,
      nodeId: reference.nodeId,
      nodeType: reference.nodeType,
    });
  }
  return problems;
}

/** The script to store for `checked`: its author and dates from the export, else the stored script's, else now. */
export function scriptToStore(checked: CheckedScript, stored: AmScript | undefined, now: number): AmScript {
  return {
    ...checked.fields,
    createdBy: checked.audit.createdBy ?? stored?.createdBy ?? IMPORT_WRITER,
    creationDate: checked.audit.creationDate ?? stored?.creationDate ?? now,
    lastModifiedBy: checked.audit.lastModifiedBy ?? IMPORT_WRITER,
    lastModifiedDate: checked.audit.lastModifiedDate ?? now,
  };
}
