import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode, sentCallbacks, submit } from '../../engine/node-testing.ts';
import { metadataNode } from './metadata-node.ts';

describe('MetadataNode', () => {
  const shared = { mail: 'bob@example.com', telephoneNumber: '+32 2 555 01 01', username: 'bob' };

  it('sends a MetadataCallback with the configured shared state attributes that are present', async () => {
    const { action } = await runNode(metadataNode, { config: { attributes: ['mail', 'telephoneNumber', 'absent'] }, shared, transient: { password: 'never' } });
    assert.deepEqual(sentCallbacks(action), [{ type: 'MetadataCallback', output: [{ name: 'data', value: { mail: 'bob@example.com', telephoneNumber: '+32 2 555 01 01' } }], inputs: [] }]);
  });

  it('never sends transient state, even when configured', async () => {
    const { action } = await runNode(metadataNode, { config: { attributes: ['password'] }, transient: { password: 'Secret12!' } });
    assert.deepEqual(sentCallbacks(action)[0]?.output, [{ name: 'data', value: {} }]);
  });

  it('goes to outcome once the client sends the step back', async () => {
    const first = await runNode(metadataNode, { config: { attributes: ['mail'] }, shared });
    const { action } = await runNode(metadataNode, { config: { attributes: ['mail'] }, shared, callbacks: submit(sentCallbacks(first.action), []) });
    assert.deepEqual(action, goTo('outcome'));
  });
});
