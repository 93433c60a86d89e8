/**
 * A fuzz target and how it runs: a target prepares what it needs on a fresh fuzz Arbor and answers
 * a property (`caseProperty`: an arbitrary and a check per case, each case also checked for
 * prototype pollution); `runTarget` runs it `runs` times from `seed` with fast-check, counting
 * crashes, and answers the figures the CI tests assert and `bench/fuzz.ts` prints.
 */
import fc from 'fast-check';
import { type FuzzArbor, openFuzzArbor } from './fuzz-arbor.ts';
import { assertPrototypesClean, prototypeSnapshot, watchCrashes } from './fuzz-checks.ts';

/** One fuzz target: a name and the property it checks on a prepared Arbor. */
export interface FuzzTarget {
  name: string;
  /** Prepares the target's data on `arbor` (clients, real steps, real tokens) and answers its property. */
  prepare(arbor: FuzzArbor): Promise<fc.IAsyncProperty<[unknown]>>;
}

/** The outcome of one target's run. */
export interface FuzzResult {
  name: string;
  runs: number;
  seed: number;
  /** The fast-check report (seed, path, counterexample) when a case failed. */
  failure: string | undefined;
  crashes: number;
  firstCrash: string | undefined;
  ms: number;
}

/** The property of a target: `check` runs each generated input; prototypes are compared around it. */
export function caseProperty<T>(arbitrary: fc.Arbitrary<T>, check: (input: T) => Promise<void>): fc.IAsyncProperty<[unknown]> {
  const property = fc.asyncProperty(arbitrary, async (input) => {
    const before = prototypeSnapshot();
    await check(input);
    assertPrototypesClean(before, 'this case');
  });
  return property as unknown as fc.IAsyncProperty<[unknown]>;
}

/** Runs `target` for `runs` cases from `seed` on a fresh Arbor (closed afterwards). */
export async function runTarget(target: FuzzTarget, runs: number, seed: number): Promise<FuzzResult> {
  const arbor = await openFuzzArbor();
  const crashes = watchCrashes();
  const started = performance.now();
  try {
    const property = await target.prepare(arbor);
    const details = await fc.check(property, { numRuns: runs, seed, endOnFailure: true });
    // Let rejections left behind by the last cases surface before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const watched = crashes.stop();
    return { name: target.name, runs: details.numRuns, seed, failure: details.failed ? failureReport(details) : undefined, crashes: watched.count, firstCrash: watched.first, ms: performance.now() - started };
  } finally {
    crashes.stop();
    await arbor.close();
  }
}

/** fast-check's report (seed, path, counterexample) and the error of the failing case. */
function failureReport(details: fc.RunDetails<[unknown]>): string {
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return `${fc.defaultReportMessage(details) ?? 'failed'}\nError: ${error.slice(0, 2000)}`;
}

/** The one line a run prints per target. */
export function describeResult(result: FuzzResult): string {
  const verdict = result.failure === undefined ? '0 responses >= 500' : 'FAILED (a response >= 500, a malformed answer or pollution)';
  return `${result.name}: ${result.runs} cases, seed ${result.seed}, ${verdict}, ${result.crashes} crashes (${(result.ms / 1000).toFixed(1)} s)`;
}
