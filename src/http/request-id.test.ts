/** Request ids: which incoming ids are kept, and the log lines of deep code carrying the request's. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runWithAuditContext } from '../audit/audit-context.ts';
import { requestIdOf } from './request-id.ts';
import { requestIdMixin } from './request-log-options.ts';

const context = { transactionId: 'req-42', clientIp: '127.0.0.1', actor: async () => undefined, seen: new Map() };
const appLogger = { bindings: () => ({}) };
const requestLogger = { bindings: () => ({ reqId: 'req-42' }) };

describe('request ids', () => {
  it('keeps a short safe X-Request-ID and replaces anything else with a UUID', () => {
    assert.equal(requestIdOf({ headers: { 'x-request-id': 'lb-01:a.b_c' } }), 'lb-01:a.b_c');
    for (const bad of ['', 'x'.repeat(65), 'with space', 'new\nline', '{"json":1}']) {
      assert.match(requestIdOf({ headers: { 'x-request-id': bad } }), /^[0-9a-f-]{36}$/, JSON.stringify(bad));
    }
    assert.match(requestIdOf({ headers: {} }), /^[0-9a-f-]{36}$/);
    assert.notEqual(requestIdOf({ headers: {} }), requestIdOf({ headers: {} }));
  });

  it('puts the request id on a line the app logger writes during the request, once', () => {
    assert.deepEqual(requestIdMixin({}, 40, appLogger), {}, 'outside a request: nothing');
    runWithAuditContext(context, () => {
      assert.deepEqual(requestIdMixin({}, 40, appLogger), { reqId: 'req-42' });
      assert.deepEqual(requestIdMixin({}, 30, requestLogger), {}, 'the request logger has it already');
    });
  });
});
