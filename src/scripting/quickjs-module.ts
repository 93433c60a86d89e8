/**
 * The one QuickJS WebAssembly module (the release "sync" build of `quickjs-emscripten`), loaded on
 * first use and kept. Every run makes its own runtime and context in it; a module left broken by a
 * failed clean-up is dropped and loaded again on the next run.
 */
import { newQuickJSWASMModuleFromVariant, RELEASE_SYNC } from 'quickjs-emscripten';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { clearWarmSandboxes, whenDisposeFails } from './sandbox-pool.ts';

let loading: Promise<QuickJSWASMModule> | undefined;

/** The module, loaded once. */
export function quickJsModule(): Promise<QuickJSWASMModule> {
  loading ??= newQuickJSWASMModuleFromVariant(RELEASE_SYNC).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Forgets the module (its memory could not be cleaned after a run); the next run loads a fresh one. */
export function dropQuickJsModule(): void {
  loading = undefined;
  clearWarmSandboxes();
}

// A sandbox that could not be cleaned up leaves the module's memory in doubt: load a fresh one.
whenDisposeFails(dropQuickJsModule);
