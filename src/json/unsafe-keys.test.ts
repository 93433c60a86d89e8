import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownValue } from './own-value.ts';
import { describeUnsafeKey, findUnsafeKey, isUnsafeKey } from './unsafe-keys.ts';

describe('unsafe keys', () => {
  it('names __proto__, constructor and prototype only', () => {
    assert.deepEqual(['__proto__', 'constructor', 'prototype', 'toString', 'proto', '__proto'].map(isUnsafeKey), [true, true, true, false, false, false]);
  });

  it('finds an own __proto__ key that JSON.parse created, however deep, with its location', () => {
    assert.equal(findUnsafeKey(JSON.parse('{"a":[1,{"b":{"c":null}}],"d":"__proto__"}')), undefined);
    assert.deepEqual(findUnsafeKey(JSON.parse('{"a":[1,{"b/x":{"__proto__":{"polluted":1}}}]}')), { key: '__proto__', at: '/a/1/b~1x' });
    assert.deepEqual(findUnsafeKey(JSON.parse('[{"constructor":{"prototype":{}}}]')), { key: 'constructor', at: '/0' });
    assert.deepEqual(findUnsafeKey(JSON.parse('{"__proto__":1}')), { key: '__proto__', at: '' });
    assert.equal(describeUnsafeKey({ key: 'prototype', at: '/x' }), 'the key "prototype" at /x is not allowed (__proto__, constructor and prototype never name data)');
  });

  it('walks a value nested far deeper than the call stack allows', () => {
    const depth = 200_000;
    const deep = JSON.parse(`${'['.repeat(depth)}{"__proto__":1}${']'.repeat(depth)}`) as unknown;
    assert.equal(findUnsafeKey(deep)?.key, '__proto__');
  });

  it('reads own properties only', () => {
    const record = JSON.parse('{"name":"x"}') as Record<string, unknown>;
    assert.deepEqual([ownValue(record, 'name'), ownValue(record, 'toString'), ownValue(record, 'constructor')], ['x', undefined, undefined]);
  });
});
