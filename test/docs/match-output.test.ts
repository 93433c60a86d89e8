/**
 * The documented-output matching rule: JSON compared structurally with `…` members, elements and
 * text; ids, timestamps and tokens standing for any of their kind; text lines with `…` and gaps;
 * anything else strict, with the documented line where the outputs part.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchOutput } from './match-output.ts';

describe('matchOutput', () => {
  it('compares JSON structurally, whatever the layout and member order', () => {
    assert.equal(matchOutput('{\n  "b": [1, 2],\n  "a": "x"\n}', '{"a":"x","b":[1,2]}'), undefined);
    assert.deepEqual(matchOutput('{"a":"x","b":[1,2]}', '{"a":"x","b":[1,3]}'), { line: 1, message: '$.b[1]: expected 2, got 3 (in {"a":"x","b":[1,3]})' });
  });

  it('refuses members the page does not show, unless it shows … among them', () => {
    assert.match(matchOutput('{"a":1}', '{"a":1,"b":2}')?.message ?? '', /unexpected member "b": 2/);
    assert.equal(matchOutput('{"a":1,…}', '{"a":1,"b":2}'), undefined);
    assert.match(matchOutput('{"a":1,…}', '{"b":2}')?.message ?? '', /\$\.a: missing/);
  });

  it('reads … as any number of array elements, and as any value', () => {
    assert.equal(matchOutput('[…,{"name":"password"},…]', '[{"name":"a"},{"name":"password"}]'), undefined);
    assert.notEqual(matchOutput('[…,{"name":"password"},…]', '[{"name":"a"}]'), undefined);
    assert.equal(matchOutput('{"properties":[…],"x":…}', '{"properties":[1,2],"x":{"y":null}}'), undefined);
  });

  it('lets ids, timestamps, tokens and … inside text stand for any of their kind, and nothing else', () => {
    const documented = '{"_id":"75d0b124-1ade-4a03-9cf6-11ef4a4d1ab8","_rev":"3","date":"2026-11-22T12:37:39.556Z","tokenId":"_5SPVBC7I30WVB9zJJ6v0A3XnCtWzTP6hJXv_T7oRhA","authId":"eyJ0eXAiOiJKV1Qi…"}';
    const actual = '{"_id":"f56bac08-5c89-4265-b223-ec6a1878c361","_rev":"3","date":"2027-01-02T03:04:05.006Z","tokenId":"t1UkOnaL-4kL35X8CPHGVjrydP2efaZ-hn34B1g2vt8","authId":"eyJhbGciOiJIUzI1NiJ9.eyJzdGVwIjoxfQ.c2ln"}';
    assert.equal(matchOutput(documented, actual), undefined);
    assert.match(matchOutput(documented, actual.replace('"_rev":"3"', '"_rev":"4"'))?.message ?? '', /\$\._rev: expected "3", got "4"/);
    assert.notEqual(matchOutput('{"header":"ValidatedCreatePasswordCallback"}', '{"header":"ValidatedCreateUsernameCallback"}'), undefined);
  });

  it('compares text line by line, spaces and tabs alike, with … inside a line and … lines as gaps', () => {
    assert.equal(matchOutput('0\tNameCallback\tUser Name', '0 NameCallback   User Name  '), undefined);
    assert.equal(matchOutput('checked 2 / rejected 4 (… users/s)', 'checked 2 / rejected 4 (222 users/s)'), undefined);
    assert.equal(matchOutput('HTTP/1.1 201 Created\n…\netag: "1"\n…\n{"a":1}', 'HTTP/1.1 201 Created\nvary: Origin\netag: "1"\ndate: x\n\n{"a":1}'), undefined);
    assert.deepEqual(matchOutput('one\ntwo\nthree', 'one\n2\nthree'), { line: 2, message: 'expected "two", got "2"' });
  });

  it('finds JSON answers that curl printed without a newline between them', () => {
    assert.equal(matchOutput('{"valid":true}\n{"valid":false}', '{"valid":true}{"valid":false}'), undefined);
  });

  it('names what is missing or left over', () => {
    assert.deepEqual(matchOutput('one\ntwo', 'one'), { line: 2, message: 'expected "two", but the output ends there' });
    assert.deepEqual(matchOutput('one', 'one\ntwo'), { line: 2, message: 'unexpected output after the documented output: "two"' });
    assert.equal(matchOutput('', '\n\n'), undefined);
  });
});
