/**
 * A script worker thread (`sandbox-executor.ts`): loads its own QuickJS module and says it is ready,
 * then runs the attempts it is sent, one at a time, and posts each result back.
 */
import { parentPort } from 'node:worker_threads';
import { dropQuickJsModule, quickJsModule } from './quickjs-module.ts';
import type { SandboxJob } from './sandbox-job.ts';
import { executeSandboxJob, WORKER_READY } from './sandbox-job.ts';

// Loads QuickJS at once, then says so: the executor counts a job's time from here, not from the thread's start.
void quickJsModule().then(
  () => parentPort?.postMessage(WORKER_READY),
  // A module that did not load is loaded again by the first job, which then fails as broken.
  () => parentPort?.postMessage(WORKER_READY),
);

parentPort?.on('message', async (job: SandboxJob) => {
  try {
    const result = executeSandboxJob(await quickJsModule(), job);
    if (result.kind === 'broken') dropQuickJsModule();
    parentPort?.postMessage(result);
  } catch (error) {
    parentPort?.postMessage({ kind: 'broken', message: error instanceof Error ? error.message : String(error) });
  }
});
