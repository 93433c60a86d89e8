import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import type { AmScript } from './am-script.ts';
import { scriptSource } from './am-script.ts';
import { configScriptStore } from './script-store.ts';

function script(id: string, source: string): AmScript {
  return {
    _id: id,
    name: `Script ${id}`,
    description: '',
    script: Buffer.from(source).toString('base64'),
    language: 'JAVASCRIPT',
    context: 'AUTHENTICATION_TREE_DECISION_NODE',
    evaluatorVersion: '1.0',
    default: false,
    createdBy: 'amadmin',
    creationDate: 1,
    lastModifiedBy: 'amadmin',
    lastModifiedDate: 1,
  };
}

describe('the script store', () => {
  it('keeps each realm’s scripts apart, by id, with their source as written', async () => {
    const scripts = configScriptStore(openMemoryStore().configs);
    await scripts.put('alpha', script('a/1', 'outcome = "true";'));
    await scripts.put('bravo', script('b', 'outcome = "false";'));
    const found = await scripts.get('alpha', 'a/1');
    assert.ok(found !== undefined);
    assert.equal(scriptSource(found), 'outcome = "true";');
    assert.equal(await scripts.get('bravo', 'a/1'), undefined);
    assert.deepEqual((await scripts.list('alpha')).map((entry) => entry._id), ['a/1']);
    assert.equal(await scripts.delete('alpha', 'a/1'), true);
    assert.equal(await scripts.get('alpha', 'a/1'), undefined);
  });
});
