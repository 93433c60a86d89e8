import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JourneyStateData } from './node-context.ts';
import { formatFailedPolicies, getObjectAttribute, identityValue, mergedObjectAttributes, setObjectAttribute } from './object-attributes.ts';

function emptyState(): JourneyStateData {
  return { shared: {}, transient: {} };
}

describe('setObjectAttribute', () => {
  it('writes non-secrets to shared and secrets to transient objectAttributes', () => {
    const state = emptyState();
    setObjectAttribute(state, 'userName', 'bob', { secret: false });
    setObjectAttribute(state, 'password', 'Secret12!', { secret: true });
    assert.deepEqual(state, { shared: { objectAttributes: { userName: 'bob' } }, transient: { objectAttributes: { password: 'Secret12!' } } });
  });

  it('stores /-paths nested and keeps the siblings', () => {
    const state = emptyState();
    state.shared['objectAttributes'] = { mail: 'bob@example.com', preferences: { marketing: true } };
    setObjectAttribute(state, 'preferences/updates', false, { secret: false });
    assert.deepEqual(state.shared['objectAttributes'], { mail: 'bob@example.com', preferences: { marketing: true, updates: false } });
  });

  it('replaces what is not an object on the way and ignores an empty path', () => {
    const state = emptyState();
    state.shared['objectAttributes'] = 'garbage';
    setObjectAttribute(state, 'preferences/updates', true, { secret: false });
    setObjectAttribute(state, 'preferences/updates/deep', 1, { secret: false });
    setObjectAttribute(state, '/', 'x', { secret: false });
    assert.deepEqual(state.shared['objectAttributes'], { preferences: { updates: { deep: 1 } } });
  });
});

describe('getObjectAttribute and identityValue', () => {
  it('reads shared first, then transient, following /-paths', () => {
    const state: JourneyStateData = {
      shared: { objectAttributes: { mail: 'shared@example.com', preferences: { updates: true } } },
      transient: { objectAttributes: { mail: 'transient@example.com', kbaInfo: [1] } },
    };
    assert.equal(getObjectAttribute(state, 'mail'), 'shared@example.com');
    assert.deepEqual(getObjectAttribute(state, 'kbaInfo'), [1]);
    assert.equal(getObjectAttribute(state, 'preferences/updates'), true);
    assert.equal(getObjectAttribute(state, 'preferences/updates/x'), undefined);
    assert.equal(getObjectAttribute(state, 'missing'), undefined);
  });

  it('takes the identity attribute, else shared.username, else nothing', () => {
    assert.equal(identityValue({ shared: { username: 'bob', objectAttributes: { mail: 'b@example.com' } }, transient: {} }, 'mail'), 'b@example.com');
    assert.equal(identityValue({ shared: { username: 'bob', objectAttributes: { mail: '' } }, transient: {} }, 'mail'), 'bob');
    assert.equal(identityValue({ shared: { username: 42 }, transient: {} }, 'userName'), undefined);
    assert.equal(identityValue(emptyState(), 'userName'), undefined);
  });
});

describe('mergedObjectAttributes', () => {
  it('deep-merges transient over shared without touching either', () => {
    const state: JourneyStateData = {
      shared: { objectAttributes: { userName: 'bob', preferences: { updates: true } } },
      transient: { objectAttributes: { password: 'pw', preferences: { marketing: false } } },
    };
    const before = structuredClone(state);
    assert.deepEqual(mergedObjectAttributes(state), { userName: 'bob', password: 'pw', preferences: { updates: true, marketing: false } });
    assert.deepEqual(state, before);
    assert.deepEqual(mergedObjectAttributes(emptyState()), {});
  });
});

describe('formatFailedPolicies', () => {
  it('gives one JSON string per requirement, params first and only when present', () => {
    const formatted = formatFailedPolicies([{ policyRequirement: 'UNIQUE' }, { policyRequirement: 'MIN_LENGTH', params: { minLength: 8 } }]);
    assert.deepEqual(formatted, ['{"policyRequirement":"UNIQUE"}', '{"params":{"minLength":8},"policyRequirement":"MIN_LENGTH"}']);
    assert.deepEqual(formatted.map((text) => JSON.parse(text) as unknown), [{ policyRequirement: 'UNIQUE' }, { params: { minLength: 8 }, policyRequirement: 'MIN_LENGTH' }]);
    assert.deepEqual(formatFailedPolicies([]), []);
  });
});
