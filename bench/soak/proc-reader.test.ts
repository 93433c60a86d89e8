/** Finding a node's process by its port, and reading its memory and CPU, from /proc. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { cpuMilliseconds, machineBusyMilliseconds, pidListeningOn, residentMebibytes } from './proc-reader.ts';

describe('reading the soak processes from /proc', { skip: process.platform === 'linux' ? false : '/proc is Linux' }, () => {
  it('finds the process listening on a loopback port, and no process for a port nobody listens on', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    assert.ok(typeof address === 'object' && address !== null);
    try {
      assert.equal(pidListeningOn(address.port), process.pid);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    assert.equal(pidListeningOn(address.port), undefined);
  });

  it('reads resident memory and CPU time of a process, and nothing of one that does not exist', () => {
    const rss = residentMebibytes(process.pid);
    assert.ok(rss !== undefined && rss > 10 && rss < 100_000, `RSS ${rss} MiB`);
    assert.ok((cpuMilliseconds(process.pid) ?? -1) >= 0);
    assert.equal(residentMebibytes(2 ** 30), undefined);
    assert.equal(cpuMilliseconds(2 ** 30), undefined);
    assert.ok(machineBusyMilliseconds() > 0);
  });
});
