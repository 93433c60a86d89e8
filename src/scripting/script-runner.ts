/**
 * Runs a stored script to its end. The sandbox is synchronous, so asynchronous host calls
 * (`httpClient`, `openidm`, `idRepository`) are replayed: the script runs until it makes a call
 * whose answer is not known yet; the run is stopped (nothing it did is kept), the call is made, and
 * the script runs again from the start with the answers so far given back in order. Random values
 * are recorded the same way, so a replay sees what the earlier runs saw; a script that asks for
 * other calls on a replay is refused. Log lines of a stopped run are dropped, so each is written
 * once. Scripts are prepared once per id and revision (`lastModifiedDate`). Attempts run where the
 * `SandboxExecutor` says: this thread, or a pool of worker threads (`sandbox-executor.ts`).
 */
import type { SubmittedCallback } from '../journeys/engine/callbacks.ts';
import type { AmScript } from './am-script.ts';
import { scriptSource } from './am-script.ts';
import type { SandboxExecutor } from './sandbox-executor.ts';
import { inProcessExecutor } from './sandbox-executor.ts';
import type { RecordedCall } from './sandbox-job.ts';
import { DEFAULT_MAX_STACK_BYTES } from './sandbox-run.ts';
import { scriptError } from './script-error.ts';
import type { ScriptHost, ScriptLogLine } from './script-host.ts';
import { isScriptHostError } from './script-host.ts';
import type { ScriptOutput } from './script-output.ts';
import { readScriptOutput } from './script-output.ts';
import type { ResolvedScriptingSettings } from './scripting-settings.ts';

/** The data bindings of one run (copied into the sandbox as JSON). */
export interface ScriptBindingsData {
  shared: Record<string, unknown>;
  transient: Record<string, unknown>;
  /** The callbacks submitted for the node; undefined on its first run. */
  callbacks: SubmittedCallback[] | undefined;
  /** Lower-case header names → values. */
  headers: Record<string, string[]>;
  parameters: Record<string, string[]>;
  cookies: Record<string, string>;
  /** The existing session's properties, or null. */
  existingSession: Record<string, string> | null;
  resumedFromSuspend: boolean;
  /** AM's realm path (`/alpha`). */
  realm: string;
  /** State keys a next-generation script may read (`*` for all). */
  inputs: string[];
  /** State keys a next-generation script may write (`*` for all). */
  outputs: string[];
  /** A Node Designer node's `properties` (its config with defaults); bound only when given. */
  properties?: Record<string, unknown>;
  /** True for a Configuration Provider script: the global `config` it sets is the result's `config`. */
  collectConfig?: boolean;
  /**
   * JSON documents bound by name (`rawProfile`, `normalizedProfile`): AM's `JsonValue` for legacy
   * scripts, a plain object with `get` for next-generation ones.
   */
  documents?: Record<string, unknown>;
  /** Text values bound by name (`selectedIdp`). */
  values?: Record<string, string>;
  /** True when the script's completion value is the result (`result`): social profile scripts. */
  collectResult?: boolean;
}

/** One run. */
export interface ScriptRunRequest {
  script: AmScript;
  /** The realm's name (the cache key). */
  realm: string;
  data: ScriptBindingsData;
  settings: ResolvedScriptingSettings;
  host: ScriptHost;
  /** Where the script's `logger` lines (and the host's notes about it) go. */
  log(line: ScriptLogLine): void;
}

/** Runs scripts. */
export interface ScriptRunner {
  /** Runs the script to its end; throws a `ScriptError` when it fails. */
  run(request: ScriptRunRequest): Promise<ScriptOutput>;
}

/** What a runner may change. */
export interface ScriptRunnerOptions {
  maxStackBytes?: number;
  /** Host calls one run may make (default 32). */
  maxHostCalls?: number;
  /** Prepared scripts kept (default 512). */
  cacheSize?: number;
  /** Where attempts run; this thread unless given (the platform gives a pool of workers). */
  executor?: SandboxExecutor;
}

interface Prepared {
  source: string;
  filename: string;
  version: '1.0' | '2.0';
}

function parseArgs(argsJson: string): Record<string, unknown> {
  const value: unknown = JSON.parse(argsJson);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A runner. */
export function createScriptRunner(options: ScriptRunnerOptions = {}): ScriptRunner {
  const maxHostCalls = options.maxHostCalls ?? 32;
  const cacheSize = options.cacheSize ?? 512;
  const executor = options.executor ?? inProcessExecutor();
  const prepared = new Map<string, Prepared>();

  function prepare(realm: string, script: AmScript): Prepared {
    const key = `${realm}\u0000${script._id}\u0000${script.lastModifiedDate}`;
    const hit = prepared.get(key);
    if (hit !== undefined) {
      prepared.delete(key);
      prepared.set(key, hit);
      return hit;
    }
    if (script.language !== 'JAVASCRIPT') {
      throw scriptError('SCRIPT_LANGUAGE_UNSUPPORTED', `${script.language} scripts are kept but not run; only JavaScript runs`);
    }
    const made: Prepared = {
      source: scriptSource(script),
      filename: `${script.name || script._id}.js`,
      version: script.evaluatorVersion === '2.0' ? '2.0' : '1.0',
    };
    prepared.set(key, made);
    if (prepared.size > cacheSize) {
      const oldest = prepared.keys().next().value;
      if (oldest !== undefined) prepared.delete(oldest);
    }
    return made;
  }

  return {
    async run(request) {
      const script = prepare(request.realm, request.script);
      const { settings } = request;
      const inputJson = JSON.stringify({ version: script.version, ...request.data, callbacks: request.data.callbacks ?? null, variables: settings.variables });
      const limits = { timeoutMs: settings.timeoutMs, memoryBytes: settings.memoryBytes, maxOutputBytes: settings.maxOutputBytes, maxStackBytes: options.maxStackBytes ?? DEFAULT_MAX_STACK_BYTES };
      let recorded: RecordedCall[] = [];
      for (;;) {
        const result = await executor.execute({ inputJson, source: script.source, filename: script.filename, limits, recorded, maxHostCalls });
        if (result.kind === 'done') {
          for (const line of result.lines) request.log(line);
          return readScriptOutput(result.outputJson);
        }
        if (result.kind === 'failed') {
          for (const line of result.lines) request.log(line);
          throw scriptError(result.code, result.message);
        }
        if (result.kind === 'broken') throw scriptError('SCRIPT_ERROR', `the sandbox failed: ${result.message}`);
        const { pending } = result;
        let answerJson: string;
        try {
          answerJson = JSON.stringify({ ok: (await request.host.call(pending.op, parseArgs(pending.argsJson))) ?? null });
        } catch (error) {
          const message = isScriptHostError(error) ? error.message : 'the host call failed';
          const code = isScriptHostError(error) ? error.code : 'HOST_ERROR';
          if (!isScriptHostError(error)) request.log({ level: 'error', message: `${pending.op} failed: ${error instanceof Error ? error.message : String(error)}` });
          answerJson = JSON.stringify({ error: message, code });
        }
        recorded = [...result.recorded, { op: pending.op, argsJson: pending.argsJson, answerJson }];
      }
    },
  };
}
