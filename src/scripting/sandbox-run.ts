/**
 * One evaluation of a script in a fresh QuickJS runtime and context (made ahead of use by
 * `sandbox-pool.ts`, used once): the bindings prelude, already evaluated there, is called first
 * (it receives the one host function, the input as JSON and the loader of the other bindings, and
 * hides them), then
 * the script as global code (sloppy mode, so legacy `with (fr) {…}` works), then the prelude's
 * collector turns what the script did into JSON. CPU time (an interrupt handler with a deadline),
 * memory, stack and the size of the result are limited; nothing of the host is in the context but
 * the host function the prelude wraps. The runtime is disposed after every run (right after the
 * request's task, off its path).
 */
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten';
import type { PreludeSources } from './sandbox-pool.ts';
import { disposeNow, disposeSoon, takeWarmSandbox } from './sandbox-pool.ts';
import { scriptError } from './script-error.ts';

/** The limits of one evaluation. */
export interface SandboxLimits {
  timeoutMs: number;
  memoryBytes: number;
  maxOutputBytes: number;
  /** The interpreter's stack, bytes. */
  maxStackBytes: number;
}

/** What one evaluation runs. */
export interface SandboxProgram {
  /** The bindings: a function expression `(host, inputJson, load) => collect`, and its parts. */
  bindings: PreludeSources;
  /** The input given to the prelude, as JSON. */
  inputJson: string;
  source: string;
  /** The script's name in stack traces. */
  filename: string;
  /** The host function: an operation and its arguments as JSON, the answer as JSON. */
  host(op: string, argsJson: string): string;
  /** True once the host wants the run stopped now (a host call is pending). */
  suspended(): boolean;
}

/** How an evaluation ended: the collector's JSON, or stopped for a pending host call. */
export type SandboxResult = { kind: 'done'; outputJson: string } | { kind: 'suspended' };

/** The interpreter's stack unless the caller sets one: deep enough for real scripts, far from the WebAssembly stack's end. */
export const DEFAULT_MAX_STACK_BYTES = 256 * 1024;

function describe(context: QuickJSContext, handle: QuickJSHandle): string {
  try {
    const dumped: unknown = context.dump(handle);
    if (typeof dumped === 'object' && dumped !== null) {
      const { name, message } = dumped as { name?: unknown; message?: unknown };
      return `${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : JSON.stringify(dumped)}`;
    }
    return String(dumped);
  } catch {
    return 'an error that could not be read';
  }
}

/** Evaluates `program` in `module` within `limits`; throws a typed `ScriptError` when the script fails. */
export function runInSandbox(module: QuickJSWASMModule, program: SandboxProgram, limits: SandboxLimits): SandboxResult {
  const sandbox = takeWarmSandbox(module, program.bindings);
  const { runtime, context } = sandbox;
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.maxStackBytes);
  let timedOut = false;
  let filled = false;
  const deadline = performance.now() + limits.timeoutMs;
  runtime.setInterruptHandler(() => {
    if (program.suspended()) return true;
    if (performance.now() > deadline) {
      timedOut = true;
      return true;
    }
    return false;
  });
  sandbox.setHost(program.host);
  const handles: QuickJSHandle[] = [];
  const keep = (handle: QuickJSHandle): QuickJSHandle => {
    handles.push(handle);
    return handle;
  };
  const failure = (error: QuickJSHandle) => {
    const reason = describe(context, error);
    error.dispose();
    if (program.suspended()) return undefined;
    if (timedOut) return scriptError('SCRIPT_TIMEOUT', `ran longer than ${limits.timeoutMs} ms`);
    if (/out of memory/i.test(reason)) filled = true;
    if (filled) return scriptError('SCRIPT_MEMORY', `used more than ${limits.memoryBytes} bytes`);
    if (/stack overflow/i.test(reason)) return scriptError('SCRIPT_STACK_OVERFLOW', 'recursed deeper than the stack allows');
    return scriptError('SCRIPT_ERROR', reason);
  };
  try {
    const input = keep(context.newString(program.inputJson));
    const collectResult = context.callFunction(sandbox.prelude, context.undefined, sandbox.host, input, sandbox.load);
    if (collectResult.error !== undefined) throw failure(collectResult.error) ?? scriptError('SCRIPT_ERROR', 'the bindings did not load');
    const collect = keep(collectResult.value);

    const ran = context.evalCode(program.source, program.filename);
    if (ran.error !== undefined) {
      const error = failure(ran.error);
      if (error === undefined) return { kind: 'suspended' };
      throw error;
    }
    const completion = keep(ran.value);
    if (program.suspended()) return { kind: 'suspended' };

    // The script's completion value (what an AM normalization script "returns") goes to the collector.
    const collected = context.callFunction(collect, context.undefined, completion);
    if (collected.error !== undefined) {
      const error = failure(collected.error);
      if (error === undefined) return { kind: 'suspended' };
      throw error;
    }
    const outputJson = context.getString(collected.value);
    collected.value.dispose();
    if (Buffer.byteLength(outputJson, 'utf8') > limits.maxOutputBytes) {
      throw scriptError('SCRIPT_OUTPUT_TOO_LARGE', `its result is larger than ${limits.maxOutputBytes} bytes`);
    }
    return { kind: 'done', outputJson };
  } finally {
    for (const handle of handles) if (handle.alive) handle.dispose();
    sandbox.setHost(() => '{"error":"the run is over"}');
    // A run that filled its memory frees it before anything else runs in this module.
    if (filled) disposeNow(sandbox);
    else disposeSoon(sandbox);
  }
}
