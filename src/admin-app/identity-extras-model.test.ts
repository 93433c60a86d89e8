/** The sessions, linked accounts and devices views' pure parts: filters, parsing hostile answers, the unlink patch, paths, times. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devicePath, linkedAccountsOf, parseDevices, parseRecoveryCodes, parseSessionPage, sessionsFilter, timeText, unlinkOperations } from './identity-extras-model.ts';

describe('identity extras model', () => {
  it('builds the sessions filter: everything, one user exactly, or a name prefix, quotes escaped', () => {
    assert.equal(sessionsFilter('  '), 'true');
    assert.equal(sessionsFilter(' bj '), 'username sw "bj"');
    assert.equal(sessionsFilter('o"neil', true), 'username eq "o\\"neil"');
  });

  it('reads AM’s session listing, dropping entries without a handle and keeping the total', () => {
    const page = parseSessionPage({
      result: [
        { sessionHandle: 'shandle:YQ.h1', username: 'bob', userId: 'a', creationTime: '2025-07-31T17:05:44Z', latestAccessTime: '2025-07-31T17:06:00Z', maxIdleExpirationTime: 'x', maxSessionExpirationTime: 'y', tree: 'Login' },
        { username: 'nohandle' },
        'junk',
      ],
      totalPagedResults: 7,
    });
    assert.deepEqual(page.sessions.map((row) => [row.handle, row.username, row.tree]), [['shandle:YQ.h1', 'bob', 'Login']]);
    assert.equal(page.total, 7);
    assert.deepEqual(parseSessionPage(null), { sessions: [], total: 0 });
    assert.equal(parseSessionPage({ result: [{ sessionHandle: 'h' }], totalPagedResults: -1 }).total, 1);
  });

  it('splits linked aliases at the first dash and unlinks one, keeping the others', () => {
    assert.deepEqual(linkedAccountsOf(['google-123', 'itsme-ab-cd', 'bare', 7, '']), [
      { alias: 'google-123', provider: 'google', subject: '123' },
      { alias: 'itsme-ab-cd', provider: 'itsme', subject: 'ab-cd' },
      { alias: 'bare', provider: 'bare', subject: '' },
    ]);
    assert.deepEqual(linkedAccountsOf({ length: 1 }), []);
    assert.deepEqual(unlinkOperations(['google-1', 'github-2'], 'google-1'), [{ operation: 'replace', field: '/aliasList', value: ['github-2'] }]);
    assert.deepEqual(unlinkOperations(['github-2'], 'google-1'), []);
    assert.deepEqual(unlinkOperations(undefined, 'google-1'), []);
  });

  it('reads device listings of each kind and the recovery-code counts', () => {
    assert.deepEqual(parseDevices('oath', { result: [{ uuid: 'u1', deviceName: 'Phone', createdDate: 1, lastAccessDate: 2 }, { deviceName: 'no id' }] }), [{ kind: 'oath', id: 'u1', name: 'Phone', created: 1, lastUsed: 2 }]);
    assert.deepEqual(parseDevices('profile', { result: [{ _id: 'p', identifier: 'ident', alias: 'Laptop', lastSelectedDate: 5 }] }), [{ kind: 'profile', id: 'ident', name: 'Laptop', created: undefined, lastUsed: 5 }]);
    assert.deepEqual(parseDevices('webauthn', { result: 'nope' }), []);
    assert.deepEqual(parseRecoveryCodes({ result: [{ forKind: 'oath', remaining: 9 }, { forKind: 'webauthn', remaining: 'x' }] }), [{ forKind: 'oath', remaining: 9 }, { forKind: 'webauthn', remaining: 0 }]);
  });

  it('builds device paths with the user id and device id encoded', () => {
    assert.equal(devicePath('alpha', 'a/b', 'oath'), '/am/json/realms/root/realms/alpha/users/a%2Fb/devices/2fa/oath');
    assert.equal(devicePath('root', 'u', 'profile', 'x y'), '/am/json/realms/root/users/u/devices/profile/x%20y');
  });

  it('writes times in UTC to the minute, a dash when unknown', () => {
    assert.equal(timeText('2025-07-31T17:05:44Z'), '2025-07-31 17:05 UTC');
    assert.equal(timeText(Date.UTC(2024, 0, 2, 3, 4)), '2024-01-02 03:04 UTC');
    assert.equal(timeText(undefined), '—');
    assert.equal(timeText('garbage'), '—');
  });
});
