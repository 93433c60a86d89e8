import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ManagedObjectSchema } from '../identity/managed-schema.ts';
import { derivePropertyPolicies } from './derive-property-policies.ts';

function schema(properties: ManagedObjectSchema['properties'], required: string[] = []): ManagedObjectSchema {
  return { type: 'object', required, order: Object.keys(properties), properties };
}

const ids = (s: ManagedObjectSchema) => derivePropertyPolicies(s).map((config) => [config.name, config.policies.map((policy) => policy.policyId)]);

describe('derivePropertyPolicies', () => {
  it('derives required, not-empty, minimum-length, regexpMatches, valid-type, then explicit policies', () => {
    const derived = derivePropertyPolicies(
      schema({ code: { type: 'string', minLength: 2, pattern: '^[a-z]+$', policies: [{ policyId: 'maximum-length', params: { maxLength: 9 } }] } }, ['code']),
    );
    assert.deepStrictEqual(derived, [
      {
        name: 'code',
        policies: [
          { policyId: 'required', derived: true },
          { policyId: 'not-empty', derived: true },
          { policyId: 'minimum-length', params: { minLength: 2 }, derived: true },
          { policyId: 'regexpMatches', params: { regexp: '^[a-z]+$' }, derived: true },
          { policyId: 'valid-type', params: { types: ['string'] }, derived: true },
          { policyId: 'maximum-length', params: { maxLength: 9 }, derived: false },
        ],
        conditionalPolicies: null,
        fallbackPolicies: null,
      },
    ]);
  });

  it('adds not-empty for a type list without null, not with null', () => {
    assert.deepStrictEqual(ids(schema({ a: { type: ['string', 'boolean'] }, b: { type: ['string', 'null'] } })), [
      ['a', ['not-empty', 'valid-type']],
      ['b', ['valid-type']],
    ]);
  });

  it('keeps string rules to string types and treats relationships as objects', () => {
    const derived = derivePropertyPolicies(schema({ n: { type: 'number', minLength: 0, pattern: 'x' }, m: { type: 'relationship' } }));
    assert.deepStrictEqual(derived.map((config) => config.policies), [
      [{ policyId: 'valid-type', params: { types: ['number'] }, derived: true }],
      [{ policyId: 'valid-type', params: { types: ['object'] }, derived: true }],
    ]);
  });

  it('ignores a null minLength and leaves out properties without policies', () => {
    assert.deepStrictEqual(ids(schema({ free: {}, s: { type: 'string', minLength: null } })), [['s', ['valid-type']]]);
  });

  it('lets an explicit policy replace a derived one of the same id, in place', () => {
    const derived = derivePropertyPolicies(schema({ u: { type: 'string', minLength: 1, policies: [{ policyId: 'minimum-length', params: { minLength: 3 } }] } }));
    assert.deepStrictEqual(derived[0]?.policies, [
      { policyId: 'not-empty', derived: true },
      { policyId: 'minimum-length', params: { minLength: 3 }, derived: false },
      { policyId: 'valid-type', params: { types: ['string'] }, derived: true },
    ]);
  });

  it('reports configured conditional and fallback policies', () => {
    const derived = derivePropertyPolicies(schema({ p: { type: 'string', conditionalPolicies: [{ condition: {} }], fallbackPolicies: [] } }));
    assert.deepStrictEqual([derived[0]?.conditionalPolicies, derived[0]?.fallbackPolicies], [[{ condition: {} }], []]);
  });
});
