/**
 * The cross-site check of page posts: a browser's own form post passes, also with the `Origin: null`
 * that Chromium sends under `Referrer-Policy: no-referrer`; a post marked cross-site, from another
 * origin, or with `Origin: null` and no fetch metadata to vouch for it is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossSitePost } from './page-csrf.ts';

const PUBLIC = 'https://id.example.test';
const OWN = 'http://127.0.0.1:8080';

describe('crossSitePost', () => {
  it('lets the page\'s own form posts through, with or without a serialised origin', () => {
    assert.equal(crossSitePost({ 'sec-fetch-site': 'same-origin', origin: OWN }, PUBLIC, OWN), false);
    assert.equal(crossSitePost({ 'sec-fetch-site': 'same-origin', origin: 'null' }, PUBLIC, OWN), false);
    assert.equal(crossSitePost({ origin: PUBLIC }, PUBLIC, OWN), false);
    assert.equal(crossSitePost({}, PUBLIC, OWN), false);
  });

  it('refuses posts from another site, and an opaque origin nothing vouches for', () => {
    assert.equal(crossSitePost({ 'sec-fetch-site': 'cross-site', origin: 'null' }, PUBLIC, OWN), true);
    assert.equal(crossSitePost({ 'sec-fetch-site': 'same-site', origin: 'https://other.example.test' }, PUBLIC, OWN), true);
    assert.equal(crossSitePost({ origin: 'https://evil.example' }, PUBLIC, OWN), true);
    assert.equal(crossSitePost({ origin: 'null' }, PUBLIC, OWN), true);
  });
});
