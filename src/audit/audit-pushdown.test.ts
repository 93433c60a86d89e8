/**
 * What of a `_queryFilter` the audit store is asked: equality and `in` on indexed fields (values
 * intersected, case-folded), timestamp bounds, nested `and`s flattened; `complete` only when the
 * store's selection is exactly the filter. Checked against the filter's own evaluation: every
 * match lies in the selection, and when complete every selected event matches.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesQueryFilter } from '../identity/query-filter/evaluate-query-filter.ts';
import { parseQueryFilter } from '../identity/query-filter/parse-query-filter.ts';
import { auditIndexedValues } from './audit-indexed-fields.ts';
import type { AuditEvent } from './audit-event.ts';
import { auditPushdownOf } from './audit-pushdown.ts';

const pushdown = (filter: string) => auditPushdownOf(parseQueryFilter(filter));

describe('auditPushdownOf', () => {
  it('pushes down equality on indexed fields, folded, values of several terms intersected', () => {
    assert.deepEqual(pushdown('userName eq "BJensen" and outcome eq "FAILURE"'), { equals: { userName: ['bjensen'], outcome: ['failure'] }, complete: true });
    assert.deepEqual(pushdown('(realm in \'["alpha","Beta"]\' and actor/userId eq "U1") and realm eq "beta"'), { equals: { realm: ['beta'], 'actor/userId': ['u1'] }, complete: true });
    assert.deepEqual(pushdown('userId eq "a" and userId eq "b"'), { equals: { userId: [] }, complete: true }, 'nothing can match both');
    assert.deepEqual(pushdown('true'), { equals: {}, complete: true });
  });

  it('leaves the rest to be evaluated: other fields and operators, non-string values, or, not', () => {
    for (const filter of ['journey eq "Login"', 'userName co "b"', 'userName eq 5', 'realm eq null', 'userName in \'["a",1]\'', 'userName eq "a" or userName eq "b"', '!(userName eq "a")', 'actor~1userId eq "u1"', 'false']) {
      assert.deepEqual(pushdown(filter), { equals: {}, complete: false }, filter);
    }
    assert.deepEqual(pushdown('userName eq "a" and node/type eq "X"'), { equals: { userName: ['a'] }, complete: false });
  });

  it('bounds timestamps exactly in the stored form, and to the precision of a leading date otherwise', () => {
    const t = Date.UTC(2026, 0, 31, 12, 30, 15, 250);
    assert.deepEqual(pushdown('timestamp ge "2026-01-31T12:30:15.250Z" and timestamp lt "2026-01-31t12:30:16.000z"'), { equals: {}, from: t, to: t + 750, complete: true });
    assert.deepEqual(pushdown('timestamp gt "2026-01-31T12:30:15.250Z" and timestamp le "2026-01-31T12:30:15.999Z"'), { equals: {}, from: t + 1, to: t + 750, complete: true });
    assert.deepEqual(pushdown('timestamp eq "2026-01-31T12:30:15.250Z"'), { equals: {}, from: t, to: t + 1, complete: true });
    assert.deepEqual(pushdown('timestamp lt "2026-01-31T12:30:15Z"'), { equals: {}, to: Date.UTC(2026, 0, 31, 12, 30, 16), complete: false });
    assert.deepEqual(pushdown('timestamp ge "2026-01-31"'), { equals: {}, from: Date.UTC(2026, 0, 31), complete: false });
    assert.deepEqual(pushdown('timestamp le "2026-01-31T12:30:15.250-05:00"'), { equals: {}, to: t + 1, complete: false });
    assert.deepEqual(pushdown('timestamp ge "2026-02-30"'), { equals: {}, complete: false }, 'no such day: no bound');
    assert.deepEqual(pushdown('timestamp ge "Jan 31 2026"'), { equals: {}, complete: false });
    assert.deepEqual(pushdown('timestamp ge 1769862615250'), { equals: {}, complete: false });
  });

  it('never selects fewer events than the filter matches, and exactly them when complete', () => {
    const base = Date.UTC(2026, 0, 31, 23, 59, 58);
    const events: { event: AuditEvent; at: number }[] = [];
    for (let offset = -1500; offset <= 3500; offset += 250) {
      const at = base + offset;
      events.push({ at, event: { _id: `e${offset}`, topic: 'authentication', timestamp: new Date(at).toISOString(), realm: 'alpha', journey: 'Login', outcome: offset % 500 === 0 ? 'SUCCESS' : 'FAILURE', userName: offset % 1000 === 0 ? 'Ann' : 'bob' } });
    }
    const values = ['2026-01-31T23:59:58.000Z', '2026-01-31T23:59:59Z', '2026-01-31T23:59:59', '2026-02-01', '2026-02-01T00:00:00.500+01:00', '2026-01-31 23:59', '2026-01-31T23:59:59.750Z', 'x'];
    const filters = ['true', 'userName eq "ann"', 'outcome eq "success" and userName in \'["ANN","carl"]\''];
    for (const value of values) {
      for (const op of ['eq', 'ge', 'gt', 'le', 'lt']) {
        for (const rest of filters) {
          const filter = parseQueryFilter(`timestamp ${op} "${value}" and (${rest})`);
          const plan = auditPushdownOf(filter);
          const selected = events.filter(({ event, at }) => {
            const indexed = auditIndexedValues(event);
            const inWindow = (plan.from === undefined || at >= plan.from) && (plan.to === undefined || at < plan.to);
            return inWindow && Object.entries(plan.equals).every(([field, wanted]) => wanted.includes(indexed[field as keyof typeof indexed] ?? '\u0000'));
          });
          const matching = events.filter(({ event }) => matchesQueryFilter(filter, event as unknown as Record<string, unknown>));
          const label = `timestamp ${op} "${value}" and (${rest})`;
          for (const match of matching) assert.ok(selected.includes(match), `${label}: ${match.event.timestamp} matches but is not selected`);
          if (plan.complete) assert.deepEqual(selected, matching, `${label}: complete`);
        }
      }
    }
  });
});
