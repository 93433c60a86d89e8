import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSettingsError } from '../config/server-settings.ts';
import { isCliError } from './cli-error.ts';
import { MAX_WORKERS_PER_CORE, type WorkerCountInput, workerCount } from './worker-count.ts';

const postgres = (extra: Partial<WorkerCountInput> = {}): WorkerCountInput => ({ option: undefined, env: {}, sharedStore: true, cores: 2, ...extra });
const sqlite = (extra: Partial<WorkerCountInput> = {}): WorkerCountInput => ({ ...postgres(extra), sharedStore: false });

/** The error `workerCount` throws for `input`. */
function failure(input: WorkerCountInput): Error {
  try {
    workerCount(input);
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

describe('workerCount (arbor start --workers)', () => {
  it('defaults to one per core on PostgreSQL and to 1 on SQLite', () => {
    assert.equal(workerCount(postgres({ cores: 2 })), 2);
    assert.equal(workerCount(postgres({ cores: 8 })), 8);
    assert.equal(workerCount(sqlite({ cores: 8 })), 1);
    assert.equal(workerCount(postgres({ env: { ARBOR_WORKERS: '' } })), 2, 'an empty variable is unset');
  });

  it('takes --workers, else ARBOR_WORKERS; the option wins', () => {
    assert.equal(workerCount(postgres({ option: '3' })), 3);
    assert.equal(workerCount(postgres({ env: { ARBOR_WORKERS: '1' } })), 1);
    assert.equal(workerCount(postgres({ option: '2', env: { ARBOR_WORKERS: '1' } })), 2);
    assert.equal(workerCount(sqlite({ option: '1' })), 1, 'one worker on SQLite is what it runs anyway');
  });

  it('refuses 0, words, fractions, negative numbers and more than four per core, as usage errors', () => {
    const max = 2 * MAX_WORKERS_PER_CORE;
    for (const raw of ['0', 'abc', '1.5', '-1', '', String(max + 1), '1e3']) {
      const error = failure(postgres({ option: raw }));
      assert.ok(isCliError(error, 'USAGE'), raw);
      assert.equal(error.message, `--workers must be an integer from 1 to ${max} (4 per core, 2 cores here), got "${raw}"`);
    }
    assert.equal(workerCount(postgres({ option: String(max) })), max);
  });

  it('refuses a bad ARBOR_WORKERS as a bad setting naming the variable', () => {
    const error = failure(postgres({ env: { ARBOR_WORKERS: 'all' }, cores: 1 }));
    assert.ok(isSettingsError(error));
    assert.equal(error.variable, 'ARBOR_WORKERS');
    assert.equal(error.message, 'ARBOR_WORKERS must be an integer from 1 to 4 (4 per core, 1 core here), got "all"');
  });

  it('refuses more than one worker on SQLite, saying why and what to do', () => {
    for (const [input, source] of [
      [sqlite({ option: '2' }), '--workers 2'],
      [sqlite({ env: { ARBOR_WORKERS: '4' } }), 'ARBOR_WORKERS=4'],
    ] as const) {
      const error = failure(input);
      assert.ok(isCliError(error, 'REFUSED'));
      assert.equal(error.exitCode, 2);
      assert.equal(
        error.message,
        `${source} needs PostgreSQL (ARBOR_DATABASE_URL): the embedded SQLite store is used by one process only. Run one worker (leave --workers and ARBOR_WORKERS unset), or move to PostgreSQL to use every core`,
      );
    }
  });
});
