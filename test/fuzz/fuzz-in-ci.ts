/**
 * The CI side of a fuzz target: one `node:test` test running the target a small number of times
 * from a fixed seed (reproducible; `ARBOR_FUZZ_SEED` explores another), failing with fast-check's
 * report (seed and counterexample) on the first bad answer, and on any crash.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeResult, type FuzzTarget, runTarget } from './fuzz-target.ts';

/** The seed of the CI runs. */
export const CI_SEED = Number(process.env.ARBOR_FUZZ_SEED ?? 20_260_316);

/** Declares the test of `target` with `runs` cases. */
export function fuzzInCi(target: FuzzTarget, runs: number, description: string): void {
  it(`${description}: ${runs} cases (seed ${CI_SEED}), no answer >= 500, no malformed error, no pollution, no crash`, async () => {
    const result = await runTarget(target, runs, CI_SEED);
    assert.equal(result.failure, undefined, result.failure);
    assert.equal(result.crashes, 0, `crashes: ${result.firstCrash ?? ''}`);
    assert.equal(result.runs, runs, describeResult(result));
  });
}
