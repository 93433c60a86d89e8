/** The Self-service section's reasoning: the mapping as rows, new endpoints, the PUT body, journeys that do not exist. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSelfServiceTreesBody } from '../selfservice/self-service-trees.ts';
import { endpointProblem, mappingBody, mappingOf, missingJourneys, rowsOf } from './self-service-model.ts';

const ANSWER = { _id: '', treeMapping: { registration: 'Registration', resetPassword: 'ResetPassword', 'device-registration': 'Devices', bad: 42, 'no spaces': 'X' }, _type: { _id: 'selfServiceTrees' } };

describe('the self-service mapping', () => {
  it('reads the service’s answer, dropping what is not a mapping', () => {
    assert.deepEqual(mappingOf(ANSWER), { registration: 'Registration', resetPassword: 'ResetPassword', 'device-registration': 'Devices' });
    assert.deepEqual(mappingOf({ treeMapping: [] }), {});
  });

  it('lists the well-known functions first (unmapped ones too), then the others', () => {
    const rows = rowsOf(mappingOf(ANSWER));
    assert.deepEqual(
      rows.map((row) => [row.endpoint, row.journey]),
      [
        ['registration', 'Registration'],
        ['resetPassword', 'ResetPassword'],
        ['forgottenUsername', ''],
        ['progressiveProfile', ''],
        ['updatePassword', ''],
        ['device-registration', 'Devices'],
      ],
    );
    assert.equal(rows[0]?.label, 'Registration');
    assert.equal(rows.at(-1)?.known, false);
  });

  it('saves the mapped functions only, in a body the server accepts', () => {
    const rows = rowsOf({ registration: 'Registration', updatePassword: 'UpdatePassword' }).map((row) => (row.endpoint === 'progressiveProfile' ? { ...row, journey: 'ProgressiveProfile' } : row.endpoint === 'updatePassword' ? { ...row, journey: '' } : row));
    const body = mappingBody(rows);
    assert.deepEqual(body, { _id: '', treeMapping: { registration: 'Registration', progressiveProfile: 'ProgressiveProfile' } });
    assert.deepEqual(parseSelfServiceTreesBody(body), body.treeMapping);
  });

  it('checks a new endpoint’s name as the server does', () => {
    const rows = rowsOf({});
    assert.equal(endpointProblem('device-registration', rows), undefined);
    assert.match(endpointProblem('registration', rows) ?? '', /already/);
    assert.match(endpointProblem('has space', rows) ?? '', /letters/);
    assert.match(endpointProblem('', rows) ?? '', /letters/);
  });

  it('names the functions whose journey the realm does not have', () => {
    assert.deepEqual(missingJourneys(rowsOf({ registration: 'Registration', resetPassword: 'Gone' }), ['Registration', 'Login']), ['resetPassword']);
  });
});
