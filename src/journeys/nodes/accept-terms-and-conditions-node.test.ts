import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import { fakeServices, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { termsAndConditionsCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { acceptTermsAndConditionsNode } from './accept-terms-and-conditions-node.ts';

const golden = JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] };
const goldenTerms = golden.callbacks.find((callback) => callback.type === 'TermsAndConditionsCallback');
const text = String(goldenTerms?.output.find((o) => o.name === 'terms')?.value);
const terms = { version: '0.0', terms: text, html: `<p>${text}</p>`, createDate: '2019-10-28T04:20:11.320Z' };
const now = Date.UTC(2025, 5, 1, 8, 30, 15, 120);
const shown = termsAndConditionsCallback({ version: '0.0', terms: text, createDate: terms.createDate });

describe('AcceptTermsAndConditionsNode', () => {
  it('sends the active terms (Markdown text) exactly as the seed registration step shows them', async () => {
    const services = fakeServices({ terms });
    const { action, state } = await runNode(acceptTermsAndConditionsNode, { services, request: { locales: ['fr', 'en'] } });
    const [rendered] = renderCallbacks(sentCallbacks(action));
    assert.deepEqual(rendered?.output, goldenTerms?.output);
    assert.deepEqual(rendered?.input?.map((input) => input.value), [false]);
    assert.deepEqual(services.calls, ['termsActive:fr,en']);
    assert.deepEqual(state.shared, {});
  });

  it('writes termsAccepted with a UTC timestamp and the version shown once accepted (outcome)', async () => {
    const { action, state } = await runNode(acceptTermsAndConditionsNode, { services: fakeServices({ terms: { ...terms, version: '1.0' }, now }), callbacks: submit([shown], [true]) });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { termsAccepted: { acceptDate: '2025-06-01T08:30:15.120Z', termsVersion: '0.0' } });
  });

  it('goes on without writing anything when no terms are active', async () => {
    const { action, state } = await runNode(acceptTermsAndConditionsNode, { services: fakeServices() });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, {});
  });

  it('sends the terms again on re-entry without values, when declined, or for a non-boolean answer', async () => {
    for (const callbacks of [[], submit([shown], [false]), submit([shown], ['true']), submit([shown], [null])]) {
      const { action, state } = await runNode(acceptTermsAndConditionsNode, { services: fakeServices({ terms }), callbacks });
      assert.deepEqual(sentCallbacks(action), [shown]);
      assert.deepEqual(state.shared, {});
    }
  });
});
