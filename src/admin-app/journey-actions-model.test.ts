/** The journeys list's pure parts: a journey's copy, an export's summary and name, import files and answers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateJourney, exportFileName, exportSummary, importSummary, listed, readImportFile, MAX_IMPORT_FILE_BYTES } from './journey-actions-model.ts';

const SUCCESS = '70e691a5-1e33-4ac3-a356-e7b6d60d92e0';
const FAILURE = 'e301438c-0bd0-429c-ab0c-66126501069a';

/** A Frodo export of `Sign`: a page (two children) → an inner tree → success or failure. */
function frodoFile(): unknown {
  return {
    meta: { exportTool: 'arbor' },
    trees: {
      Sign: {
        tree: {
          _id: 'Sign',
          _rev: '7',
          entryNodeId: 'page',
          description: 'Signs in',
          nodes: {
            page: { nodeType: 'PageNode', displayName: 'Sign In', connections: { outcome: 'inner' }, x: 10, y: 20 },
            inner: { nodeType: 'InnerTreeEvaluatorNode', displayName: 'Profile', connections: { true: SUCCESS, false: FAILURE }, x: 200, y: 20 },
          },
          staticNodes: { startNode: { x: 0, y: 0 }, [SUCCESS]: { x: 400, y: 0 } },
        },
        nodes: {
          page: { _id: 'page', _rev: '3', _type: { _id: 'PageNode' }, nodes: [{ _id: 'user', nodeType: 'UsernameCollectorNode', displayName: 'User' }, { _id: 'pass', nodeType: 'PasswordCollectorNode', displayName: 'Password' }], pageHeader: { en: 'Hi' } },
          inner: { _id: 'inner', _type: { _id: 'InnerTreeEvaluatorNode' }, tree: 'ProgressiveProfile' },
        },
        innerNodes: {
          user: { _id: 'user', _type: { _id: 'UsernameCollectorNode' } },
          pass: { _id: 'pass', _type: { _id: 'PasswordCollectorNode' } },
        },
        scripts: { 's-1': { _id: 's-1', name: 'Check Username' } },
        socialIdentityProviders: { google: { _id: 'google' } },
        emailTemplates: { welcome: { _id: 'emailTemplate/welcome' } },
      },
      ProgressiveProfile: { tree: { _id: 'ProgressiveProfile' }, nodes: {}, innerNodes: {}, scripts: {}, socialIdentityProviders: {} },
    },
  };
}

function counter(): () => string {
  let next = 0;
  return () => `new-${(next += 1)}`;
}

describe('duplicateJourney', () => {
  it('copies every node and Page child under new ids, renamed everywhere they are referred to', () => {
    const copy = duplicateJourney(frodoFile(), 'Sign', 'Sign copy', counter());
    assert.ok(copy !== undefined);
    assert.equal(copy.tree._id, 'Sign copy');
    assert.equal(copy.tree.description, 'Signs in');
    assert.equal(copy.tree.entryNodeId, 'new-1');
    assert.deepEqual(Object.keys(copy.nodes).sort(), ['new-1', 'new-2', 'new-3', 'new-4']);
    assert.deepEqual(copy.tree.nodes, {
      'new-1': { nodeType: 'PageNode', displayName: 'Sign In', connections: { outcome: 'new-2' }, x: 10, y: 20 },
      'new-2': { nodeType: 'InnerTreeEvaluatorNode', displayName: 'Profile', connections: { true: SUCCESS, false: FAILURE }, x: 200, y: 20 },
    });
    assert.deepEqual(copy.nodes['new-1'], {
      _id: 'new-1',
      _type: { _id: 'PageNode' },
      nodes: [
        { _id: 'new-3', nodeType: 'UsernameCollectorNode', displayName: 'User' },
        { _id: 'new-4', nodeType: 'PasswordCollectorNode', displayName: 'Password' },
      ],
      pageHeader: { en: 'Hi' },
    });
    assert.equal(copy.nodes['new-2']?.tree, 'ProgressiveProfile', 'the inner tree it runs is the same');
    assert.equal(copy.nodes['new-3']?._id, 'new-3');
    assert.ok(!('_rev' in copy.tree) && !('_rev' in (copy.nodes['new-1'] ?? {})), 'no revision travels');
  });

  it('leaves the export it copies unchanged', () => {
    const file = frodoFile();
    const before = JSON.stringify(file);
    duplicateJourney(file, 'Sign', 'Other', counter());
    assert.equal(JSON.stringify(file), before);
  });

  it('answers undefined for a journey the file does not hold, or a file that is not an export', () => {
    assert.equal(duplicateJourney(frodoFile(), 'Nope', 'X', counter()), undefined);
    assert.equal(duplicateJourney('text', 'Sign', 'X', counter()), undefined);
    assert.equal(duplicateJourney({ trees: { Sign: { tree: [] } } }, 'Sign', 'X', counter()), undefined);
  });
});

describe('exportSummary and exportFileName', () => {
  it('names the journeys, scripts, email templates and social providers of an export', () => {
    assert.deepEqual(exportSummary(frodoFile()), { journeys: ['Sign', 'ProgressiveProfile'], scripts: ['Check Username'], emailTemplates: ['welcome'], socialProviders: ['google'] });
    assert.deepEqual(exportSummary(null), { journeys: [], scripts: [], emailTemplates: [], socialProviders: [] });
  });

  it('names the file after the journey, without characters a file system refuses', () => {
    assert.equal(exportFileName('Login'), 'Login.journey.json');
    assert.equal(exportFileName('a/b:c'), 'a_b_c.journey.json');
  });
});

describe('readImportFile and importSummary', () => {
  it('takes a JSON file and refuses one that is not JSON or too large', () => {
    assert.deepEqual(readImportFile('a.json', 10, '{"tree":{}}'), { file: { name: 'a.json', content: { tree: {} } } });
    assert.deepEqual(readImportFile('b.json', 10, 'not json'), { problem: 'b.json is not a JSON file.' });
    assert.deepEqual(readImportFile('c.json', MAX_IMPORT_FILE_BYTES + 1, '{}'), { problem: 'c.json is larger than 5 MB.' });
  });

  it('reads what the server imported, ignoring what is not its shape', () => {
    const answer = { imported: true, trees: [{ name: 'A', warnings: ['w', 3] }, { nope: 1 }, 'x'], scripts: [{ id: '1', name: 'S' }, { id: '2' }], socialIdentityProviders: ['g', 5], ignored: ['theme t'] };
    assert.deepEqual(importSummary(answer), { journeys: [{ name: 'A', warnings: ['w'] }], scripts: ['S'], socialProviders: ['g'], ignored: ['theme t'] });
    assert.deepEqual(importSummary(undefined), { journeys: [], scripts: [], socialProviders: [], ignored: [] });
  });

  it('lists words as a sentence does', () => {
    assert.equal(listed([]), '');
    assert.equal(listed(['a']), 'a');
    assert.equal(listed(['a', 'b', 'c']), 'a, b and c');
  });
});
