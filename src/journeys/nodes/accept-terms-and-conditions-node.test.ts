import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { defaultTermsConfig } from '../../selfservice/terms/default-terms.ts';
import { TERMS_CONFIG_ID } from '../../selfservice/terms/terms-config.ts';
import { goTo } from '../engine/actions.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import { runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { termsAndConditionsCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { acceptTermsAndConditionsNode } from './accept-terms-and-conditions-node.ts';

const golden = JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] };
const goldenTerms = golden.callbacks.find((callback) => callback.type === 'TermsAndConditionsCallback');
const text = String(goldenTerms?.output.find((o) => o.name === 'terms')?.value);
const now = Date.UTC(2025, 5, 1, 8, 30, 15, 120);
/** The default terms (IDM's placeholder, version 0.0) as the node shows them. */
const shown = termsAndConditionsCallback({ version: '0.0', terms: text, createDate: '2019-10-28T04:20:11.320Z' });

/** The default terms plus a version 1.0 (English and French), active. */
function newerTerms(): Record<string, unknown> {
  const terms = defaultTermsConfig();
  terms.versions.push({ version: '1.0', termsTranslations: { en: '# Terms\n\nBe nice.', fr: '# Conditions\n\nSoyez sympa.' }, createDate: '2025-05-01T00:00:00.000Z' });
  return { [TERMS_CONFIG_ID]: { ...terms, active: '1.0' } };
}

describe('AcceptTermsAndConditionsNode', () => {
  it('sends the default terms (Markdown text) exactly as the seed registration step shows them', async () => {
    const t = await nodeTestServices();
    const { action, state } = await runNode(acceptTermsAndConditionsNode, { services: t.services, request: { locales: ['es', 'en'] } });
    assert.deepEqual(sentCallbacks(action), [shown]);
    const [rendered] = renderCallbacks(sentCallbacks(action));
    assert.deepEqual(rendered?.output, goldenTerms?.output);
    assert.deepEqual(rendered?.input?.map((input) => input.value), [false]);
    assert.deepEqual(t.calls.map((call) => [`${call.service}.${call.method}`, ...call.args]), [['terms.active', ['es', 'en']]]);
    assert.deepEqual(state.shared, {});
  });

  it("sends the active version's Markdown in the request's best locale", async () => {
    const t = await nodeTestServices({ configs: newerTerms() });
    const french = await runNode(acceptTermsAndConditionsNode, { services: t.services, request: { locales: ['fr-BE', 'en'] } });
    assert.deepEqual(sentCallbacks(french.action), [termsAndConditionsCallback({ version: '1.0', terms: '# Conditions\n\nSoyez sympa.', createDate: '2025-05-01T00:00:00.000Z' })]);
    const dutch = await runNode(acceptTermsAndConditionsNode, { services: t.services, request: { locales: ['nl'] } });
    assert.deepEqual(sentCallbacks(dutch.action), [termsAndConditionsCallback({ version: '1.0', terms: '# Terms\n\nBe nice.', createDate: '2025-05-01T00:00:00.000Z' })]);
  });

  it('writes termsAccepted with a UTC timestamp and the version shown once accepted, even if another became active since (outcome)', async () => {
    const t = await nodeTestServices({ configs: newerTerms(), now });
    const { action, state } = await runNode(acceptTermsAndConditionsNode, { services: t.services, callbacks: submit([shown], [true]) });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { termsAccepted: { acceptDate: '2025-06-01T08:30:15.120Z', termsVersion: '0.0' } });
  });

  it('goes on without writing anything when no terms are active', async () => {
    for (const options of [{ withoutConfigs: [TERMS_CONFIG_ID] }, { configs: { [TERMS_CONFIG_ID]: { ...defaultTermsConfig(), active: '' } } }]) {
      const { action, state } = await runNode(acceptTermsAndConditionsNode, { services: (await nodeTestServices(options)).services });
      assert.deepEqual(action, goTo('outcome'));
      assert.deepEqual(state.shared, {});
    }
  });

  it('sends the terms again on re-entry without values, when declined, or for a non-boolean answer', async () => {
    const t = await nodeTestServices();
    for (const callbacks of [[], submit([shown], [false]), submit([shown], ['true']), submit([shown], [null])]) {
      const { action, state } = await runNode(acceptTermsAndConditionsNode, { services: t.services, callbacks });
      assert.deepEqual(sentCallbacks(action), [shown]);
      assert.deepEqual(state.shared, {});
    }
  });
});
