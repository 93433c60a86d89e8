/** The audit settings: defaults, the three variables, and bad values named. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { auditSettingsFrom } from './audit-settings.ts';

it('defaults to 90 days, access events not stored, nothing streamed', () => {
  assert.deepEqual(auditSettingsFrom({}), { retentionDays: 90, storeAccess: false, stdout: false });
});

it('reads ARBOR_AUDIT_RETENTION_DAYS, ARBOR_AUDIT_ACCESS=store and ARBOR_AUDIT_STDOUT=true', () => {
  assert.deepEqual(auditSettingsFrom({ ARBOR_AUDIT_RETENTION_DAYS: '30', ARBOR_AUDIT_ACCESS: 'store', ARBOR_AUDIT_STDOUT: 'true' }), { retentionDays: 30, storeAccess: true, stdout: true });
  assert.equal(auditSettingsFrom({ ARBOR_AUDIT_STDOUT: 'false' }).stdout, false);
});

it('names the variable of a bad value', () => {
  for (const [name, value] of [['ARBOR_AUDIT_RETENTION_DAYS', '0'], ['ARBOR_AUDIT_RETENTION_DAYS', 'ten'], ['ARBOR_AUDIT_ACCESS', 'yes'], ['ARBOR_AUDIT_STDOUT', 'maybe']] as const) {
    assert.throws(() => auditSettingsFrom({ [name]: value }), (error: Error & { variable?: string }) => error.variable === name && error.message.startsWith(name));
  }
});
