/**
 * Sandboxes made ahead of use: a QuickJS runtime and context with the bindings prelude already
 * compiled and evaluated (parsing it is most of a run's cost), so a request pays only for its
 * script. Each sandbox serves exactly one run and is then disposed: nothing of one run reaches the
 * next. Taking one schedules its replacement for after the current task, off the request's path.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';

/** A fresh runtime and context with the prelude function ready. */
export interface WarmSandbox {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  /** The host function the prelude is given; it calls what `setHost` set. */
  host: QuickJSHandle;
  /** The part loader the prelude is given: a part's name → its compiled function. */
  load: QuickJSHandle;
  /** The prelude's value: `(host, inputJson, load) => collect`. */
  prelude: QuickJSHandle;
  setHost(host: (op: string, argsJson: string) => string): void;
  dispose(): void;
}

/** Sandboxes kept ready per set of bindings. */
const POOL_SIZE = 2;

const pools = new Map<PreludeSources, { module: QuickJSWASMModule; ready: WarmSandbox[]; refilling: boolean }>();

/** The bindings: the prelude's source, and the parts it loads by name. */
export interface PreludeSources {
  prelude: string;
  parts: Readonly<Record<string, string>>;
}

/** Makes a sandbox now. */
export function makeWarmSandbox(module: QuickJSWASMModule, sources: PreludeSources): WarmSandbox {
  const runtime = module.newRuntime();
  const context = runtime.newContext();
  let current: ((op: string, argsJson: string) => string) | undefined;
  const host = context.newFunction('host', (op, args) => {
    const answer = current === undefined ? '{"error":"the sandbox is not running"}' : current(context.getString(op), context.getString(args));
    return context.newString(answer);
  });
  const load = context.newFunction('load', (nameHandle) => {
    const name = context.getString(nameHandle);
    const source = Object.hasOwn(sources.parts, name) ? sources.parts[name] : undefined;
    if (source === undefined) throw new Error(`no binding part ${name}`);
    return context.evalCode(source, `arbor-${name}.js`);
  });
  const evaluated = context.evalCode(sources.prelude, 'arbor-bindings.js');
  if (evaluated.error !== undefined) {
    const reason = JSON.stringify(context.dump(evaluated.error));
    evaluated.error.dispose();
    load.dispose();
    host.dispose();
    context.dispose();
    runtime.dispose();
    throw new Error(`the bindings prelude does not load: ${reason}`);
  }
  const prelude = evaluated.value;
  return {
    runtime,
    context,
    host,
    load,
    prelude,
    setHost(given) {
      current = given;
    },
    dispose() {
      current = undefined;
      for (const handle of [prelude, load, host]) if (handle.alive) handle.dispose();
      context.dispose();
      runtime.dispose();
    },
  };
}

function refill(sources: PreludeSources): void {
  const pool = pools.get(sources);
  if (pool === undefined || pool.refilling) return;
  pool.refilling = true;
  setImmediate(() => {
    pool.refilling = false;
    if (pools.get(sources) !== pool) return;
    try {
      while (pool.ready.length < POOL_SIZE) pool.ready.push(makeWarmSandbox(pool.module, sources));
    } catch {
      // The next `takeWarmSandbox` makes one itself and reports what goes wrong.
    }
  }).unref();
}

/** A sandbox for one run: a ready one, or one made now; its replacement is made after this task. */
export function takeWarmSandbox(module: QuickJSWASMModule, sources: PreludeSources): WarmSandbox {
  let pool = pools.get(sources);
  if (pool === undefined || pool.module !== module) {
    for (const stale of pool?.ready ?? []) stale.dispose();
    pool = { module, ready: [], refilling: false };
    pools.set(sources, pool);
  }
  let sandbox = pool.ready.pop();
  if (sandbox === undefined) {
    try {
      sandbox = makeWarmSandbox(module, sources);
    } catch {
      // The module's heap may still hold used sandboxes waiting to be freed (a run that hit its
      // memory limit): free them now and try once more.
      disposeFinished();
      sandbox = makeWarmSandbox(module, sources);
    }
  }
  refill(sources);
  return sandbox;
}

const finished: WarmSandbox[] = [];

/** Disposes the used sandboxes now. */
function disposeFinished(): void {
  for (const done of finished.splice(0)) {
    try {
      done.dispose();
    } catch (error) {
      onDisposeFailure(error);
    }
  }
}

/** Disposes a used sandbox now: one that filled its memory gives its heap back before the next run. */
export function disposeNow(sandbox: WarmSandbox): void {
  try {
    sandbox.dispose();
  } catch (error) {
    onDisposeFailure(error);
  }
}

/**
 * Disposes a used sandbox after the current task (its memory is freed off the request's path).
 * A sandbox whose clean-up fails leaves its module in doubt: `whenDisposeFails` hears of it.
 */
export function disposeSoon(sandbox: WarmSandbox): void {
  finished.push(sandbox);
  if (finished.length > 1) return;
  setImmediate(disposeFinished).unref();
}

let onDisposeFailure: (error: unknown) => void = () => {};

/** Tells what to do when a sandbox cannot be cleaned up (the runner drops the module). */
export function whenDisposeFails(handler: (error: unknown) => void): void {
  onDisposeFailure = handler;
}

/** Forgets the ready sandboxes (their module is being dropped). */
export function clearWarmSandboxes(): void {
  pools.clear();
}
