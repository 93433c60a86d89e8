/**
 * `npm run bench:scripted [-- --seconds 3 --rounds 3 --concurrency 16 --debug]`: what a Scripted Decision
 * node costs. One Arbor (SQLite, temporary data directory) serves two journeys that differ only
 * by a legacy Scripted Decision node: `Plain` (Username Collector → success) and `Scripted`
 * (Username Collector → Scripted Decision → success). Each round measures the steps per second of
 * both with `--concurrency` clients, in turn, in the same run; then 16 runaway scripts run at once
 * (an endless loop, the realm's 1 s limit) while a client keeps signing in through `Plain`, to show
 * the limits hold and the server keeps answering. Clients run in this process, beside the server:
 * the figures compare the two journeys, they are not the server's ceiling. A benchmark, not a
 * test: it prints numbers and asserts nothing. `--debug` prints the body of each failed sign-in.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadServerSettings } from '../src/config/server-settings.ts';
import { runCli } from '../src/main.ts';
import { createPlatform } from '../src/platform/create-platform.ts';
import { openPlatformStore } from '../src/platform/open-platform-store.ts';
import type { AmScript } from '../src/scripting/am-script.ts';
import { configScriptStore } from '../src/scripting/script-store.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '16' }, debug: { type: 'boolean', default: false } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);

const SUCCESS = '70e691a5-1e33-4ac3-a356-e7b6d60d92e0';

function script(id: string, source: string): AmScript {
  return { _id: id, name: id, description: '', script: Buffer.from(source).toString('base64'), language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0', default: false, createdBy: 'bench', creationDate: 1, lastModifiedBy: 'bench', lastModifiedDate: 1 };
}

/** A journey of `nodes` (id → [type, config, connections]) in the `{tree, nodes}` shape. */
function journey(name: string, nodes: [string, string, Record<string, unknown>, Record<string, string>][]) {
  const tree = { _id: name, identityResource: 'managed/alpha_user', entryNodeId: nodes[0]?.[0], enabled: true, innerTreeOnly: false, noSession: false, staticNodes: {}, nodes: Object.fromEntries(nodes.map(([id, type, , connections]) => [id, { displayName: type, nodeType: type, connections }])) };
  return { tree, nodes: Object.fromEntries(nodes.map(([id, type, config]) => [id, { _id: id, _type: { _id: type, name: type, collection: true }, ...config }])) };
}

const journeys = {
  Plain: journey('Plain', [['a1b2c3d4-0000-4000-8000-000000000001', 'UsernameCollectorNode', {}, { outcome: SUCCESS }]]),
  Scripted: journey('Scripted', [
    ['a1b2c3d4-0000-4000-8000-000000000002', 'UsernameCollectorNode', {}, { outcome: 'a1b2c3d4-0000-4000-8000-000000000003' }],
    ['a1b2c3d4-0000-4000-8000-000000000003', 'ScriptedDecisionNode', { script: 'bench-decide', outcomes: ['true', 'false'] }, { true: SUCCESS, false: SUCCESS }],
  ]),
  Runaway: journey('Runaway', [
    ['a1b2c3d4-0000-4000-8000-000000000004', 'UsernameCollectorNode', {}, { outcome: 'a1b2c3d4-0000-4000-8000-000000000005' }],
    ['a1b2c3d4-0000-4000-8000-000000000005', 'ScriptedDecisionNode', { script: 'bench-runaway', outcomes: ['true'] }, { true: SUCCESS }],
  ]),
};

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'arbor-bench-scripted-'));
  const env = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' };
  const settings = loadServerSettings(env, dataDir);
  const clock = { now: () => Date.now() };
  const store = await openPlatformStore(settings, () => {}, { clock });
  const scripts = configScriptStore(store.configs);
  await scripts.put('alpha', script('bench-decide', 'var name = sharedState.get("username"); sharedState.put("checked", true); outcome = name && name.length > 0 ? "true" : "false";'));
  await scripts.put('alpha', script('bench-runaway', 'while (true) {}'));
  await importBench(dataDir, env);
  const platform = await createPlatform({ settings, store, clock, logger: false });
  await platform.identity.createUser('alpha_user', { userName: 'bench-user', password: 'Quiet-Harbour-42', mail: 'bench@example.com', givenName: 'Bench', sn: 'User' });
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const address = platform.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}/am/json/realms/root/realms/alpha/authenticate`;
  const headers = { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' };

  /** One sign-in through `tree` (two steps); the status of the last answer. */
  async function signIn(tree: string): Promise<number> {
    const url = `${base}?authIndexType=service&authIndexValue=${tree}`;
    const first = await fetch(url, { method: 'POST', headers, body: '{}' });
    const step = (await first.json()) as { callbacks?: { input?: { value: unknown }[] }[] };
    const input = step.callbacks?.[0]?.input?.[0];
    if (input === undefined) return first.status;
    input.value = 'bench-user';
    const second = await fetch(url, { method: 'POST', headers, body: JSON.stringify(step) });
    if (second.status !== 200 && values.debug) console.log(second.status, await second.text()); else await second.arrayBuffer();
    return second.status;
  }

  async function stepsPerSecond(tree: string): Promise<{ rate: number; failures: number }> {
    const end = performance.now() + seconds * 1000;
    let steps = 0;
    let failures = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const status = await signIn(tree);
        if (status === 200) steps += 2;
        else failures += 1;
      }
    }));
    return { rate: steps / seconds, failures };
  }

  await stepsPerSecond('Plain');
  await stepsPerSecond('Scripted');
  console.log(`bench:scripted — ${rounds} rounds × ${seconds} s, ${concurrency} clients, SQLite`);
  const plain: number[] = [];
  const scripted: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const a = await stepsPerSecond('Plain');
    const b = await stepsPerSecond('Scripted');
    plain.push(a.rate);
    scripted.push(b.rate);
    console.log(`round ${round}: Plain ${a.rate.toFixed(0)} steps/s, Scripted ${b.rate.toFixed(0)} steps/s (${((1 - b.rate / a.rate) * 100).toFixed(1)} % fewer)${a.failures + b.failures > 0 ? `, ${a.failures + b.failures} failed sign-ins` : ''}`);
  }
  const median = (list: number[]) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)] ?? 0;
  const perStep = (1 / median(scripted) - 1 / median(plain)) * concurrency * 1000;
  console.log(`median: Plain ${median(plain).toFixed(0)} steps/s, Scripted ${median(scripted).toFixed(0)} steps/s; a step of Scripted takes about ${perStep.toFixed(2)} ms longer at this concurrency`);

  const started = performance.now();
  let answered = 0;
  const latencies: number[] = [];
  let runawayDone = false;
  const runaways = Promise.all(Array.from({ length: 16 }, () => signIn('Runaway'))).then((statuses) => {
    runawayDone = true;
    return statuses;
  });
  while (!runawayDone) {
    const t = performance.now();
    if ((await signIn('Plain')) === 200) answered += 1;
    latencies.push(performance.now() - t);
  }
  const statuses = await runaways;
  const failed = statuses.filter((status) => status === 401).length;
  console.log(`16 runaway scripts at once: ${failed}/16 ended in 401 within ${((performance.now() - started) / 1000).toFixed(1)} s; meanwhile ${answered} Plain sign-ins succeeded (slowest ${Math.max(...latencies, 0).toFixed(0)} ms)`);

  await platform.close();
  await rm(dataDir, { recursive: true, force: true });
}

/** Imports the bench journeys with the CLI, as an administrator would. */
async function importBench(dataDir: string, env: Record<string, string>): Promise<void> {
  const file = path.join(dataDir, 'bench-journeys.json');
  await writeFile(file, JSON.stringify({ trees: journeys }));
  let err = '';
  const code = await runCli(['journey', 'import', file, '--realm', 'alpha'], {
    env,
    out: () => {},
    err: (line) => (err += `${line}\n`),
    openStore: () => openPlatformStore(loadServerSettings(env, dataDir), () => {}, { clock: { now: () => Date.now() } }),
  });
  if (code !== 0) throw new Error(`journey import failed: ${err}`);
}

await main();
