import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashOf, placeOf } from './admin-section.ts';

describe('the admin app place in the address fragment', () => {
  it('reads realm, section and path, with root journeys when the fragment names nothing', () => {
    assert.deepEqual(placeOf(''), { realm: 'root', section: 'journeys', path: [] });
    assert.deepEqual(placeOf('#/alpha'), { realm: 'alpha', section: 'journeys', path: [] });
    assert.deepEqual(placeOf('#/alpha/journeys/My%20Login'), { realm: 'alpha', section: 'journeys', path: ['My Login'] });
    assert.deepEqual(placeOf('#/alpha/identities/users/abc'), { realm: 'alpha', section: 'identities', path: ['users', 'abc'] });
  });

  it('survives a malformed escape without throwing', () => {
    assert.deepEqual(placeOf('#/alpha/journeys/%E0%A4%A'), { realm: 'alpha', section: 'journeys', path: [] });
  });

  it('writes a fragment that reads back the same, escaping slashes inside a part', () => {
    const place = { realm: 'alpha', section: 'journeys', path: ['a/b c'] };
    assert.equal(hashOf(place), '#/alpha/journeys/a%2Fb%20c');
    assert.deepEqual(placeOf(hashOf(place)), place);
  });
});
