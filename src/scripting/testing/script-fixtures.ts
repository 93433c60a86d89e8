/**
 * Helpers for script tests: a stored script from source, empty bindings data, and a run on a
 * runner with a recording host and log.
 */
import { createHash } from 'node:crypto';
import type { AmScript } from '../am-script.ts';
import type { ScriptHost, ScriptLogLine } from '../script-host.ts';
import type { ScriptOutput } from '../script-output.ts';
import type { ScriptBindingsData, ScriptRunner } from '../script-runner.ts';
import type { ScriptingSettings } from '../scripting-settings.ts';
import { resolveScriptingSettings } from '../scripting-settings.ts';

/** A JavaScript script with `source` (its id from its text unless given); evaluator `1.0` unless `version` says otherwise. */
export function jsScript(source: string, options: { id?: string; version?: '1.0' | '2.0'; revision?: number; language?: AmScript['language'] } = {}): AmScript {
  // Scripts are cached by id and revision: without an id, each text is a script of its own.
  const id = options.id ?? `script-${createHash('sha256').update(`${options.version ?? '1.0'}:${options.language ?? ''}:${source}`).digest('hex').slice(0, 16)}`;
  return {
    _id: id,
    name: `Script ${id}`,
    description: '',
    script: Buffer.from(source, 'utf8').toString('base64'),
    language: options.language ?? 'JAVASCRIPT',
    context: 'AUTHENTICATION_TREE_DECISION_NODE',
    evaluatorVersion: options.version ?? '1.0',
    default: false,
    createdBy: 'amadmin',
    creationDate: 1,
    lastModifiedBy: 'amadmin',
    lastModifiedDate: options.revision ?? 1,
  };
}

/** Bindings data with nothing in it, and `overrides`. */
export function bindingsData(overrides: Partial<ScriptBindingsData> = {}): ScriptBindingsData {
  return {
    shared: {},
    transient: {},
    callbacks: undefined,
    headers: {},
    parameters: {},
    cookies: {},
    existingSession: null,
    resumedFromSuspend: false,
    realm: '/alpha',
    inputs: ['*'],
    outputs: ['*'],
    ...overrides,
  };
}

/** A run's output, the log lines and the host calls made. */
export interface RecordedRun {
  output: ScriptOutput;
  lines: ScriptLogLine[];
  calls: { op: string; args: unknown }[];
}

/** Runs `script` on `runner` with `answer` as the host; throws what the run throws. */
export async function runRecorded(
  runner: ScriptRunner,
  script: AmScript,
  options: { data?: Partial<ScriptBindingsData>; settings?: ScriptingSettings; answer?: ScriptHost['call']; lines?: ScriptLogLine[]; calls?: { op: string; args: unknown }[] } = {},
): Promise<RecordedRun> {
  const lines = options.lines ?? [];
  const calls = options.calls ?? [];
  const answer = options.answer ?? (async () => null);
  const output = await runner.run({
    script,
    realm: 'alpha',
    data: bindingsData(options.data),
    settings: resolveScriptingSettings({ timeoutMs: 300, ...options.settings }),
    host: {
      async call(op, args) {
        calls.push({ op, args });
        return answer(op, args);
      },
    },
    log: (line) => lines.push(line),
  });
  return { output, lines, calls };
}
