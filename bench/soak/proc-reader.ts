/**
 * What Linux's `/proc` says of the soak's processes: which process listens on a loopback port
 * (the Arbor nodes are found by their port, so the harness stays as it is), a process's resident
 * memory (`VmRSS`) and CPU time, and the whole machine's busy time.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** USER_HZ: the unit of the CPU times in `/proc/<pid>/stat` and `/proc/stat` (100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The socket inode of a TCP socket listening on `port` (IPv4 or IPv6), or undefined. */
function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is field 1 ("0100007F:1F90"), st field 3 (0A is LISTEN), inode field 9.
      if (fields[1]?.endsWith(`:${hexPort}`) === true && fields[3] === '0A' && fields[9] !== undefined) return fields[9];
    }
  }
  return undefined;
}

/** The id of the process listening on `port`, found through its open socket; undefined when none is visible. */
export function pidListeningOn(port: number): number | undefined {
  const inode = listeningInode(port);
  if (inode === undefined) return undefined;
  const target = `socket:[${inode}]`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/** Resident memory of `pid` in MiB, or undefined once the process is gone. */
export function residentMebibytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, all threads) `pid` has used, in ms, or undefined once it is gone. */
export function cpuMilliseconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The name (field 2) is in parentheses and may hold spaces: utime and stime are the 12th and 13th fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** The machine's busy CPU time over every core (`/proc/stat`, all but idle and iowait), in ms. */
export function machineBusyMilliseconds(): number {
  const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = ticks.reduce((sum, value, index) => (index === 3 || index === 4 || index > 7 ? sum : sum + value), 0);
  return (busy * 1000) / TICKS_PER_SECOND;
}
