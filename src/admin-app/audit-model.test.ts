/** The Audit section's pure parts: the filter it sends, what it reads of an answer, its summaries and the before/after differences. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_FILTERS, auditChanges, auditFilter, auditRows, detailFields, filtersProblem, summaryOf, whoOf } from './audit-model.ts';

describe('auditFilter', () => {
  it('keeps to the realm, and adds the user, the outcome and a day range', () => {
    assert.equal(auditFilter('authentication', 'alpha', NO_FILTERS), 'realm eq "alpha"');
    assert.equal(
      auditFilter('authentication', 'alpha', { user: ' bj"x ', outcome: 'FAILURE', from: '2026-12-01', to: '2026-12-02' }),
      'realm eq "alpha" and userName co "bj\\"x" and outcome eq "FAILURE" and timestamp ge "2026-12-01T00:00:00.000Z" and timestamp lt "2026-12-03T00:00:00.000Z"',
    );
    assert.equal(auditFilter('activity', 'alpha', { ...NO_FILTERS, user: 'amadmin' }), 'realm eq "alpha" and (actor/username co "amadmin" or after/userName co "amadmin" or before/userName co "amadmin")');
  });

  it('puts no realm on access events, and ignores what a topic does not have', () => {
    assert.equal(auditFilter('access', 'alpha', { user: 'x', outcome: 'FAILURE', from: '', to: '' }), 'true');
    assert.equal(auditFilter('config', 'root', { ...NO_FILTERS, outcome: 'SUCCESS' }), 'realm eq "root"');
  });

  it('says what is wrong with a date range', () => {
    assert.equal(filtersProblem({ ...NO_FILTERS, from: '2026-13-45x' }), 'From must be a date (YYYY-MM-DD).');
    assert.equal(filtersProblem({ ...NO_FILTERS, from: '2026-12-05', to: '2026-12-01' }), 'From is after To.');
    assert.equal(filtersProblem({ ...NO_FILTERS, from: '2026-12-01', to: '2026-12-01' }), undefined);
  });
});

describe('auditRows and summaries', () => {
  it('reads only well-formed events of an answer', () => {
    const rows = auditRows({ result: [{ _id: 'e1', topic: 'authentication', timestamp: '2026-12-02T10:00:00.000Z', journey: 'Login', outcome: 'FAILURE', userName: 'bjensen', node: { type: 'DataStoreDecisionNode' } }, 'junk', null] });
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.ok(row !== undefined);
    assert.equal(summaryOf(row), 'Login: FAILURE at DataStoreDecisionNode');
    assert.equal(whoOf(row), 'bjensen');
    assert.deepEqual(auditRows({ result: 'nope' }), []);
    assert.deepEqual(auditRows(undefined), []);
  });

  it('sums up activity, configuration and access events', () => {
    const [activity, config, access] = auditRows({
      result: [
        { _id: 'a', topic: 'activity', operation: 'update', objectType: 'alpha_user', after: { userName: 'bjensen' }, actor: { username: 'amadmin' } },
        { _id: 'c', topic: 'config', operation: 'update', objectType: 'journey', objectId: 'alpha/Login' },
        { _id: 'x', topic: 'access', method: 'GET', route: '/openidm/managed/:type', status: 200, elapsedMs: 4, clientIp: '192.0.2.1' },
      ],
    });
    assert.ok(activity !== undefined && config !== undefined && access !== undefined);
    assert.equal(summaryOf(activity), 'update alpha_user bjensen');
    assert.equal(whoOf(activity), 'amadmin');
    assert.equal(summaryOf(config), 'update journey alpha/Login');
    assert.equal(whoOf(config), '(system)');
    assert.equal(summaryOf(access), 'GET /openidm/managed/:type → 200 (4 ms)');
  });
});

describe('auditChanges', () => {
  it('lists the properties that differ, nested ones by path, added and removed ones with a blank side', () => {
    const changes = auditChanges({ before: { givenName: 'Babs', mail: 'a@x', prefs: { news: true } }, after: { givenName: 'Barbara', mail: 'a@x', prefs: { news: false }, sn: 'Jensen' } });
    assert.deepEqual(changes, [
      { path: '/givenName', before: '"Babs"', after: '"Barbara"' },
      { path: '/prefs/news', before: 'true', after: 'false' },
      { path: '/sn', before: '', after: '"Jensen"' },
    ]);
    assert.deepEqual(auditChanges({ after: { userName: 'new' } }), [{ path: '/userName', before: '', after: '"new"' }]);
    assert.deepEqual(auditChanges({}), []);
  });
});

describe('detailFields', () => {
  it('flattens nested fields one level and joins lists, leaving before and after to the changes', () => {
    assert.deepEqual(detailFields({ topic: 'activity', actor: { username: 'amadmin', realm: 'root' }, changedFields: ['givenName', 'password'], before: { a: 1 }, after: { a: 2 }, status: 200 }), [
      ['topic', 'activity'],
      ['actor.username', 'amadmin'],
      ['actor.realm', 'root'],
      ['changedFields', 'givenName, password'],
      ['status', '200'],
    ]);
  });
});
