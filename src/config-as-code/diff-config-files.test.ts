/** The changes an import prints: one line per object, `+` created, `~` changed, `-` removed, a script's source counted with it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffConfigFiles } from './diff-config-files.ts';

describe('diffConfigFiles', () => {
  it('names each created, changed and removed file once, sorted, and leaves unchanged files out', () => {
    const before = new Map([['realm.json', '{"a":1}\n'], ['journeys/Login.json', 'x'], ['oauth2-clients/shop.json', 'c']]);
    const after = new Map([['realm.json', '{"a":2}\n'], ['journeys/Login.json', 'x'], ['journeys/New.json', 'n']]);
    assert.deepEqual(diffConfigFiles(before, after), [
      { kind: '+', file: 'journeys/New.json' },
      { kind: '-', file: 'oauth2-clients/shop.json' },
      { kind: '~', file: 'realm.json' },
    ]);
  });

  it('counts a script and its source as one object', () => {
    const script = new Map([['scripts/s.json', '{}'], ['scripts/s.js', 'a']]);
    assert.deepEqual(diffConfigFiles(new Map(), script), [{ kind: '+', file: 'scripts/s.json' }]);
    assert.deepEqual(diffConfigFiles(script, new Map()), [{ kind: '-', file: 'scripts/s.json' }]);
    assert.deepEqual(diffConfigFiles(script, new Map([['scripts/s.json', '{}'], ['scripts/s.js', 'b']])), [{ kind: '~', file: 'scripts/s.json' }]);
    // The source moving into the JSON (or out of it) is a change of the script, not a creation or removal.
    assert.deepEqual(diffConfigFiles(script, new Map([['scripts/s.json', '{"script":"YQ=="}']])), [{ kind: '~', file: 'scripts/s.json' }]);
    assert.deepEqual(diffConfigFiles(new Map([['scripts/s.json', '{"script":"YQ=="}']]), script), [{ kind: '~', file: 'scripts/s.json' }]);
  });

  it('finds nothing between equal exports', () => {
    const files = new Map([['realm.json', '{}\n'], ['scripts/s.json', '{}'], ['scripts/s.js', 'a']]);
    assert.deepEqual(diffConfigFiles(files, new Map(files)), []);
  });
});
