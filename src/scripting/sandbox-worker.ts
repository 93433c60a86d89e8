/**
 * A script worker thread (`sandbox-executor.ts`): runs the attempts it is sent, one at a time,
 * in its own QuickJS module, and posts each result back.
 */
import { parentPort } from 'node:worker_threads';
import { dropQuickJsModule, quickJsModule } from './quickjs-module.ts';
import type { SandboxJob } from './sandbox-job.ts';
import { executeSandboxJob } from './sandbox-job.ts';

parentPort?.on('message', async (job: SandboxJob) => {
  try {
    const result = executeSandboxJob(await quickJsModule(), job);
    if (result.kind === 'broken') dropQuickJsModule();
    parentPort?.postMessage(result);
  } catch (error) {
    parentPort?.postMessage({ kind: 'broken', message: error instanceof Error ? error.message : String(error) });
  }
});
