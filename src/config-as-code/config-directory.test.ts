/**
 * The directory on disk: reading reports every file (a stray one is never ignored) and refuses
 * symbolic links; writing stays inside the directory and replaces only the layout's files.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readConfigDirectory, writeConfigDirectory } from './config-directory.ts';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'arbor-config-directory-'));
});
after(async () => rm(root, { recursive: true, force: true }));

async function directory(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('readConfigDirectory', () => {
  it('reads every file, stray and hidden ones included, by its /-separated path in order', async () => {
    const dir = await directory('stray', { 'realm.json': '{}\n', 'journeys/Login.json': '{}', 'notes/README.md': 'hi', '.hidden': 'x', 'journeys/not json.json': '{ no' });
    const files = await readConfigDirectory(dir);
    assert.deepEqual([...files.keys()], ['.hidden', 'journeys/Login.json', 'journeys/not json.json', 'notes/README.md', 'realm.json']);
    assert.equal(files.get('journeys/not json.json'), '{ no');
  });

  it('refuses a symbolic link, to a file or a directory outside', async () => {
    const outside = await directory('outside', { 'secret.txt': 'do not read' });
    const linkedFile = await directory('linked-file', { 'realm.json': '{}' });
    await symlink(join(outside, 'secret.txt'), join(linkedFile, 'journeys.json'));
    await assert.rejects(readConfigDirectory(linkedFile), { message: 'journeys.json: is a symbolic link: refused' });
    const linkedDir = await directory('linked-dir', { 'realm.json': '{}' });
    await symlink(outside, join(linkedDir, 'journeys'));
    await assert.rejects(readConfigDirectory(linkedDir), { message: 'journeys: is a symbolic link: refused' });
  });

  it('fails on a directory that does not exist', async () => {
    await assert.rejects(readConfigDirectory(join(root, 'missing')), { code: 'ENOENT' });
  });
});

describe('writeConfigDirectory', () => {
  it('writes the files, removes the earlier layout files the export lacks and leaves other files alone', async () => {
    const dir = await directory('export', { 'journeys/Old.json': 'old', 'README.md': 'mine' });
    const previous = new Map([['journeys/Old.json', 'old']]);
    await writeConfigDirectory(dir, new Map([['realm.json', '{}\n'], ['scripts/a.js', 'x']]), previous);
    assert.deepEqual([...(await readConfigDirectory(dir))], [['README.md', 'mine'], ['realm.json', '{}\n'], ['scripts/a.js', 'x']]);
  });

  it('refuses a path with .. or an empty segment, writing nothing', async () => {
    const dir = await directory('dots', {});
    for (const path of ['../escaped.json', 'journeys/../../escaped.json', '/abs.json', 'journeys//a.json', './a.json']) {
      await assert.rejects(writeConfigDirectory(dir, new Map([['realm.json', '{}'], [path, 'x']])), { message: `${path}: is not a path inside the directory` });
    }
    await assert.rejects(readFile(join(root, 'escaped.json')), { code: 'ENOENT' });
    assert.deepEqual(await readConfigDirectory(dir), new Map());
  });

  it('refuses to write or remove through a symbolic link in the directory', async () => {
    const outside = await directory('target', { 'Login.json': 'theirs' });
    const dir = await directory('linked-target', {});
    await symlink(outside, join(dir, 'journeys'));
    await assert.rejects(writeConfigDirectory(dir, new Map([['journeys/Login.json', 'ours']])), { message: 'journeys/Login.json: passes through a symbolic link: refused' });
    await assert.rejects(writeConfigDirectory(dir, new Map(), new Map([['journeys/Login.json', 'theirs']])), { message: 'journeys/Login.json: passes through a symbolic link: refused' });
    assert.equal(await readFile(join(outside, 'Login.json'), 'utf8'), 'theirs');
  });
});
