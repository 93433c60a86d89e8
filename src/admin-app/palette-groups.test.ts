/** The palette: node types grouped by category and found by searching. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paletteGroups } from './palette-groups.ts';

const types = [
  { id: 'PasswordCollectorNode', name: 'Password Collector', category: 'basic authentication', help: 'Asks for a password.' },
  { id: 'PageNode', name: 'Page Node', category: 'structure', help: 'Shows several nodes on one page.' },
  { id: 'DataStoreDecisionNode', name: 'Data Store Decision', category: 'basic authentication', help: 'Checks the password.' },
];

describe('the node type palette', () => {
  it('groups the types by category, both sorted by name', () => {
    assert.deepEqual(
      paletteGroups(types, '').map((group) => [group.category, group.types.map((type) => type.name)]),
      [
        ['basic authentication', ['Data Store Decision', 'Password Collector']],
        ['structure', ['Page Node']],
      ],
    );
  });

  it('keeps the types whose name, id or help holds the search, in any case', () => {
    assert.deepEqual(
      paletteGroups(types, 'PAGE').flatMap((group) => group.types.map((type) => type.id)),
      ['PageNode'],
    );
    assert.deepEqual(
      paletteGroups(types, 'password').flatMap((group) => group.types.map((type) => type.id)),
      ['DataStoreDecisionNode', 'PasswordCollectorNode'],
    );
    assert.deepEqual(paletteGroups(types, 'nothing like it'), []);
  });
});
