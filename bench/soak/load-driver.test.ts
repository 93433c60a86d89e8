/** The soak's mix: a deck dealing each kind by its weight, the same order every run. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dealer, MIX, mixDeck, SIGN_IN_SHARE } from './load-driver.ts';

describe('the journey mix', () => {
  it('deals each kind by its weight in every hundred journeys, shuffled, the same way every run', () => {
    const deck = mixDeck();
    const counts: Record<string, number> = {};
    for (const kind of deck) counts[kind] = (counts[kind] ?? 0) + 1;
    assert.deepEqual(counts, { ...MIX });
    assert.deepEqual(mixDeck(), deck);
    assert.notDeepEqual(deck.slice(0, 10), Array(10).fill('sign-in'), 'the kinds are interleaved, not in blocks');
    assert.equal(SIGN_IN_SHARE, MIX['sign-in'] / 100);
  });

  it('deals the deck round and round', () => {
    const deal = dealer(['reset', 'sign-in']);
    assert.deepEqual([deal(), deal(), deal()], ['reset', 'sign-in', 'reset']);
  });
});
