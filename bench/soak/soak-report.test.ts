/** The soak's written report: read back for another chart, refused when it is not one. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readReport, writeReport, type SoakReport } from './soak-report.ts';
import { sampleOf, summarize } from './soak-samples.ts';
import { createWindowRecorder } from './window-stats.ts';

describe('the soak report', () => {
  it('writes the chart and the samples, and draws the same chart again from the samples', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'soak-report-'));
    try {
      const recorder = createWindowRecorder();
      recorder.latency(12);
      recorder.completed('sign-in');
      const window = recorder.take();
      const samples = [sampleOf(window, 10, 10, { rssMiB: [100, 110, 120], nodeCpuPercent: [1, 2, 3], generatorCpuPercent: 1, generatorEventLoop: 0.1, generatorRssMiB: 50, machineCpuPercent: 20 })];
      const report: SoakReport = { options: { minutes: 1, load: 0.8 }, peak: 10, targetSignIns: 8, targetJourneys: 11.4, mix: 'sign-in 70', summary: summarize(samples, [window.latencies], 3), samples };
      const written = await writeReport(dir, report);
      const svg = await readFile(written.svg, 'utf8');
      assert.match(svg, /80 % of the peak \(10\.0 sign-ins\/s\)/);
      const again = await writeReport(path.join(dir, 'again'), await readReport(written.json));
      assert.equal(await readFile(again.svg, 'utf8'), svg);
      await writeFile(path.join(dir, 'other.json'), JSON.stringify({ samples: [] }));
      await assert.rejects(readReport(path.join(dir, 'other.json')), /is not a soak samples\.json/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
