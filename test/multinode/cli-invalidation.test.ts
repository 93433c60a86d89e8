/**
 * Changes made by `arbor` CLI commands (run as their own processes, as an operator would, on the
 * cluster's PostgreSQL and Redis) seen by every running node within a second, where the nodes'
 * caches would trust what they hold for 30 seconds (keys) or 5 (configuration): keys generated
 * and rotated by `arbor keys` in the relying party's published key set (`connect/rp/jwk_uri`),
 * the OpenID provider's signing key rotated by `arbor keys rotate --provider` in the provider's
 * (`connect/jwk_uri`), and a realm's default journey changed by `arbor config import`. Skipped,
 * saying why, without ARBOR_TEST_POSTGRES_URL and ARBOR_TEST_REDIS_URL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Cluster, multinodeSkip, startCluster } from './harness.ts';

const MAIN = path.join(import.meta.dirname, '..', '..', 'src', 'main.ts');
const ALPHA_OAUTH2 = '/am/oauth2/realms/root/realms/alpha';
const RP_JWKS = `${ALPHA_OAUTH2}/connect/rp/jwk_uri`;
const OP_JWKS = `${ALPHA_OAUTH2}/connect/jwk_uri`;

/** What a CLI command printed and how it ended, and when (performance.now()) it had ended. */
interface CliRun {
  code: number | null;
  out: string;
  err: string;
  endedAt: number;
}

describe('CLI changes seen by every running node within a second', { skip: multinodeSkip }, () => {
  let cluster: Cluster;
  let dataDir: string;

  /** Runs `arbor <args>` as its own process on the cluster's store (30 s at most). */
  const arbor = (args: string[]): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [MAIN, ...args], {
        cwd: dataDir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...cluster.sharedEnv, ARBOR_DATA_DIR: dataDir, ARBOR_LOG: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err, endedAt: performance.now() });
      });
    });

  const succeeded = (run: CliRun): CliRun => {
    assert.equal(run.code, 0, `${run.out}\n${run.err}`);
    assert.doesNotMatch(run.err, /could not tell the running Arbor servers/, 'the change was announced');
    return run;
  };

  /** The kids of the key set at `route` as node `node` publishes it. */
  const kids = async (node: number, route: string): Promise<string[]> => {
    const response = await fetch(`${cluster.nodes[node]?.baseUrl}${route}`);
    assert.equal(response.status, 200, route);
    const body = (await response.json()) as { keys: { kid: string }[] };
    return body.keys.map((key) => key.kid).sort();
  };

  /** Waits until `seen(node)` holds on every node, each within a second of `since`. */
  const everyNodeWithinASecond = async (since: number, what: string, seen: (node: number) => Promise<boolean>): Promise<void> => {
    for (const node of cluster.nodes.keys()) {
      while (!(await seen(node))) {
        assert.ok(performance.now() - since < 1000, `node ${node} did not see ${what} within a second`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const after = performance.now() - since;
      assert.ok(after < 1000, `node ${node} saw ${what} after ${Math.round(after)} ms`);
    }
  };

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-multinode-cli-'));
    cluster = await startCluster({ nodes: 2, env: { ARBOR_WORKERS: '1' } });
  });
  after(async () => {
    await cluster?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes the keys that arbor keys generates, then rotates, on every node', async () => {
    // Each node reads (and would keep for 30 s) the realm's listing: no keys yet.
    for (const node of cluster.nodes.keys()) assert.deepEqual(await kids(node, RP_JWKS), []);
    const generated = succeeded(await arbor(['keys', 'generate', '--realm', 'alpha', '--alg', 'RS256']));
    const kid = /generated sig RS256 key ([\w-]+)/.exec(generated.out)?.[1];
    assert.ok(kid !== undefined, generated.out);
    await everyNodeWithinASecond(generated.endedAt, 'the generated key', async (node) => (await kids(node, RP_JWKS)).includes(kid));

    const rotated = succeeded(await arbor(['keys', 'rotate', '--realm', 'alpha', '--use', 'sig', '--retire-after', '0s']));
    const next = /rotated sig RS256: new key ([\w-]+)/.exec(rotated.out)?.[1];
    assert.ok(next !== undefined && next !== kid, rotated.out);
    await everyNodeWithinASecond(rotated.endedAt, 'the rotation', async (node) => JSON.stringify(await kids(node, RP_JWKS)) === JSON.stringify([next]));
  });

  it('rotates the OpenID provider\u2019s signing key on every node (its connect/jwk_uri)', async () => {
    // The first request makes the provider's key; then every node has built its provider with it.
    const before = await kids(0, OP_JWKS);
    assert.equal(before.length, 1);
    for (const node of cluster.nodes.keys()) assert.deepEqual(await kids(node, OP_JWKS), before);
    const rotated = succeeded(await arbor(['keys', 'rotate', '--realm', 'alpha', '--provider', '--retire-after', '0s']));
    const next = /rotated sig RS256: new key ([\w-]+)/.exec(rotated.out)?.[1];
    assert.ok(next !== undefined && !before.includes(next), rotated.out);
    await everyNodeWithinASecond(rotated.endedAt, 'the provider key rotation', async (node) => JSON.stringify(await kids(node, OP_JWKS)) === JSON.stringify([next]));
  });

  it('runs the default journey that arbor config import sets, on every node', async () => {
    const firstStep = async (node: number): Promise<string[]> => {
      const response = await fetch(`${cluster.nodes[node]?.baseUrl}/am/json/realms/root/realms/alpha/authenticate`, { method: 'POST' });
      const body = (await response.json()) as { callbacks?: { type: string }[] };
      assert.equal(response.status, 200, JSON.stringify(body));
      return (body.callbacks ?? []).map((callback) => callback.type);
    };
    const dir = path.join(dataDir, 'alpha-config');
    succeeded(await arbor(['config', 'export', dir, '--realm', 'alpha']));
    const realmFile = path.join(dir, 'realm.json');
    const realm = JSON.parse(await readFile(realmFile, 'utf8')) as { journeys: { defaultTree: string } };
    assert.equal(realm.journeys.defaultTree, 'Login');
    realm.journeys.defaultTree = 'Registration';
    await writeFile(realmFile, `${JSON.stringify(realm, null, 2)}\n`);
    // Each node has the realm (default journey Login) cached, and would trust it for up to 5 seconds.
    const login = await firstStep(0);
    assert.deepEqual(await firstStep(1), login);
    const imported = succeeded(await arbor(['config', 'import', dir, '--realm', 'alpha']));
    assert.match(imported.out, /realm\.json/);
    await everyNodeWithinASecond(imported.endedAt, 'the new default journey', async (node) => (await firstStep(node)).includes('ValidatedCreateUsernameCallback'));
  });
});
