/** The options of `npm run bench:soak`, read and checked once. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench:soak [-- --minutes N] [--peak N] [--load 0.8] [--sample-seconds 10]
                         [--peak-seconds N] [--out DIR] [--chart-from FILE]
  --minutes N          length of the soak, at --load of the peak (default 10)
  --peak N             skip the peak measurement: the peak is N mixed journeys/s
  --load F             share of the peak the soak runs at (default 0.8)
  --sample-seconds N   sampling interval (default 10)
  --peak-seconds N     measured seconds of each concurrency step of the peak search (default 12)
  --out DIR            where the chart and the samples go (default test-output/soak)
  --chart-from FILE    run nothing: draw the chart again from an earlier samples.json into --out`;

/** What the run is asked to do. */
export interface SoakOptions {
  minutes: number;
  peak: number | undefined;
  load: number;
  sampleSeconds: number;
  peakSeconds: number;
  out: string;
  chartFrom: string | undefined;
}

function positive(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`--${name} must be a number above 0 and at most ${max}, got ${text}`);
  return value;
}

/** Reads `args` (process.argv after the script); throws with the usage on a mistake. */
export function readSoakOptions(args: readonly string[]): SoakOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      minutes: { type: 'string' },
      peak: { type: 'string' },
      load: { type: 'string' },
      'sample-seconds': { type: 'string' },
      'peak-seconds': { type: 'string' },
      out: { type: 'string' },
      'chart-from': { type: 'string' },
    },
    strict: true,
  });
  return {
    minutes: positive('minutes', values.minutes, 10, 24 * 60),
    peak: values.peak === undefined ? undefined : positive('peak', values.peak, 1, 100_000),
    load: positive('load', values.load, 0.8, 2),
    sampleSeconds: positive('sample-seconds', values['sample-seconds'], 10, 600),
    peakSeconds: positive('peak-seconds', values['peak-seconds'], 12, 600),
    out: values.out ?? 'test-output/soak',
    chartFrom: values['chart-from'],
  };
}
