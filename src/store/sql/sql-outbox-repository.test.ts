/**
 * The outbox claim across two connections to one SQLite file, as two Arbor processes sharing a
 * data directory have them: each connection sees the other's leases, so interleaved claims
 * never share a message. (node:sqlite runs each statement to completion; the single-statement
 * claim is what keeps this true across processes, where statements do interleave.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../sqlite/open-sqlite-store.ts';
import type { SqlStore } from './sql-store.ts';

describe('SQL outbox on one SQLite file, two connections', () => {
  let dir: string;
  let a: SqlStore;
  let b: SqlStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arbor-outbox-'));
    const clock = { now: () => Date.now() };
    a = openSqliteStore({ dataDir: dir, clock });
    b = openSqliteStore({ dataDir: dir, clock });
    await a.migrate();
    await b.migrate();
  });
  after(async () => {
    await Promise.all([a.close(), b.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('splits 40 due messages between 8 interleaved claims of both connections, each exactly once', async () => {
    const t = 1_000_000;
    const made = [];
    for (let i = 0; i < 40; i++) {
      made.push(await (i % 2 ? a : b).outbox.enqueue({ from: 'f@x.test', to: [`u${i}@x.test`], cc: [], bcc: [], subject: `m${i}`, contentType: 'text/plain' }, { status: 'pending', now: t + i }));
    }
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).outbox.claim({ now: t + 100, limit: 5, leaseMs: 60_000 })));
    const claimed = claims.flat().map((m) => m.id);
    assert.equal(new Set(claimed).size, claimed.length, 'no message claimed twice');
    assert.deepEqual([...claimed].sort(), made.map((m) => m.id).sort());
    assert.ok(claims.every((batch) => batch.length === 5));
  });
});
