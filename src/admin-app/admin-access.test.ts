import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessOf } from './admin-access.ts';

describe('what the admin app opens for a caller', () => {
  it('opens every realm to administrators, and to auditors read-only', () => {
    assert.deepEqual(accessOf(['internal/role/openidm-authorized', 'internal/role/openidm-admin']), { realms: undefined, readOnly: false });
    assert.deepEqual(accessOf(['internal/role/openidm-authorized', 'internal/role/auditor']), { realms: undefined, readOnly: true });
  });

  it("opens a realm administrator's or auditor's realms only", () => {
    assert.deepEqual(accessOf(['internal/role/openidm-authorized', 'internal/role/realm-admin-beta', 'internal/role/realm-admin-alpha']), { realms: ['alpha', 'beta'], readOnly: false });
    assert.deepEqual(accessOf(['internal/role/realm-auditor-alpha']), { realms: ['alpha'], readOnly: true });
  });

  it('opens nothing to an end user, whatever else their roles say', () => {
    assert.equal(accessOf(['internal/role/openidm-authorized']), undefined);
    assert.equal(accessOf(['openidm-admin', 'managed/role/realm-admin-alpha', 'internal/role/realm-admin-']), undefined);
  });
});
