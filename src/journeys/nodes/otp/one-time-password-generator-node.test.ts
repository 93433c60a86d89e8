import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { parseNodeConfig } from '../../engine/parse-node-config.ts';
import { oneTimePasswordGeneratorNode, randomDigits } from './one-time-password-generator-node.ts';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0, 750);

describe('OneTimePasswordGeneratorNode', () => {
  it('keeps an 8-digit code and its creation time (epoch seconds, as AM) in transient state only, then goes on', async () => {
    const t = await nodeTestServices({ now: NOW });
    const { action, state } = await runNode(oneTimePasswordGeneratorNode, { services: t.services, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.match(String(state.transient.oneTimePassword), /^\d{8}$/);
    assert.equal(state.transient.oneTimePasswordTimestamp, Math.floor(NOW / 1000));
    assert.deepEqual(state.shared, { username: 'bob' }, 'nothing about the code in shared state');
    assert.deepEqual(t.callNames(), []);
  });

  it('makes codes of the configured length, and a new code replaces the previous one and its wrong tries', async () => {
    const t = await nodeTestServices();
    const { state } = await runNode(oneTimePasswordGeneratorNode, {
      services: t.services,
      config: { length: 6 },
      transient: { oneTimePassword: 'old', oneTimePasswordTimestamp: 1, oneTimePasswordFailures: 3 },
    });
    assert.match(String(state.transient.oneTimePassword), /^\d{6}$/);
    assert.equal(state.transient.oneTimePasswordFailures, undefined);
  });

  it('draws every digit at every position: the codes are random, not a sequence', () => {
    const codes = Array.from({ length: 400 }, () => randomDigits(8));
    assert.ok(new Set(codes).size > 395, 'codes do not repeat');
    for (let position = 0; position < 8; position += 1) {
      const digits = new Set(codes.map((code) => code[position]));
      assert.equal(digits.size, 10, `position ${position} takes every digit`);
    }
  });

  it("refuses AM's invalid lengths (fewer than 6 digits) on import", () => {
    const refused = parseNodeConfig(oneTimePasswordGeneratorNode, { length: 4 });
    assert.equal(refused.ok, false);
    assert.deepEqual(parseNodeConfig(oneTimePasswordGeneratorNode, {}), { ok: true, config: { length: 8 } });
  });
});
