/**
 * `npm run bench:fuzz [-- --runs 15000] [--seed N] [--target <name part>]`: the full fuzz run.
 * Every target of `test/fuzz/` (the same arbitraries and checks as the CI tests) runs `--runs`
 * cases on its own in-memory Arbor; per target it prints the count, the seed and the result
 * (`0 responses >= 500, 0 crashes`), or fast-check's report of the failing case, then the total.
 * Exit status 1 when any target failed. The default (7 targets × 15,000) is 105,000 cases.
 */
import { parseArgs } from 'node:util';
import { ALL_FUZZ_TARGETS } from '../test/fuzz/all-fuzz-targets.ts';
import { describeResult, runTarget } from '../test/fuzz/fuzz-target.ts';

const USAGE = `Usage: npm run bench:fuzz [-- --runs N] [--seed N] [--target <name part>]
  --runs N      cases per target (default 15000)
  --seed N      fast-check seed (default: random, printed)
  --target S    only the targets whose name contains S`;

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, target: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}
const runs = Number(values.runs ?? 15_000);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}
const targets = ALL_FUZZ_TARGETS.filter((target) => values.target === undefined || target.name.includes(values.target));
console.log(`fuzzing ${targets.length} targets, ${runs} cases each, seed ${seed}`);
let total = 0;
let failed = 0;
let crashes = 0;
const started = performance.now();
for (const target of targets) {
  const result = await runTarget(target, runs, seed);
  console.log(describeResult(result));
  if (result.failure !== undefined) console.log(result.failure);
  if (result.firstCrash !== undefined) console.log(`first crash: ${result.firstCrash}`);
  total += result.runs;
  crashes += result.crashes;
  if (result.failure !== undefined) failed += 1;
}
console.log(`total: ${total} cases, seed ${seed}, ${failed} targets failed, ${crashes} crashes (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
process.exit(failed > 0 || crashes > 0 ? 1 : 0);
