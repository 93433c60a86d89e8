/**
 * `/health/ready` checks the master key too: two Arbor processes on one database (a SQLite file
 * here) started with different master keys both come up while no realm key exists; once the first
 * journey step stored on one of them creates the realm keys, the other cannot open them, and its readiness
 * says so (503, in words) instead of reporting itself ready while every sign-in there fails.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../platform/testing/in-memory-platform.ts';
import { testPlatformOn } from '../platform/testing/in-memory-platform.ts';
import { generateMasterKeyText } from '../secrets/master-key.ts';
import { openStore } from '../store/open-store.ts';

describe('readiness checks the master key against the stored realm keys', () => {
  let dataDir: string;
  let right: TestPlatform;
  let wrong: TestPlatform;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-ready-key-'));
    const open = () => openStore({ dataDir });
    wrong = await testPlatformOn(open, { ARBOR_MASTER_KEY: generateMasterKeyText() });
    right = await testPlatformOn(open, { ARBOR_MASTER_KEY: generateMasterKeyText() });
  });
  after(async () => {
    await wrong?.close();
    await right?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('is ready on both before any realm key exists; after the first journey step, only where the key opens them', async () => {
    assert.equal((await wrong.app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
    // A step is stored sealed and named by a signed authId: the realm keys are created.
    const step = await right.app.inject({ method: 'POST', url: '/am/json/realms/root/authenticate', headers: { 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(step.statusCode, 200, step.body);
    assert.equal((await right.app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
    const notReady = await wrong.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(notReady.statusCode, 503);
    assert.deepEqual(notReady.json(), {
      code: 503,
      reason: 'Service Unavailable',
      message:
        'Not ready: the master key does not open the realm keys stored in the database: it is not the key they were encrypted with. Restore the original ARBOR_MASTER_KEY (or master.key in the data directory)',
    });
  });
});
