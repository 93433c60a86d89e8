/**
 * What Linux's `/proc` says of the soak's processes: which process listens on a loopback port
 * (the Arbor nodes are found by their port, so the harness stays as it is), and, through the login
 * bench's readers (`bench/login/proc-stats.ts`), a process's resident memory and CPU time (undefined
 * once the process is gone: a node may be stopped mid-soak) and the whole machine's busy time.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as procStats from '../login/proc-stats.ts';

export { machineBusyMilliseconds } from '../login/proc-stats.ts';

const { PROC } = procStats;

/** The socket inode of a TCP socket listening on `port` (IPv4 or IPv6), or undefined. */
function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of [`${PROC}/net/tcp`, `${PROC}/net/tcp6`]) {
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
  for (const entry of readdirSync(PROC)) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`${PROC}/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`${PROC}/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/** What `read` answers, or undefined when the process it reads is gone. */
function unlessGone(read: () => number): number | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Resident memory of `pid` in MiB, or undefined once the process is gone. */
export function residentMebibytes(pid: number): number | undefined {
  return unlessGone(() => procStats.residentMebibytes(pid));
}

/** CPU time (user + system, all threads) `pid` has used, in ms, or undefined once it is gone. */
export function cpuMilliseconds(pid: number): number | undefined {
  return unlessGone(() => procStats.cpuMilliseconds(pid));
}
