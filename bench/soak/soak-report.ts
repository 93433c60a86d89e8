/**
 * The soak's written report: the chart (soak.svg) and the raw samples with what they were measured
 * against (samples.json). The chart can be drawn again from a samples.json (`--chart-from`), so
 * that changing the chart never needs another ten-minute run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chartPanels, type Sample, type SoakSummary } from './soak-samples.ts';
import { renderChart } from './svg-chart.ts';

/** What samples.json holds. */
export interface SoakReport {
  options: { minutes: number; load: number };
  peak: number;
  targetSignIns: number;
  targetJourneys: number;
  mix: string;
  summary: SoakSummary;
  samples: Sample[];
}

/** The chart of `report`. */
export function chartOf(report: SoakReport): string {
  const { options, peak, targetJourneys, targetSignIns, summary, samples } = report;
  const subtitle = `3 nodes, PostgreSQL + Redis; ${Math.round(options.load * 100)} % of the peak (${peak.toFixed(1)} sign-ins/s): ${targetJourneys.toFixed(1)} journeys/s; ${summary.errors} errors; p99 ${summary.p99FirstMinuteMs} → ${summary.p99LastMinuteMs} ms (first → last minute)`;
  const end = samples.at(-1)?.t ?? 0;
  return renderChart(`Arbor soak: ${options.minutes} min of mixed journeys (sign-in, registration, reset by email, IDM query)`, subtitle, chartPanels(samples, { journeysPerSecond: targetJourneys, signInsPerSecond: targetSignIns }), end / 60);
}

/** Writes soak.svg and samples.json into `dir`; answers their paths. */
export async function writeReport(dir: string, report: SoakReport): Promise<{ svg: string; json: string }> {
  await mkdir(dir, { recursive: true });
  const svg = path.join(dir, 'soak.svg');
  const json = path.join(dir, 'samples.json');
  await writeFile(svg, chartOf(report));
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  return { svg, json };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a samples.json written by `writeReport`; throws naming what is missing. */
export async function readReport(file: string): Promise<SoakReport> {
  const value: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isObject(value) || !isObject(value.options) || !isObject(value.summary) || !Array.isArray(value.samples)) throw new Error(`${file} is not a soak samples.json (options, summary, samples)`);
  for (const name of ['peak', 'targetSignIns', 'targetJourneys'] as const) if (typeof value[name] !== 'number') throw new Error(`${file} has no number ${name}`);
  if (!value.samples.every((sample) => isObject(sample) && typeof sample.t === 'number' && Array.isArray(sample.rssMiB) && isObject(sample.failed) && isObject(sample.errors))) throw new Error(`${file} has a sample without t, rssMiB, failed or errors`);
  return value as unknown as SoakReport;
}
