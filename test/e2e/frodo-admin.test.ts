/**
 * The real Frodo CLI (`@rockcarver/frodo-cli`, `-m classic`, amadmin) against a real Arbor on
 * loopback: `info`, `realm list`, `journey list`, `journey export -a`, `journey import` of a real
 * Frodo export with its script (FrodoTestJourney3, test/fixtures/forgerock/frodo-lib) whose first
 * step then runs, `journey delete` with every node deleted, `script list` and `idp list`. Frodo
 * exits 0 on some failures, so each test reads its report. Frodo runs with a temporary HOME (no
 * saved connections) and its working directory in a temporary directory (where exports land).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD } from '../helpers/self-service.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { TestServer } from '../helpers/test-server.ts';

const FRODO = fileURLToPath(new URL('../../node_modules/@rockcarver/frodo-cli/dist/launch.cjs', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/forgerock/frodo-lib/FrodoTestJourney3-scripts.journey.json', import.meta.url));

interface FrodoRun {
  code: number | null;
  /** Standard output and error together, without colours. */
  out: string;
}

describe('Frodo against Arbor as a classic AM', () => {
  let server: TestServer;
  let work: string;

  /** Runs `frodo <args> -m classic <host> [<realm>] amadmin <password>` in `work` (`frodo info` takes no realm). */
  const frodo = (args: string[], realm: string | null = 'alpha'): Promise<FrodoRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [FRODO, ...args, '-m', 'classic', `${server.baseUrl}/am`, ...(realm === null ? [] : [realm]), 'amadmin', ADMIN_PASSWORD], {
        cwd: work,
        env: { PATH: process.env.PATH ?? '', HOME: path.join(work, 'home'), NO_COLOR: '1', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, out: out.replace(/\u001b\[[0-9;]*m/g, '') });
      });
    });

  before(async () => {
    server = await startTestServer();
    work = await mkdtemp(path.join(tmpdir(), 'arbor-frodo-'));
  });
  after(async () => {
    await server?.close();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('frodo info connects as amadmin and reads AM 7.5.0', async () => {
    const run = await frodo(['info'], null);
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, /Connected to .* as user amadmin/);
    assert.match(run.out, /AM Version\s*│\s*7\.5\.0 Build arbor-/);
    assert.match(run.out, /Deployment Type\s*│\s*classic/);
    assert.doesNotMatch(run.out, /Cannot extract semantic version/);
  });

  it('frodo realm list prints / and /alpha', async () => {
    const run = await frodo(['realm', 'list']);
    assert.equal(run.code, 0, run.out);
    const lines = run.out.split('\n').map((line) => line.trim());
    assert.ok(lines.includes('/'), run.out);
    assert.ok(lines.includes('/alpha'), run.out);
  });

  it('frodo journey list prints the realm’s journeys', async () => {
    const run = await frodo(['journey', 'list']);
    assert.equal(run.code, 0, run.out);
    const lines = run.out.split('\n').map((line) => line.trim());
    for (const name of ['Login', 'Registration', 'ResetPassword']) assert.ok(lines.includes(name), `${name} in ${run.out}`);
  });

  it('frodo journey export -a writes one file with every tree, each with its nodes', async () => {
    const exportDir = await mkdtemp(path.join(work, 'export-'));
    const child = spawn(process.execPath, [FRODO, 'journey', 'export', '-a', '-D', exportDir, '-m', 'classic', `${server.baseUrl}/am`, 'alpha', 'amadmin', ADMIN_PASSWORD], { cwd: work, env: { PATH: process.env.PATH ?? '', HOME: path.join(work, 'home'), NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, out);
    assert.doesNotMatch(out, /Error/, out);
    const files = await readdir(exportDir);
    assert.equal(files.length, 1, files.join(', '));
    const exported = JSON.parse(await readFile(path.join(exportDir, files[0] ?? ''), 'utf8')) as { trees: Record<string, { tree: { _id: string; nodes: Record<string, unknown> }; nodes: Record<string, { _id: string; _type: { _id: string } }>; innerNodes: Record<string, unknown> }> };
    const names = Object.keys(exported.trees);
    for (const name of ['Login', 'Registration', 'ProgressiveProfile', 'SocialLogin']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const login = exported.trees.Login;
    assert.ok(login !== undefined);
    assert.deepEqual(Object.keys(login.nodes).sort(), Object.keys(login.tree.nodes).sort(), 'every node of the tree is exported');
    assert.ok(Object.keys(login.innerNodes).length > 0, 'page children are exported');
    for (const [id, node] of Object.entries(login.nodes)) assert.equal(node._id, id);
  });

  it('frodo journey import of a Frodo export with its script, then the journey runs', async () => {
    const run = await frodo(['journey', 'import', '-f', FIXTURE]);
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, /Imported FrodoTestJourney3/, run.out);
    const list = await frodo(['journey', 'list']);
    assert.ok(list.out.split('\n').some((line) => line.trim() === 'FrodoTestJourney3'), list.out);
    const scripts = await frodo(['script', 'list']);
    assert.equal(scripts.code, 0, scripts.out);
    assert.match(scripts.out, /Check Username/, 'the script came with the journey');
    // Frodo rewrote the tree's identityResource to managed/user; alpha's users are managed/alpha_user.
    const first = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=FrodoTestJourney3`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(first.status, 200);
    const step = (await first.json()) as { authId?: string; callbacks?: { type: string }[] };
    assert.equal(typeof step.authId, 'string');
    assert.deepEqual(step.callbacks?.map((callback) => callback.type), ['NameCallback', 'PasswordCallback'], 'no username yet: the script leads to the sign-in page');
  });

  it('frodo journey delete deletes the tree and every node', async () => {
    const run = await frodo(['journey', 'delete', '-i', 'FrodoTestJourney3']);
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, /Deleted FrodoTestJourney3 and (\d+)\/\1 nodes\./, run.out);
    const list = await frodo(['journey', 'list']);
    assert.ok(!list.out.split('\n').some((line) => line.trim() === 'FrodoTestJourney3'), list.out);
  });

  it('frodo idp list prints the realm’s social providers', async () => {
    const token = await fetch(`${server.baseUrl}/am/json/realms/root/authenticate`, { method: 'POST', headers: { 'x-openam-username': 'amadmin', 'x-openam-password': ADMIN_PASSWORD } });
    const { tokenId } = (await token.json()) as { tokenId: string };
    const put = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/realm-config/services/SocialIdentityProviders/gitHubConfig/github`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: `iPlanetDirectoryPro=${tokenId}` },
      body: JSON.stringify({ clientId: 'gh-client', clientSecret: 'gh-Secret-123', redirectURI: 'https://login.example.com/am', enabled: true }),
    });
    assert.equal(put.status, 201, await put.text());
    const run = await frodo(['idp', 'list']);
    assert.equal(run.code, 0, run.out);
    assert.ok(run.out.split('\n').some((line) => line.trim() === 'github'), run.out);
  });
});
