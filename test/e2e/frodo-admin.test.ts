/**
 * The real Frodo CLI (`@rockcarver/frodo-cli`, `-m classic`, amadmin) against a real Arbor on
 * loopback: `info`, `realm list`, `journey list`, `journey export -a`, `journey import` of a real
 * Frodo export with its script (FrodoTestJourney3, test/fixtures/forgerock/frodo-lib) whose first
 * step then runs, `journey delete` with every node deleted, `script list`, `script export -n`
 * (Frodo's name query), `script export -a`, `script import -f` (a name taken by another script: 409,
 * Frodo renames; built-in `default: true` scripts skipped), `idp list`, and every journey Frodo
 * exports from one Arbor imported with Frodo into a second, fresh Arbor and exported again, equal.
 * Frodo exits 0 on some failures, so each test reads its report. Frodo runs with a temporary HOME
 * (no saved connections) and its working directory in a temporary directory (where exports land).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  /** Runs `frodo <args> -m classic <host> [<realm>] amadmin <password>` in `cwd` (`frodo info` takes no realm). */
  const frodo = (args: string[], realm: string | null = 'alpha', on: TestServer = server, cwd: string = work): Promise<FrodoRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [FRODO, ...args, '-m', 'classic', `${on.baseUrl}/am`, ...(realm === null ? [] : [realm]), 'amadmin', ADMIN_PASSWORD], {
        cwd,
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

  /** amadmin's session cookie on `on`. */
  const adminCookie = async (on: TestServer): Promise<string> => {
    const answer = await fetch(`${on.baseUrl}/am/json/realms/root/authenticate`, { method: 'POST', headers: { 'x-openam-username': 'amadmin', 'x-openam-password': ADMIN_PASSWORD } });
    return `iPlanetDirectoryPro=${((await answer.json()) as { tokenId: string }).tokenId}`;
  };
  const SCRIPTS = '/am/json/realms/root/realms/alpha/scripts';
  const GREETING_ID = '5e1f6a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
  const GREETING_SOURCE = 'var name = "world";\n\tif (name) {\n\t\toutcome = "true";\n\t}\n';

  it('frodo script export -n finds a script by name (its name query) and writes it whole', async () => {
    const put = await fetch(`${server.baseUrl}${SCRIPTS}/${GREETING_ID}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: await adminCookie(server) },
      body: JSON.stringify({ name: 'Arbor Greeting check', description: 'Says hello', script: Buffer.from(GREETING_SOURCE, 'utf8').toString('base64'), language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0' }),
    });
    assert.ok(put.status === 201 || put.status === 200, await put.text());
    const dir = await mkdtemp(path.join(work, 'script-'));
    const run = await frodo(['script', 'export', '-n', 'Arbor Greeting check'], 'alpha', server, dir);
    assert.equal(run.code, 0, run.out);
    assert.doesNotMatch(run.out, /not found|rror/, run.out);
    const files = await readdir(dir);
    assert.equal(files.length, 1, files.join(', '));
    const exported = JSON.parse(await readFile(path.join(dir, files[0] ?? ''), 'utf8')) as { script: Record<string, { name: string; script: string[] | string; context: string }> };
    const script = exported.script[GREETING_ID];
    assert.equal(script?.name, 'Arbor Greeting check');
    assert.equal(script?.context, 'AUTHENTICATION_TREE_DECISION_NODE');
    const lines = Array.isArray(script?.script) ? script.script.join('\n') : String(script?.script);
    assert.match(lines, /outcome = "true"/);
  });

  it('frodo script export -a writes every script of the realm, and script import -f puts them back (409: renamed; defaults skipped)', async () => {
    const dir = await mkdtemp(path.join(work, 'scripts-'));
    const exported = await frodo(['script', 'export', '-a'], 'alpha', server, dir);
    assert.equal(exported.code, 0, exported.out);
    const files = await readdir(dir);
    assert.equal(files.length, 1, files.join(', '));
    const file = path.join(dir, files[0] ?? '');
    const all = JSON.parse(await readFile(file, 'utf8')) as { script: Record<string, { name: string; default?: boolean }> };
    assert.equal(all.script[GREETING_ID]?.name, 'Arbor Greeting check', Object.keys(all.script).join(', '));

    // Into a fresh Arbor: the script arrives with its source.
    const second = await startTestServer();
    try {
      const imported = await frodo(['script', 'import', '-f', file], 'alpha', second, dir);
      assert.equal(imported.code, 0, imported.out);
      const read = await fetch(`${second.baseUrl}${SCRIPTS}/${GREETING_ID}`, { headers: { cookie: await adminCookie(second) } });
      assert.equal(read.status, 200);
      const body = (await read.json()) as { name: string; script: string };
      assert.equal(body.name, 'Arbor Greeting check');
      assert.equal(Buffer.from(body.script, 'base64').toString('utf8').replaceAll('    ', '\t'), GREETING_SOURCE, 'the source survives (Frodo turns tabs into 4 spaces)');

      // A script of another id with a taken name: 409, Frodo renames it and PUTs again.
      const clash = { meta: {}, script: { 'a1b2c3d4-0000-4000-8000-00000000abcd': { ...all.script[GREETING_ID], _id: 'a1b2c3d4-0000-4000-8000-00000000abcd' } } };
      const clashFile = path.join(dir, 'clash.script.json');
      await writeFile(clashFile, JSON.stringify(clash));
      const renamed = await frodo(['script', 'import', '-f', clashFile], 'alpha', second, dir);
      assert.equal(renamed.code, 0, renamed.out);
      const copy = await fetch(`${second.baseUrl}${SCRIPTS}/a1b2c3d4-0000-4000-8000-00000000abcd`, { headers: { cookie: await adminCookie(second) } });
      assert.equal(copy.status, 200, renamed.out);
      assert.equal(((await copy.json()) as { name: string }).name, 'Arbor Greeting check - imported (1)');

      // A default (built-in) script in the file is not written.
      const builtin = { meta: {}, script: { 'b2c3d4e5-0000-4000-8000-00000000beef': { _id: 'b2c3d4e5-0000-4000-8000-00000000beef', name: 'Some default', default: true, script: ['// x'], language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0' } } };
      const builtinFile = path.join(dir, 'default.script.json');
      await writeFile(builtinFile, JSON.stringify(builtin));
      const skipped = await frodo(['script', 'import', '-f', builtinFile], 'alpha', second, dir);
      assert.equal(skipped.code, 0, skipped.out);
      const none = await fetch(`${second.baseUrl}${SCRIPTS}/b2c3d4e5-0000-4000-8000-00000000beef`, { headers: { cookie: await adminCookie(second) } });
      assert.equal(none.status, 404, 'a default script is skipped');
    } finally {
      await second.close();
    }
  });

  it('what Frodo exports from one Arbor imports into a fresh Arbor equal', async () => {
    const first = await mkdtemp(path.join(work, 'roundtrip-a-'));
    const exported = await frodo(['journey', 'export', '-a', '-D', first]);
    assert.equal(exported.code, 0, exported.out);
    const [firstFile] = await readdir(first);
    const firstExport = JSON.parse(await readFile(path.join(first, firstFile ?? ''), 'utf8')) as { meta?: unknown; trees: Record<string, unknown> };

    const second = await startTestServer();
    try {
      const imported = await frodo(['journey', 'import', '-a', '-f', path.join(first, firstFile ?? '')], 'alpha', second, first);
      assert.equal(imported.code, 0, imported.out);
      assert.doesNotMatch(imported.out, /Error importing/, imported.out);
      const again = await mkdtemp(path.join(work, 'roundtrip-b-'));
      const reexported = await frodo(['journey', 'export', '-a', '-D', again], 'alpha', second, again);
      assert.equal(reexported.code, 0, reexported.out);
      const [secondFile] = await readdir(again);
      const secondExport = JSON.parse(await readFile(path.join(again, secondFile ?? ''), 'utf8')) as { meta?: unknown; trees: Record<string, unknown> };
      assert.deepEqual(Object.keys(secondExport.trees).sort(), Object.keys(firstExport.trees).sort());
      for (const name of Object.keys(firstExport.trees)) assert.deepEqual(comparable(secondExport.trees[name]), comparable(firstExport.trees[name]), name);
    } finally {
      await second.close();
    }
  });
});

/** An exported journey without what differs between two servers by nature: revisions. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '_rev').map(([key, inner]) => [key, comparable(inner)]));
}
