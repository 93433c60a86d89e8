/** CREST patch semantics on managed objects: each operation, `/-`, value-based remove, no list indexes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch } from './apply-patch.ts';
import { isCrestError } from './errors.ts';
import { parsePatchOperations } from './patch-operations.ts';

const patch = (data: Record<string, unknown>, body: unknown): Record<string, unknown> => applyPatch(data, parsePatchOperations(body));

function badRequest(pattern: RegExp): (error: unknown) => boolean {
  return (error) => isCrestError(error, 'BAD_REQUEST') && pattern.test(error.message);
}

describe('applyPatch', () => {
  it('replace sets a field, creating missing parents; field works with and without a leading slash', () => {
    const result = patch({ mail: 'a@example.com' }, [
      { operation: 'replace', field: '/mail', value: 'b@example.com' },
      { operation: 'replace', field: 'preferences/marketing', value: true },
    ]);
    assert.deepEqual(result, { mail: 'b@example.com', preferences: { marketing: true } });
  });

  it('add replaces a single value, appends to a list, and /- appends one element (creating the list)', () => {
    const result = patch({ sn: 'Old', aliasList: ['a'] }, [
      { operation: 'add', field: '/sn', value: 'New' },
      { operation: 'add', field: '/aliasList', value: ['b', 'c'] },
      { operation: 'add', field: '/aliasList/-', value: 'd' },
      { operation: 'add', field: '/tags/-', value: 'first' },
    ]);
    assert.deepEqual(result, { sn: 'New', aliasList: ['a', 'b', 'c', 'd'], tags: ['first'] });
  });

  it('remove without a value removes the field; with a value removes every equal element; absent fields are fine', () => {
    const result = patch({ a: 1, list: ['x', 'y', 'x', { k: 1 }], keep: 'v' }, [
      { operation: 'remove', field: '/a' },
      { operation: 'remove', field: '/list', value: 'x' },
      { operation: 'remove', field: '/list', value: { k: 1 } },
      { operation: 'remove', field: '/keep', value: 'other' },
      { operation: 'remove', field: '/missing' },
    ]);
    assert.deepEqual(result, { list: ['y'], keep: 'v' });
  });

  it('increment adds (negative too) to a number and refuses anything else', () => {
    assert.deepEqual(patch({ n: 5 }, [{ operation: 'increment', field: 'n', value: -2 }]), { n: 3 });
    assert.throws(() => patch({ n: 'five' }, [{ operation: 'increment', field: 'n', value: 1 }]), badRequest(/not a number/));
    assert.throws(() => patch({}, [{ operation: 'increment', field: 'n', value: 1 }]), badRequest(/missing/));
    assert.throws(() => patch({ n: 1 }, [{ operation: 'increment', field: 'n', value: '1' }]), badRequest(/must be a number/));
  });

  it('copy and move read from `from`; a missing source is a 400', () => {
    const result = patch({ mail: 'm@example.com', surname: 'S' }, [
      { operation: 'copy', from: '/mail', field: '/another_mail' },
      { operation: 'move', from: '/surname', field: '/lastName' },
    ]);
    assert.deepEqual(result, { mail: 'm@example.com', another_mail: 'm@example.com', lastName: 'S' });
    assert.throws(() => patch({}, [{ operation: 'copy', from: '/nope', field: '/x' }]), badRequest(/does not exist/));
  });

  it('refuses list indexes, naming the pointer', () => {
    assert.throws(() => patch({ list: ['a'] }, [{ operation: 'replace', field: '/list/0', value: 'b' }]), badRequest(/\/list\/0/));
    assert.throws(() => patch({ list: [{ a: 1 }] }, [{ operation: 'remove', field: '/list/0/a' }]), badRequest(/\/list\/0\/a/));
  });

  it('leaves the input untouched', () => {
    const data = { list: ['a'], nested: { x: 1 } };
    patch(data, [{ operation: 'add', field: '/list/-', value: 'b' }, { operation: 'replace', field: '/nested/x', value: 2 }]);
    assert.deepEqual(data, { list: ['a'], nested: { x: 1 } });
  });
});

describe('parsePatchOperations', () => {
  it('accepts only an array of known operations with what they need', () => {
    assert.throws(() => parsePatchOperations({ operation: 'add' }), badRequest(/JSON array/));
    assert.throws(() => parsePatchOperations([{ operation: 'explode', field: '/a' }]), badRequest(/unknown operation "explode"/));
    assert.throws(() => parsePatchOperations([{ operation: 'transform', field: '/a', value: {} }]), badRequest(/config endpoint/));
    assert.throws(() => parsePatchOperations([{ operation: 'replace', field: '/a' }]), badRequest(/needs a "value"/));
    assert.throws(() => parsePatchOperations([{ operation: 'add', value: 1 }]), badRequest(/"field" must be a string/));
    assert.throws(() => parsePatchOperations([{ operation: 'copy', field: '/a' }]), badRequest(/"from" must be a string/));
    assert.throws(() => parsePatchOperations([{ operation: 'remove', field: '/list/-' }]), badRequest(/only valid for add/));
    assert.throws(() => parsePatchOperations([{ operation: 'replace', field: '/_id', value: 'x' }]), badRequest(/maintained by the server/));
    assert.throws(() => parsePatchOperations([{ operation: 'replace', field: '/', value: 'x' }]), badRequest(/does not name a field/));
  });

  it('keeps an explicit null value apart from an absent one', () => {
    const [withNull, without] = parsePatchOperations([
      { operation: 'remove', field: '/a', value: null },
      { operation: 'remove', field: 'a' },
    ]);
    assert.equal(withNull?.hasValue, true);
    assert.equal(without?.hasValue, false);
    assert.deepEqual(without?.field, ['a']);
  });
});
