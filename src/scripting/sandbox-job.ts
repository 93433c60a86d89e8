/**
 * One attempt at a script, as a self-contained job (plain data in, plain data out), so that it
 * can run in this thread or in a worker (`sandbox-executor.ts`). The sandbox's host function is
 * answered here: log lines, base64, random values (recorded), and the answers recorded by earlier
 * attempts, in order; the first call with no recorded answer suspends the attempt (see
 * `script-runner.ts`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { BINDING_PARTS, BINDINGS_PRELUDE } from './bindings-prelude.ts';
import type { SandboxLimits } from './sandbox-run.ts';
import { runInSandbox } from './sandbox-run.ts';
import type { ScriptErrorCode } from './script-error.ts';
import { isScriptError } from './script-error.ts';
import type { ScriptLogLine } from './script-host.ts';

/** A host call and its answer, as the sandbox saw them (JSON both ways). */
export interface RecordedCall {
  op: string;
  argsJson: string;
  answerJson: string;
}

/** One attempt. */
export interface SandboxJob {
  inputJson: string;
  source: string;
  filename: string;
  limits: SandboxLimits;
  /** The answers of earlier attempts, in the order the script asked. */
  recorded: RecordedCall[];
  /** Host calls (and random values) one run may ask for. */
  maxHostCalls: number;
}

/** How an attempt ended. */
export type SandboxJobResult =
  | { kind: 'done'; outputJson: string; lines: ScriptLogLine[] }
  /** Stopped at a call nobody has answered yet; `recorded` has the random values drawn on the way. */
  | { kind: 'suspended'; pending: { op: string; argsJson: string }; recorded: RecordedCall[] }
  | { kind: 'failed'; code: ScriptErrorCode; message: string; lines: ScriptLogLine[] }
  /** The sandbox itself broke (not the script): its module should not be used again. */
  | { kind: 'broken'; message: string };

/** What a worker thread posts once its QuickJS module is loaded, before its first result. */
export const WORKER_READY = { kind: 'ready' } as const;

/** What a worker thread posts: that it is ready, or how an attempt ended. */
export type SandboxWorkerMessage = typeof WORKER_READY | SandboxJobResult;

/** The bindings every attempt gets (one object: the pool of ready sandboxes is kept per bindings). */
const BINDINGS = { prelude: BINDINGS_PRELUDE, parts: BINDING_PARTS };

const LOG_LEVELS: ReadonlySet<string> = new Set(['debug', 'info', 'warn', 'error']);
const RANDOM = new Set(['random.uuid', 'random.bytes']);

function parseArgs(argsJson: string): Record<string, unknown> {
  const value: unknown = JSON.parse(argsJson);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function textArg(args: Record<string, unknown>, key: string): string {
  const value = Object.hasOwn(args, key) ? args[key] : undefined;
  return typeof value === 'string' ? value : '';
}

function base64(op: string, args: Record<string, unknown>): string {
  const encoding = args.url === true ? 'base64url' : 'base64';
  return op === 'base64.encode' ? Buffer.from(textArg(args, 'text'), 'utf8').toString(encoding) : Buffer.from(textArg(args, 'text'), encoding).toString('utf8');
}

function randomAnswer(op: string, args: Record<string, unknown>): unknown {
  if (op === 'random.uuid') return randomUUID();
  const length = typeof args.length === 'number' ? Math.max(0, Math.min(65536, Math.floor(args.length))) : 0;
  return [...randomBytes(length)];
}

/** Runs one attempt in `module`. */
export function executeSandboxJob(module: QuickJSWASMModule, job: SandboxJob): SandboxJobResult {
  const recorded = [...job.recorded];
  let next = 0;
  let pending: { op: string; argsJson: string } | undefined;
  const lines: ScriptLogLine[] = [];
  const host = (op: string, argsJson: string): string => {
    if (pending !== undefined) return '{"suspended":true}';
    try {
      if (argsJson.length > job.limits.maxOutputBytes) return JSON.stringify({ error: 'the arguments are too large' });
      const args = parseArgs(argsJson);
      if (op === 'log') {
        const level = textArg(args, 'level');
        lines.push({ level: LOG_LEVELS.has(level) ? (level as ScriptLogLine['level']) : 'info', message: textArg(args, 'message').slice(0, 4096) });
        return '{"ok":null}';
      }
      if (op === 'base64.encode' || op === 'base64.decode') return JSON.stringify({ ok: base64(op, args) });
      const index = next++;
      const known = recorded[index];
      if (known !== undefined) {
        if (known.op !== op || known.argsJson !== argsJson) {
          return JSON.stringify({ error: 'the script asked for other host calls when run again (it must not depend on time)' });
        }
        return known.answerJson;
      }
      if (recorded.length >= job.maxHostCalls) return JSON.stringify({ error: `a script may make at most ${job.maxHostCalls} host calls` });
      if (RANDOM.has(op)) {
        const answerJson = JSON.stringify({ ok: randomAnswer(op, args) });
        recorded.push({ op, argsJson, answerJson });
        return answerJson;
      }
      pending = { op, argsJson };
      return '{"suspended":true}';
    } catch {
      return JSON.stringify({ error: 'the host call failed' });
    }
  };
  try {
    const result = runInSandbox(
      module,
      { bindings: BINDINGS, inputJson: job.inputJson, source: job.source, filename: job.filename, host, suspended: () => pending !== undefined },
      job.limits,
    );
    if (result.kind === 'done') return { kind: 'done', outputJson: result.outputJson, lines };
    if (pending === undefined) return { kind: 'failed', code: 'SCRIPT_ERROR', message: 'the script stopped without a reason', lines };
    return { kind: 'suspended', pending, recorded };
  } catch (error) {
    if (isScriptError(error)) return { kind: 'failed', code: error.code, message: error.message, lines };
    return { kind: 'broken', message: error instanceof Error ? error.message : String(error) };
  }
}
