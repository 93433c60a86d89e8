/** The authorization rules alone: administrators pass, end users get their own object with viewable reads and user-editable writes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProposedWrite } from '../../identity/crest/crest-access.ts';
import { isCrestError } from '../../identity/crest/errors.ts';
import { defaultUserObject } from '../../identity/default-user-schema.ts';
import { isHttpError } from '../errors.ts';
import type { ManagedOperation } from './authorize.ts';
import { authorizeManaged, authorizePolicyRead, authorizePolicyValidation, requireAdmin } from './authorize.ts';
import type { IdmCaller } from './idm-caller.ts';

const schema = defaultUserObject('alpha_user').schema;
const admin: IdmCaller = { kind: 'admin', username: 'amadmin', authenticatedBy: 'session' };
const dave: IdmCaller = { kind: 'user', type: 'alpha_user', id: 'dave-id', username: 'dave', authenticatedBy: 'session' };
const forbidden = (error: unknown) => isHttpError(error) && error.status === 403;
const refusedWrite = (pattern: RegExp) => (error: unknown) => isCrestError(error, 'FORBIDDEN') && pattern.test(error.message);

function write(changed: string[]): ProposedWrite {
  return { type: 'alpha_user', id: 'dave-id', schema, before: {}, after: {}, changed };
}

describe('authorizeManaged', () => {
  const target = (id?: string, type = 'alpha_user') => ({ type, schema: async () => schema, ...(id === undefined ? {} : { id }) });
  const never = async () => assert.fail('no re-authentication expected');

  it('gives administrators full access to every operation', async () => {
    for (const operation of ['read', 'create', 'update', 'patch', 'delete', 'query', 'patchByQuery'] as ManagedOperation[]) {
      assert.deepEqual(await authorizeManaged(admin, operation, target('anyone'), undefined, never), {});
    }
  });

  it('refuses end users everything but read, update and patch of their own object', async () => {
    for (const operation of ['create', 'delete', 'query', 'patchByQuery'] as ManagedOperation[]) {
      await assert.rejects(authorizeManaged(dave, operation, target('dave-id'), undefined, never), forbidden, operation);
    }
    await assert.rejects(authorizeManaged(dave, 'read', target('erin-id'), undefined, never), forbidden);
    await assert.rejects(authorizeManaged(dave, 'read', target('dave-id', 'user'), undefined, never), forbidden);
    await assert.rejects(authorizeManaged(dave, 'read', target(), undefined, never), forbidden);
  });

  it('lets an end user read only viewable properties and never create', async () => {
    const access = await authorizeManaged(dave, 'read', target('dave-id'), undefined, never);
    assert.equal(access.mayCreate, false);
    assert.equal(access.readable?.('userName'), true);
    assert.equal(access.readable?.('kbaInfo'), false);
    assert.equal(access.readable?.('password'), false);
    assert.equal(access.readable?.('_meta'), false);
    assert.equal(access.readable?.('undeclared'), false);
  });

  it('lets an end user change user-editable properties only, naming the first that is not', async () => {
    const access = await authorizeManaged(dave, 'patch', target('dave-id'), undefined, never);
    await access.checkWrite?.(write(['sn', 'preferences', 'kbaInfo']));
    await assert.rejects(access.checkWrite?.(write(['sn', 'accountStatus'])) ?? Promise.resolve(), refusedWrite(/accountStatus is not user-editable/));
    await assert.rejects(access.checkWrite?.(write(['undeclared'])) ?? Promise.resolve(), refusedWrite(/undeclared/));
  });

  it('asks for the current password before a protected property changes', async () => {
    const tried: string[] = [];
    const reauth = async (password: string) => {
      tried.push(password);
      return password === 'Current-Passw0rd';
    };
    const without = await authorizeManaged(dave, 'patch', target('dave-id'), undefined, reauth);
    await assert.rejects(without.checkWrite?.(write(['password'])) ?? Promise.resolve(), refusedWrite(/X-OpenIDM-Reauth-Password/));
    const wrong = await authorizeManaged(dave, 'update', target('dave-id'), 'Wrong', reauth);
    await assert.rejects(wrong.checkWrite?.(write(['password'])) ?? Promise.resolve(), refusedWrite(/Re-authentication failed/));
    const right = await authorizeManaged(dave, 'update', target('dave-id'), 'Current-Passw0rd', reauth);
    await right.checkWrite?.(write(['password', 'sn']));
    await right.checkWrite?.(write(['sn']));
    assert.deepEqual(tried, ['Wrong', 'Current-Passw0rd'], 're-authentication runs only when a protected property changes');
  });
});

describe('admin-only and policy rules', () => {
  it('requireAdmin lets only administrators through', () => {
    requireAdmin(admin);
    assert.throws(() => requireAdmin(dave), forbidden);
  });

  it('end users read their own type’s policies and validate their own object', () => {
    authorizePolicyRead(admin, 'user');
    authorizePolicyRead(dave, 'alpha_user');
    assert.throws(() => authorizePolicyRead(dave, 'user'), forbidden);
    authorizePolicyValidation(admin, 'alpha_user', '*');
    authorizePolicyValidation(dave, 'alpha_user', 'dave-id');
    assert.throws(() => authorizePolicyValidation(dave, 'alpha_user', '*'), forbidden);
    assert.throws(() => authorizePolicyValidation(dave, 'alpha_user', 'erin-id'), forbidden);
  });
});
