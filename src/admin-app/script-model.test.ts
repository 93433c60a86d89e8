import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeScript, encodeScript, highlight, MAX_HIGHLIGHTED, ScriptSourceError } from './script-model.ts';

describe('the script editor model', () => {
  it('reads and writes the base64 of the scripts REST, UTF-8 included', () => {
    const source = 'outcome = "vrai"; // café ✓\n';
    const base64 = encodeScript(source);
    assert.equal(base64, Buffer.from(source, 'utf8').toString('base64'));
    assert.equal(decodeScript(base64), source);
  });

  it('refuses a script that is not base64 or not UTF-8, with a stable code', () => {
    assert.throws(() => decodeScript('%%%'), (error: unknown) => error instanceof ScriptSourceError && error.code === 'SCRIPT_SOURCE_UNREADABLE');
    assert.throws(() => decodeScript(Buffer.from([0xff, 0xfe, 0x41]).toString('base64')), /not UTF-8/);
  });

  it('cuts a script into keywords, strings, comments and numbers, losing nothing', () => {
    const source = 'var n = 42; // the answer\nif (n > 1) { outcome = "true"; } /* done */ x = \'a\\\'b\';';
    const tokens = highlight(source);
    assert.equal(tokens.map((token) => token.text).join(''), source);
    const of = (kind: string): string[] => tokens.filter((token) => token.kind === kind).map((token) => token.text);
    assert.deepEqual(of('keyword'), ['var', 'if']);
    assert.deepEqual(of('number'), ['42', '1']);
    assert.deepEqual(of('string'), ['"true"', "'a\\'b'"]);
    assert.deepEqual(of('comment'), ['// the answer', '/* done */']);
  });

  it('keeps an unterminated string or comment to its end, and a division as plain text', () => {
    assert.deepEqual(highlight('a / b'), [{ kind: 'plain', text: 'a / b' }]);
    assert.deepEqual(highlight('x = "open'), [{ kind: 'plain', text: 'x = ' }, { kind: 'string', text: '"open' }]);
    assert.deepEqual(highlight('/* open\nstill'), [{ kind: 'comment', text: '/* open\nstill' }]);
  });

  it('leaves the tail of a very long script plain', () => {
    const source = `${'a'.repeat(MAX_HIGHLIGHTED)} var`;
    const tokens = highlight(source);
    assert.equal(tokens.map((token) => token.text).join(''), source);
    assert.ok(!tokens.some((token) => token.kind === 'keyword'));
  });
});
