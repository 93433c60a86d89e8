import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { goTo } from './actions.ts';
import { defineNode } from './define-node.ts';
import { parseNodeConfig } from './parse-node-config.ts';

const sample = defineNode({
  type: 'SampleNode',
  displayName: 'Sample',
  category: 'utilities',
  description: 'test',
  config: Type.Object({
    tree: Type.String({ minLength: 1 }),
    flag: Type.Boolean({ default: false }),
    labels: Type.Record(Type.String(), Type.String(), { default: { en: 'Yes' } }),
    children: Type.Array(Type.Object({ _id: Type.String() }), { default: [] }),
  }),
  outcomes: ['outcome'],
  process: () => goTo('outcome'),
});

describe('parseNodeConfig', () => {
  it('fills defaults, keeps export fields and leaves the raw object untouched', () => {
    const raw = { _id: 'n1', _type: { _id: 'SampleNode' }, _rev: '12', tree: 'Inner' };
    const result = parseNodeConfig(sample, raw);
    assert.deepEqual(result, {
      ok: true,
      config: { _id: 'n1', _type: { _id: 'SampleNode' }, _rev: '12', tree: 'Inner', flag: false, labels: { en: 'Yes' }, children: [] },
    });
    assert.deepEqual(raw, { _id: 'n1', _type: { _id: 'SampleNode' }, _rev: '12', tree: 'Inner' });
  });

  it('reads AM’s null for an unset setting as absent (its default applies), but keeps a null the schema takes and refuses one for a required setting', () => {
    const nullable = defineNode({
      type: 'NullableNode',
      displayName: 'Nullable',
      category: 'utilities',
      description: 'test',
      config: Type.Object({ secret: Type.Optional(Type.String()), issuer: Type.String({ default: '' }), limit: Type.Union([Type.Number(), Type.Null()], { default: 3 }) }),
      outcomes: ['outcome'],
      process: () => goTo('outcome'),
    });
    assert.deepEqual(parseNodeConfig(nullable, { secret: null, issuer: null, limit: null }), { ok: true, config: { issuer: '', limit: null } });
    const required = parseNodeConfig(sample, { tree: null });
    assert.equal(required.ok, false);
  });

  it('gives each parse its own copy of object defaults', () => {
    const first = parseNodeConfig(sample, { tree: 'a' });
    const second = parseNodeConfig(sample, { tree: 'b' });
    assert.ok(first.ok && second.ok);
    first.config.labels['fr'] = 'Oui';
    assert.deepEqual(second.config.labels, { en: 'Yes' });
  });

  it('names the path of every invalid field', () => {
    const result = parseNodeConfig(sample, { tree: 42, flag: 'yes', children: [{ _id: 7 }] });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.ok(result.errors.some((error) => error.startsWith('tree: ')), result.errors.join('\n'));
    assert.ok(result.errors.some((error) => error.startsWith('flag: ')), result.errors.join('\n'));
    assert.ok(result.errors.some((error) => error.startsWith('children/0/_id: ')), result.errors.join('\n'));
  });

  it('reports a missing required field and a non-object config', () => {
    const missing = parseNodeConfig(sample, {});
    assert.ok(!missing.ok);
    assert.ok(missing.errors.some((error) => error.startsWith('tree: ')), missing.errors.join('\n'));
    for (const raw of [null, 'config', 3, undefined]) {
      const result = parseNodeConfig(sample, raw);
      assert.ok(!result.ok);
      assert.ok(result.errors.some((error) => error.startsWith('(config): ')), result.errors.join('\n'));
    }
  });
});
