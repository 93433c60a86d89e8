/** Stable JSON files: two exports of the same configuration are byte-identical, whatever order its keys were stored in. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileSegment, segmentName, sortedFiles, stableJson } from './config-files.ts';

describe('stableJson', () => {
  it('sorts keys at every depth, keeps array order, indents by two spaces and ends with one newline', () => {
    const text = stableJson({ b: 1, a: { d: [{ z: true, y: null }, 'x'], c: 'é' } });
    assert.equal(text, '{\n  "a": {\n    "c": "é",\n    "d": [\n      {\n        "y": null,\n        "z": true\n      },\n      "x"\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('gives the same bytes for the same object built in any key order', () => {
    const one = { realm: { lockout: { enabled: true, failureCount: 5 }, name: 'alpha' }, list: [1, 2] };
    const other = { list: [1, 2], realm: { name: 'alpha', lockout: { failureCount: 5, enabled: true } } };
    assert.equal(stableJson(one), stableJson(other));
    assert.equal(stableJson(JSON.parse(stableJson(one))), stableJson(one));
  });

  it('keeps a "__proto__" key of parsed JSON instead of dropping it', () => {
    const value: unknown = JSON.parse('{"config": {"__proto__": {"polluted": true}, "a": 1}}');
    assert.deepEqual(JSON.parse(stableJson(value)), value);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('fileSegment and segmentName', () => {
  it('make any name one safe path segment and give it back', () => {
    for (const name of ['Reset Password', 'a/b', '..', 'x*y', 'é ✓', '%41']) {
      const segment = fileSegment(name);
      assert.ok(!segment.includes('/'), segment);
      assert.equal(segmentName(segment), name);
    }
    assert.equal(fileSegment('Reset Password'), 'Reset%20Password');
  });

  it('refuses a segment fileSegment would not write (so one name has one file)', () => {
    for (const segment of ['Reset Password', '%2E%2E', '%zz', 'x*y', '%41']) assert.equal(segmentName(segment), undefined, segment);
  });
});

describe('sortedFiles', () => {
  it('orders the files by path', () => {
    const files = sortedFiles(new Map([['scripts/b.json', ''], ['journeys/A.json', ''], ['realm.json', '']]));
    assert.deepEqual([...files.keys()], ['journeys/A.json', 'realm.json', 'scripts/b.json']);
  });
});
