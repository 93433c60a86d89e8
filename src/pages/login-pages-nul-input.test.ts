/**
 * A journey page asked with U+0000 in its query (found by the fuzz suite: `?suspendedId=%00`
 * answered a 500 page): Arbor's NUL refusal is a client mistake, so the page says "bad request"
 * with a 400, in HTML, and the same page without the NUL still works.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform, type TestPlatform } from '../platform/testing/in-memory-platform.ts';

describe('journey pages with U+0000 in the query', () => {
  let arbor: TestPlatform;
  before(async () => {
    arbor = await inMemoryPlatform();
  });
  after(() => arbor.close());

  for (const query of ['realm=alpha&journey=Registration&suspendedId=%00', 'realm=alpha&journey=Login&goto=a%00b', 'realm=alpha%00&journey=Login']) {
    it(`answers /login?${query} with a 400 page`, async () => {
      const response = await arbor.app.inject({ method: 'GET', url: `/login?${query}` });
      assert.equal(response.statusCode, 400, response.body.slice(0, 200));
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.doesNotMatch(response.body, /Something went wrong/);
    });
  }

  it('still renders the page without the NUL', async () => {
    const response = await arbor.app.inject({ method: 'GET', url: '/login?realm=alpha&journey=Login' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<form/);
  });
});
