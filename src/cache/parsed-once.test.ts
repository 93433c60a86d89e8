/** Parsing cached documents once: frozen documents share one frozen result; others are parsed every time. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepFreeze } from './deep-freeze.ts';
import { parsedOnce } from './parsed-once.ts';

describe('parsedOnce', () => {
  it('parses a frozen document once and shares its result, frozen all the way down', () => {
    let parses = 0;
    const parse = parsedOnce((value) => {
      parses += 1;
      return { copy: structuredClone(value), list: [1] };
    });
    const document = deepFreeze({ a: { b: 1 } });
    const first = parse(document);
    assert.equal(parse(document), first);
    assert.equal(parses, 1);
    assert.ok(Object.isFrozen(first.copy) && Object.isFrozen(first.list));
    assert.throws(() => first.list.push(2), TypeError);
    assert.notEqual(parse(deepFreeze({ a: { b: 1 } })), first, 'another document (a changed one) is parsed anew');
    assert.equal(parses, 2);
  });

  it('parses a document that is not frozen on every call, and leaves the result as the parser made it', () => {
    let parses = 0;
    const parse = parsedOnce((value) => {
      parses += 1;
      return { value };
    });
    const document = { a: 1 };
    const first = parse(document);
    parse(document);
    assert.equal(parses, 2);
    assert.equal(Object.isFrozen(first), false);
    parse('text');
    assert.equal(parses, 3);
  });

  it('remembers nothing for a document that does not parse', () => {
    let parses = 0;
    const parse = parsedOnce(() => {
      parses += 1;
      throw new Error('bad document');
    });
    const document = deepFreeze({});
    assert.throws(() => parse(document), /bad document/);
    assert.throws(() => parse(document), /bad document/);
    assert.equal(parses, 2);
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays, and returns the value', () => {
    const value = { a: [{ b: 1 }], c: { d: 'e' } };
    assert.equal(deepFreeze(value), value);
    assert.ok(Object.isFrozen(value.a[0]) && Object.isFrozen(value.c));
    assert.equal(deepFreeze(undefined), undefined);
    assert.equal(deepFreeze('text'), 'text');
  });
});
