/** A journey's address in the Journeys section: drawn, or open in the editor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashOf, placeOf } from './admin-section.ts';
import { journeyPath, journeyRoute } from './editor-route.ts';

describe("a journey's address", () => {
  it('opens the editor when it ends in /edit, so that a reload lands there again', () => {
    assert.deepEqual(journeyRoute(placeOf('#/alpha/journeys/Login/edit').path), { name: 'Login', editing: true });
    assert.deepEqual(journeyRoute(placeOf('#/alpha/journeys/Login').path), { name: 'Login', editing: false });
    assert.deepEqual(journeyRoute([]), { name: '', editing: false });
  });

  it('reads a journey named edit as a journey, not as the editor of nothing', () => {
    assert.deepEqual(journeyRoute(['edit']), { name: 'edit', editing: false });
    assert.deepEqual(journeyRoute(['edit', 'edit']), { name: 'edit', editing: true });
  });

  it('writes the address the editor and the drawing are at, names encoded', () => {
    assert.equal(hashOf({ realm: 'alpha', section: 'journeys', path: journeyPath('Sign in', true) }), '#/alpha/journeys/Sign%20in/edit');
    assert.equal(hashOf({ realm: 'alpha', section: 'journeys', path: journeyPath('Sign in', false) }), '#/alpha/journeys/Sign%20in');
    assert.deepEqual(journeyRoute(placeOf(hashOf({ realm: 'alpha', section: 'journeys', path: journeyPath('a/b', true) })).path), { name: 'a/b', editing: true });
  });
});
