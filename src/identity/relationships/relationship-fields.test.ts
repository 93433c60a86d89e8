/**
 * The relationship side of answers and queries: `effectiveRoles` returned by default and the
 * relationship fields only when asked; a query on `effectiveRoles/_refResourceId` (or `_ref`)
 * rewritten into the role holders' ids, inside `and`/`or`/`not` too; any other test of
 * `effectiveRoles` refused.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { isCrestError } from '../crest/errors.ts';
import { DEFAULT_FIELDS, parseFieldSelection } from '../crest/field-selection.ts';
import { defaultUserObject } from '../default-user-schema.ts';
import { parseQueryFilter } from '../query-filter/parse-query-filter.ts';
import { relationshipFields, resolveEffectiveRoles, testsEffectiveRoles } from './relationship-fields.ts';
import type { RelationshipService } from './relationship-service.ts';
import { createRelationshipService } from './relationship-service.ts';

const schema = defaultUserObject('alpha_user').schema;

describe('relationship fields', () => {
  let relationships: RelationshipService;
  const resolve = (text: string) => resolveEffectiveRoles(relationships, 'alpha_user', schema, parseQueryFilter(text));

  before(async () => {
    const store = openMemoryStore();
    relationships = createRelationshipService({ objects: store.managedObjects, configs: store.configs, transaction: (work) => store.transaction((tx) => work(tx.managedObjects)), clock: { now: () => 0 } });
    for (const id of ['ann', 'bob', 'cas']) await store.managedObjects.create('alpha_user', id, { userName: id }, {});
    for (const id of ['staff', 'empty']) await store.managedObjects.create('alpha_role', id, { name: id }, {});
    for (const id of ['ann', 'bob']) await relationships.add('alpha_user', id, 'roles', { _ref: 'managed/alpha_role/staff' });
  });

  it('rewrites a test of a role into the ids of its holders, by id or by _ref', async () => {
    const holders = { op: 'in', field: ['_id'], values: ['ann', 'bob'] };
    const byId = await resolve('effectiveRoles/_refResourceId eq "staff"');
    assert.deepEqual({ ...byId, ...(byId.op === 'in' ? { values: [...byId.values].sort() } : {}) }, holders);
    const byRef = await resolve('effectiveRoles/_ref eq "managed/alpha_role/staff"');
    assert.deepEqual({ ...byRef, ...(byRef.op === 'in' ? { values: [...byRef.values].sort() } : {}) }, holders);
    assert.deepEqual(await resolve('effectiveRoles/_refResourceId eq "empty"'), { op: 'false' });
  });

  it('finds no holders for a _ref to another collection (another realm’s role of the same id)', async () => {
    assert.deepEqual(await resolve('effectiveRoles/_ref eq "managed/beta_role/staff"'), { op: 'false' });
    assert.deepEqual(await resolve('effectiveRoles/_ref eq "staff"'), { op: 'false' });
  });

  it('rewrites inside and, or and not, leaving the other tests as they are', async () => {
    const rewritten = await resolve('userName sw "a" and !(effectiveRoles/_refResourceId eq "empty")');
    assert.deepEqual(rewritten, { op: 'and', filters: [{ op: 'sw', field: ['userName'], value: 'a' }, { op: 'not', filter: { op: 'false' } }] });
    assert.equal(testsEffectiveRoles(rewritten), false);
    assert.equal(testsEffectiveRoles(parseQueryFilter('userName eq "x" or effectiveRoles pr')), true);
  });

  it('refuses any other test of effectiveRoles', async () => {
    for (const text of ['effectiveRoles pr', 'effectiveRoles/_refResourceId co "st"', 'effectiveRoles/name eq "staff"', 'true and effectiveRoles/_refResourceId eq "staff" and effectiveRoles eq "x"']) {
      await assert.rejects(resolve(text), (error) => isCrestError(error, 'BAD_REQUEST'), text);
    }
  });

  it('returns effectiveRoles by default and relationships only when asked', async () => {
    const defaults = await relationshipFields(relationships, 'alpha_user', 'ann', schema, DEFAULT_FIELDS);
    assert.deepEqual(defaults, { effectiveRoles: [{ _refResourceCollection: 'managed/alpha_role', _refResourceId: 'staff', _ref: 'managed/alpha_role/staff' }] });
    const asked = await relationshipFields(relationships, 'alpha_user', 'cas', schema, parseFieldSelection('roles,manager'));
    assert.deepEqual(asked, { roles: [], manager: null });
    const hidden = await relationshipFields(relationships, 'alpha_user', 'ann', schema, DEFAULT_FIELDS, (name) => name !== 'effectiveRoles');
    assert.deepEqual(hidden, {});
  });
});
