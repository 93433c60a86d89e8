/** New scripts from the editor: which nodes name one, the name, the starter source, the body created and the node's config then. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeScript } from './script-model.ts';
import { configWithScript, newScriptBody, scriptContextOf, scriptNameProblem, starterOutcome, starterSource } from './script-starter.ts';

describe('a new script made from the journey editor', () => {
  it('is offered to the nodes that name a script of the realm, in their context', () => {
    assert.equal(scriptContextOf('ScriptedDecisionNode'), 'AUTHENTICATION_TREE_DECISION_NODE');
    assert.equal(scriptContextOf('ConfigProviderNode'), 'CONFIG_PROVIDER_NODE');
    assert.equal(scriptContextOf('PageNode'), undefined);
    assert.equal(scriptContextOf('toString'), undefined, 'only its own entries');
  });

  it('needs a name without control characters, at most 255 characters', () => {
    assert.equal(scriptNameProblem('Check age'), '');
    assert.match(scriptNameProblem('  '), /name/);
    assert.match(scriptNameProblem('a\nb'), /control/);
    assert.match(scriptNameProblem('x'.repeat(256)), /255/);
  });

  it("starts with a source choosing the node's first outcome, in the bindings chosen", () => {
    assert.equal(starterOutcome({ outcomes: ['allow', 'deny'] }), 'allow');
    assert.equal(starterOutcome({ outcomes: [] }), 'true');
    assert.equal(starterOutcome({}), 'true');
    assert.match(starterSource('AUTHENTICATION_TREE_DECISION_NODE', '2.0', 'allow'), /^action\.goTo\("allow"\);$/m);
    assert.match(starterSource('AUTHENTICATION_TREE_DECISION_NODE', '1.0', 'allow'), /^outcome = "allow";$/m);
    assert.match(starterSource('AUTHENTICATION_TREE_DECISION_NODE', '1.0', 'say "hi"'), /^outcome = "say \\"hi\\"";$/m, 'an outcome is quoted as a string');
    assert.match(starterSource('CONFIG_PROVIDER_NODE', '2.0', 'true'), /^config = \{\};$/m);
  });

  it('is created as JavaScript of the node’s context, its source in base64', () => {
    const body = newScriptBody({ name: 'Check age', context: 'AUTHENTICATION_TREE_DECISION_NODE', version: '2.0', source: 'action.goTo("true");\n' });
    assert.deepEqual({ ...body, script: undefined }, { name: 'Check age', description: '', script: undefined, language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '2.0', default: false });
    assert.equal(decodeScript(String(body.script)), 'action.goTo("true");\n');
  });

  it('is selected in the node; a Scripted Decision declaring no outcome then has true and false', () => {
    assert.deepEqual(configWithScript('ScriptedDecisionNode', { script: '', outcomes: [], inputs: ['*'] }, 'new-id'), { script: 'new-id', outcomes: ['true', 'false'], inputs: ['*'] });
    assert.deepEqual(configWithScript('ScriptedDecisionNode', { script: 'old', outcomes: ['allow'] }, 'new-id'), { script: 'new-id', outcomes: ['allow'] });
    assert.deepEqual(configWithScript('ConfigProviderNode', { script: '', nodeType: 'MessageNode' }, 'new-id'), { script: 'new-id', nodeType: 'MessageNode' });
  });
});
