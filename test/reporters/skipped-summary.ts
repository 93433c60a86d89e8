/**
 * A `node --test` reporter that ends the run with the skipped tests and suites and why, grouped by
 * reason (for example "ARBOR_TEST_POSTGRES_URL is not set"), so that nobody mistakes a run without
 * PostgreSQL, Redis or Chromium for a full one. Runs beside the spec reporter.
 */

/** The part of a test event this reporter reads. */
interface TestEvent {
  type: string;
  data?: { name?: unknown; skip?: unknown; file?: unknown };
}

/** Yields one summary block at the end of the run (nothing when nothing was skipped). */
export default async function* skippedSummary(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const byReason = new Map<string, string[]>();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const skip = event.data?.skip;
    if (skip === undefined || skip === false) continue;
    const reason = typeof skip === 'string' && skip !== '' ? skip : 'no reason given';
    const names = byReason.get(reason) ?? [];
    names.push(String(event.data?.name ?? '?'));
    byReason.set(reason, names);
  }
  if (byReason.size === 0) {
    yield '\nskipped: nothing (PostgreSQL, Redis and every optional suite ran)\n';
    return;
  }
  const lines = ['', 'skipped, by reason:'];
  for (const [reason, names] of byReason) {
    const shown = names.slice(0, 3).map((name) => `"${name}"`).join(', ');
    lines.push(`  ${reason}: ${names.length} (${shown}${names.length > 3 ? ', …' : ''})`);
  }
  yield `${lines.join('\n')}\n`;
}
