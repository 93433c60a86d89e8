/**
 * A lost or wrong master key stops `arbor start` with a clear message, instead of a server that
 * reports itself ready and answers 500 to every sign-in: Arbor started with key A creates the realm
 * keys (the first journey step it stores), then a start with key B exits 1 saying the key does not open them, a
 * start with no key at all exits 1 saying it is missing (and generates none, which could never open
 * them), and a start with key A again serves as before. SQLite in a temporary data directory.
 */
import assert from 'node:assert/strict';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import { OUTAGE_ADMIN_PASSWORD, ready, signIn, startJourney, tokenOf } from '../helpers/outage-probes.ts';
import { startArborChild } from '../helpers/start-arbor-child.ts';

/** What a start that must fail printed (the helper rejects with it). */
async function failedStart(env: Record<string, string>): Promise<string> {
  try {
    const started = await startArborChild(env);
    await started.stop();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return assert.fail('Arbor started');
}

describe('the master key is checked against the stored realm keys at start', () => {
  const keyA = generateMasterKeyText();
  let dataDir: string;
  const env = (extra: Record<string, string>): Record<string, string> => ({ ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: OUTAGE_ADMIN_PASSWORD, ARBOR_LOG: 'false', ...extra });

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-master-key-'));
    const first = await startArborChild(env({ ARBOR_MASTER_KEY: keyA }));
    try {
      // The first step stored (sealed) and signed creates the realm keys, encrypted with key A.
      assert.equal((await startJourney(first.baseUrl)).status, 200);
    } finally {
      await first.stop();
    }
  });
  after(async () => {
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('another key: the start fails with status 1, saying the key does not open the realm keys', async () => {
    const output = await failedStart(env({ ARBOR_MASTER_KEY: generateMasterKeyText() }));
    assert.match(output, /exited \(status 1\)/);
    assert.match(output, /arbor start: the master key does not open the realm keys stored in the database: it is not the key they were encrypted with\. Restore the original ARBOR_MASTER_KEY/);
    assert.ok(!output.includes(keyA), 'the key is never printed');
  });

  it('no key at all: the start fails with status 1, saying it is missing, and generates none', async () => {
    const output = await failedStart(env({}));
    assert.match(output, /exited \(status 1\)/);
    assert.match(output, /arbor start: the master key is missing: the database holds realm keys encrypted with one, but ARBOR_MASTER_KEY is not set and .*master\.key does not exist/);
    await assert.rejects(access(path.join(dataDir, 'master.key')), 'no new master.key was written');
  });

  it('the right key: Arbor starts, is ready and signs in', async () => {
    const again = await startArborChild(env({ ARBOR_MASTER_KEY: keyA }));
    try {
      assert.equal((await ready(again.baseUrl)).status, 200);
      tokenOf(await signIn(again.baseUrl));
    } finally {
      await again.stop();
    }
  });
});
