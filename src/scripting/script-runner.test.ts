import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isScriptError } from './script-error.ts';
import type { ScriptErrorCode } from './script-error.ts';
import { scriptHostError } from './script-host.ts';
import { createScriptRunner } from './script-runner.ts';
import { jsScript, runRecorded } from './testing/script-fixtures.ts';

const runner = createScriptRunner();

async function failsWith(source: string, code: ScriptErrorCode, settings = {}): Promise<void> {
  await assert.rejects(runRecorded(runner, jsScript(source), { settings }), (error: unknown) => {
    assert.ok(isScriptError(error), String(error));
    assert.equal(error.code, code, error.message);
    return true;
  });
  // The engine is fine afterwards: the next script runs.
  const next = await runRecorded(runner, jsScript('outcome = "true";'));
  assert.equal(next.output.outcome, 'true');
}

describe('the script runner’s limits', () => {
  it('stops an endless loop at the realm’s time limit', async () => {
    const started = performance.now();
    await failsWith('while (true) {}', 'SCRIPT_TIMEOUT', { timeoutMs: 100 });
    assert.ok(performance.now() - started < 2000);
  });

  it('stops unbounded allocation at the realm’s memory limit', async () => {
    // A generous time limit: near the memory limit QuickJS collects garbage at every allocation,
    // which takes about a second alone and several on a loaded machine; the memory limit must win.
    await failsWith('var all = []; for (;;) all.push(new Array(1000).fill("x" + all.length));', 'SCRIPT_MEMORY', { memoryBytes: 2 * 1024 * 1024, timeoutMs: 30_000 });
  });

  it('a string grown to the memory limit, again and again, leaves the next scripts room to run', async () => {
    // Each run that fills its memory gives the module's heap back at once, before the next sandbox is made.
    for (let round = 0; round < 4; round += 1) {
      await failsWith('var s = "x"; for (;;) s = s.repeat(2);', 'SCRIPT_MEMORY', { memoryBytes: 16 * 1024 * 1024, timeoutMs: 30_000 });
    }
  });

  it('stops a runaway recursion', async () => {
    await failsWith('function deeper(n) { return deeper(n + 1) + 1; } deeper(0);', 'SCRIPT_STACK_OVERFLOW');
  });

  it('refuses a result larger than the realm’s output limit', async () => {
    await failsWith('sharedState.put("big", "x".repeat(20000)); outcome = "true";', 'SCRIPT_OUTPUT_TOO_LARGE', { maxOutputBytes: 10_000 });
  });

  it('reports a thrown error and a syntax error as SCRIPT_ERROR', async () => {
    await failsWith('throw new Error("no way");', 'SCRIPT_ERROR');
    await failsWith('outcome = ;', 'SCRIPT_ERROR');
  });

  it('refuses Groovy scripts with a clear message', async () => {
    await assert.rejects(runRecorded(runner, jsScript('outcome = "true"', { language: 'GROOVY' })), (error: unknown) => {
      assert.ok(isScriptError(error));
      assert.equal(error.code, 'SCRIPT_LANGUAGE_UNSUPPORTED');
      assert.match(error.message, /GROOVY/);
      return true;
    });
  });
});

describe('the sandbox', () => {
  it('has nothing of the host: no process, require, module, fetch or host-side constructors', async () => {
    const source = [
      'var seen = [typeof process, typeof require, typeof module, typeof fetch, typeof Buffer, typeof setTimeout, typeof host, typeof inputJson, typeof load, typeof kit];',
      'var escaped = "no";',
      'try { escaped = String(globalThis.constructor.constructor("return typeof process")()); } catch (e) { escaped = "threw"; }',
      'sharedState.put("seen", seen); sharedState.put("escaped", escaped); outcome = "true";',
    ].join('\n');
    const { output } = await runRecorded(runner, jsScript(source));
    assert.deepEqual(output.shared.seen, Array.from({ length: 10 }, () => 'undefined'));
    assert.equal(output.shared.escaped, 'undefined');
  });

  it('keeps nothing from one run to the next', async () => {
    await runRecorded(runner, jsScript('globalThis.leak = "secret"; Object.prototype.polluted = 1; outcome = "true";'));
    const { output } = await runRecorded(runner, jsScript('outcome = typeof leak + "/" + typeof ({}).polluted;'));
    assert.equal(output.outcome, 'undefined/undefined');
  });
});

describe('host calls', () => {
  it('gives each answer back in order, running the script again, and writes each log line once', async () => {
    const source = [
      'logger.message("starting");',
      'var id = utils.crypto.randomUUID();',
      'var first = httpClient.send("https://api.example.com/a").get().json();',
      'var second = httpClient.send("https://api.example.com/b").get().json();',
      'nodeState.putShared("sum", first.n + second.n); nodeState.putShared("id", id);',
      'logger.message("done");',
      'action.goTo("true");',
    ].join('\n');
    const { output, lines, calls } = await runRecorded(runner, jsScript(source, { version: '2.0' }), {
      answer: async (_op, args) => ({ status: 200, headers: {}, body: JSON.stringify({ n: String((args as { url: string }).url).endsWith('/a') ? 1 : 2 }) }),
    });
    assert.equal(output.outcome, 'true');
    assert.equal(output.shared.sum, 3);
    assert.match(String(output.shared.id), /^[0-9a-f-]{36}$/);
    assert.deepEqual(calls.map((call) => call.op), ['http', 'http']);
    assert.deepEqual(lines.map((line) => line.message), ['starting', 'done']);
  });

  it('lets the script catch a refused host call', async () => {
    const source = 'try { httpClient.send("https://evil.example.net/").get(); outcome = "reached"; } catch (e) { outcome = "refused"; sharedState.put("why", e.message); }';
    const { output } = await runRecorded(runner, jsScript(source), {
      answer: async () => {
        throw scriptHostError('HTTP_HOST_REFUSED', 'evil.example.net is not on the realm’s scripting.httpAllowList');
      },
    });
    assert.equal(output.outcome, 'refused');
    assert.match(String(output.shared.why), /httpAllowList/);
  });
});

describe('the script cache', () => {
  it('keeps a prepared script by id and revision, and prepares it again when the revision changes', async () => {
    const cached = createScriptRunner();
    const first = await runRecorded(cached, jsScript('outcome = "one";', { id: 'rev', revision: 1 }));
    assert.equal(first.output.outcome, 'one');
    // Same id and revision: the prepared script is reused, whatever the text says now.
    const same = await runRecorded(cached, jsScript('outcome = "two";', { id: 'rev', revision: 1 }));
    assert.equal(same.output.outcome, 'one');
    const changed = await runRecorded(cached, jsScript('outcome = "two";', { id: 'rev', revision: 2 }));
    assert.equal(changed.output.outcome, 'two');
  });
});
