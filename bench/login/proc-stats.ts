/**
 * What the kernel says of a process (Linux `/proc`): its CPU time, all threads included (libuv's
 * thread pool, where argon2id runs, too), and its resident memory. Reading them costs a few
 * microseconds and needs nothing from the process itself, so the measured server stays as shipped.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Where Linux shows its processes (procfs), the one place this module names it. */
export const PROC = '/proc';

let ticksPerSecond: number | undefined;

/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux almost everywhere). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system, every thread) the process has used so far, in milliseconds. */
export function cpuMilliseconds(pid: number): number {
  const stat = readFileSync(`${PROC}/${pid}/stat`, 'latin1');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of the whole line are 12 and 13 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`cannot read the CPU time of process ${pid}`);
  return (ticks * 1000) / clockTicks();
}

/** The process and its children (each thread's `children` file in `/proc/<pid>/task`): Arbor's primary and its workers. */
export function processTree(pid: number): number[] {
  const children: number[] = [];
  for (const tid of readdirSync(`${PROC}/${pid}/task`)) {
    try {
      for (const child of readFileSync(`${PROC}/${pid}/task/${tid}/children`, 'latin1').trim().split(/\s+/)) if (child !== '') children.push(Number(child));
    } catch {
      // the thread ended meanwhile
    }
  }
  return [pid, ...children];
}

/** Resident memory of the process (`VmRSS`), in MiB. */
export function residentMebibytes(pid: number): number {
  const status = readFileSync(`${PROC}/${pid}/status`, 'latin1');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (match === null) throw new Error(`cannot read the resident memory of process ${pid}`);
  return Number(match[1]) / 1024;
}

/** Warms the tick lookup up, so that no measured window pays for `getconf`. */
export function prepareProcStats(): void {
  clockTicks();
}

/** CPU time the whole machine has been busy (every core, every process, `/proc/stat`), in milliseconds. */
export function machineBusyMilliseconds(): number {
  const line = readFileSync(`${PROC}/stat`, 'latin1').split('\n', 1)[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal (guest time is counted in user already).
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const ticks = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return (ticks * 1000) / clockTicks();
}

/** A process's CPU time by kind of thread, in milliseconds. */
export interface ThreadCpu {
  /** The JavaScript thread. */
  main: number;
  /** libuv's thread pool (`libuv-worker`): argon2id, WebCrypto jobs, file system calls. */
  pool: number;
  /** Every other thread: V8's garbage collection and compiler helpers (`V8Worker`), the inspector's. */
  other: number;
}

/** CPU time of each of the process's current threads (`/proc/<pid>/task/*`), summed by kind. */
export function threadCpuMilliseconds(pid: number): ThreadCpu {
  const sums: ThreadCpu = { main: 0, pool: 0, other: 0 };
  for (const tid of readdirSync(`${PROC}/${pid}/task`)) {
    let stat: string;
    let name: string;
    try {
      stat = readFileSync(`${PROC}/${pid}/task/${tid}/stat`, 'latin1');
      name = readFileSync(`${PROC}/${pid}/task/${tid}/comm`, 'latin1').trim();
    } catch {
      continue; // the thread ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
    if (tid === String(pid)) sums.main += ms;
    else if (name === 'libuv-worker') sums.pool += ms;
    else sums.other += ms;
  }
  return sums;
}
