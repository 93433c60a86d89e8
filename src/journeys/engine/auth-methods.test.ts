import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUTH_METHODS_KEY, recordAuthMethod, recordedAuthMethods } from './auth-methods.ts';

describe('authentication methods a journey records', () => {
  it('keeps each method once, in the order first used', () => {
    const state = { shared: {} as Record<string, unknown> };
    recordAuthMethod(state, 'pwd');
    recordAuthMethod(state, 'otp');
    recordAuthMethod(state, 'pwd');
    assert.deepEqual(recordedAuthMethods(state.shared), ['pwd', 'otp']);
  });

  it('reads only known method names from state (the state may have been tampered with by a script)', () => {
    assert.deepEqual(recordedAuthMethods({ [AUTH_METHODS_KEY]: ['pwd', 'mfa', 7, 'hwk', 'x,y'] }), ['pwd', 'hwk']);
    assert.deepEqual(recordedAuthMethods({ [AUTH_METHODS_KEY]: 'pwd' }), []);
    assert.deepEqual(recordedAuthMethods({}), []);
  });
});
