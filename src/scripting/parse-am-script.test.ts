import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeScriptErrors, parseAmScript, SCRIPT_SOURCE_LIMIT } from './parse-am-script.ts';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const body = (script: unknown) => ({ name: 'Check', script, language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE' });
const sourceOf = (result: ReturnType<typeof parseAmScript>) => (result.ok ? Buffer.from(result.fields.script, 'base64').toString('utf8') : describeScriptErrors(result.errors));

describe('parseAmScript', () => {
  it('keeps a base64 source exactly and fills AM’s defaults', () => {
    const result = parseAmScript(body(base64('outcome = "true"; // é')), { id: 'a-1' });
    assert.ok(result.ok);
    assert.deepEqual(result.fields, { _id: 'a-1', name: 'Check', description: '', script: base64('outcome = "true"; // é'), language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0', default: false });
  });

  it('reads Frodo’s line lists and JSON strings only when asked, as the same text', () => {
    const text = '/*\n * x\n */\noutcome = "true";';
    assert.equal(sourceOf(parseAmScript(body(text.split('\n')), { id: 'a', allowFrodoForms: true })), text);
    assert.equal(sourceOf(parseAmScript(body(JSON.stringify(text)), { id: 'a', allowFrodoForms: true })), text);
    assert.match(sourceOf(parseAmScript(body(text.split('\n')), { id: 'a' })), /^script: must be the source in base64$/);
    assert.match(sourceOf(parseAmScript(body(JSON.stringify(text)), { id: 'a' })), /^script: is not valid base64/);
  });

  it('refuses what AM would not run or keep, naming each field', () => {
    assert.match(sourceOf(parseAmScript(body(base64('x'.repeat(SCRIPT_SOURCE_LIMIT + 1))), { id: 'a' })), /script: is larger than 1048576 bytes/);
    assert.match(sourceOf(parseAmScript(body('b3V0Y29tZQ'), { id: 'a' })), /script: is not valid base64/, 'unpadded');
    assert.match(sourceOf(parseAmScript(body(base64('a').concat('\n')), { id: 'a' })), /script: is not valid base64/, 'a line break');
    assert.match(sourceOf(parseAmScript(body(Buffer.from([0xc3, 0x28]).toString('base64')), { id: 'a' })), /does not decode to UTF-8/);
    assert.match(sourceOf(parseAmScript(body(base64('x')), { id: '../etc' })), /_id: '..\/etc' is not a script id/);
    const many = parseAmScript({ _id: 'b', name: 'a\u0007', script: base64('x'), language: 'JS', context: 'x', evaluatorVersion: 2, default: 1, creationDate: -1, extra: true }, { id: 'a' });
    assert.equal(many.ok, false);
    assert.deepEqual(many.ok ? [] : many.errors.map((error) => error.field), ['extra', '_id', 'name', 'language', 'context', 'evaluatorVersion', 'default', 'creationDate']);
    assert.deepEqual(parseAmScript('text', { id: 'a' }), { ok: false, errors: [{ field: '', reason: 'a script must be a JSON object' }] });
  });
});
