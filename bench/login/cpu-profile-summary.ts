/**
 * Where the server's main thread spends its time during given windows (the sign-in phases), from
 * the `.cpuprofile` that `node --cpu-prof` writes when the server exits: the samples whose time
 * falls in a window, counted by function and script, the most frequent first. Sample times are on
 * the monotonic clock, in µs, as the load generator's window edges are.
 *
 * Samples, not the time between them, measure CPU: V8 takes one every interval while the thread
 * runs, and a thread the kernel took off a core (two cores, four argon2id threads) gets one late
 * sample whose long gap would otherwise be blamed on whatever it was running. The wall time is
 * printed beside. Work on libuv's thread pool (argon2id) is not in the profile: the main thread
 * shows `(idle)` meanwhile.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The sampling interval the measured server is started with (`--cpu-prof-interval`, µs). */
export const PROFILE_INTERVAL_MICROS = 1000;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** The parts of V8's CPU profile format read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self samples of one function in the windows. */
export interface SelfTime {
  functionName: string;
  /** `src/…:line`, `node:…:line`, or nothing for the profiler's own categories (`(idle)`, `(garbage collector)`). */
  location: string;
  samples: number;
  /** Fraction of all the samples in the windows. */
  share: number;
  /** Wall time until the next samples, ms. */
  wallMs: number;
}

export interface ProfileSummary {
  samples: number;
  /** Wall time the windows' samples cover, ms. */
  wallMs: number;
  top: SelfTime[];
}

const ROOT = path.join(import.meta.dirname, '..', '..');

/** The newest `.cpuprofile` in `dir`. */
export async function readNewestProfile(dir: string): Promise<{ file: string; profile: CpuProfile }> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
  const dated = await Promise.all(names.map(async (name) => ({ file: path.join(dir, name), time: (await stat(path.join(dir, name))).mtimeMs })));
  const newest = dated.sort((a, b) => b.time - a.time)[0];
  if (newest === undefined) throw new Error(`no .cpuprofile in ${dir}`);
  return { file: newest.file, profile: JSON.parse(await readFile(newest.file, 'utf8')) as CpuProfile };
}

function locationOf(frame: CallFrame): string {
  if (frame.url === '') return '';
  const local = frame.url.startsWith('file://') ? path.relative(ROOT, new URL(frame.url).pathname) : frame.url;
  return `${local}:${frame.lineNumber + 1}`;
}

/** Counts self samples by function name and script inside `windows`; the `top` most frequent. */
export function summarizeProfile(profile: CpuProfile, windows: readonly { fromMicros: number; toMicros: number }[], top = 15): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, { functionName: string; location: string; samples: number; micros: number }>();
  let samples = 0;
  let wallMicros = 0;
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    time += profile.timeDeltas[index] ?? 0;
    if (!windows.some((window) => time >= window.fromMicros && time < window.toMicros)) continue;
    const frame = frames.get(profile.samples[index] ?? -1);
    if (frame === undefined) continue;
    const next = index + 1 < profile.samples.length ? time + (profile.timeDeltas[index + 1] ?? 0) : profile.endTime;
    const key = `${frame.functionName}\u0000${frame.url}`;
    const entry = byFunction.get(key) ?? { functionName: frame.functionName || '(anonymous)', location: locationOf(frame), samples: 0, micros: 0 };
    entry.samples += 1;
    entry.micros += Math.max(0, next - time);
    byFunction.set(key, entry);
    samples += 1;
    wallMicros += Math.max(0, next - time);
  }
  const rows = [...byFunction.values()]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, top)
    .map((entry) => ({ functionName: entry.functionName, location: entry.location, samples: entry.samples, share: samples === 0 ? 0 : entry.samples / samples, wallMs: entry.micros / 1000 }));
  return { samples, wallMs: wallMicros / 1000, top: rows };
}

/** The summary as lines for the report; `signIns` turns samples into main-thread µs per sign-in. */
export function formatProfileSummary(summary: ProfileSummary, signIns: number): string[] {
  const lines = [
    `main thread during the sign-in windows: ${summary.samples} samples of ${PROFILE_INTERVAL_MICROS} µs over ${summary.wallMs.toFixed(0)} ms, ${signIns} sign-ins; top ${summary.top.length} functions by self samples:`,
    `  ${'samples'.padStart(8)} ${'share'.padStart(6)} ${'µs/sign-in'.padStart(10)} ${'wall ms'.padStart(8)}  function (location)`,
  ];
  for (const row of summary.top) {
    const perSignIn = signIns === 0 ? Number.NaN : (row.samples * PROFILE_INTERVAL_MICROS) / signIns;
    const share = `${(row.share * 100).toFixed(1)}%`;
    lines.push(`  ${String(row.samples).padStart(8)} ${share.padStart(6)} ${perSignIn.toFixed(0).padStart(10)} ${row.wallMs.toFixed(0).padStart(8)}  ${row.functionName}${row.location === '' ? '' : ` (${row.location})`}`);
  }
  return lines;
}
