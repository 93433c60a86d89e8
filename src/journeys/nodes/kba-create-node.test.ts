import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { defaultKbaConfig } from '../../selfservice/kba/default-kba-config.ts';
import type { KbaConfig } from '../../selfservice/kba/kba-config.ts';
import { KBA_CONFIG_ID } from '../../selfservice/kba/kba-config.ts';
import { goTo } from '../engine/actions.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import { inputs, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { kbaCreateCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { kbaCreateNode, normalizeQuestion } from './kba-create-node.ts';

const COLOR = "What's your favorite color?";
const EMPLOYER = 'Who was your first employer?';
const config = { message: { en: 'Select a security question' } };
const blank = (extra: Partial<Parameters<typeof kbaCreateCallback>[0]> = {}) => kbaCreateCallback({ prompt: 'Select a security question', predefinedQuestions: [COLOR, EMPLOYER], ...extra });
const answer = (question: string, value: unknown) => inputs({ question, answer: value });

/** The services on the default `selfservice.kba` (two questions, in English, two to define) with `kba` over it. */
async function realm(kba: Partial<KbaConfig>) {
  return (await nodeTestServices({ configs: { [KBA_CONFIG_ID]: { ...defaultKbaConfig(), ...kba } } })).services;
}

async function define(values: unknown[], options: { config?: Record<string, unknown> } = {}) {
  const cfg = options.config ?? config;
  const sent = sentCallbacks((await runNode(kbaCreateNode, { config: cfg })).action);
  return runNode(kbaCreateNode, { config: cfg, callbacks: submit(sent, values) });
}

describe('KbaCreateNode', () => {
  it('sends minimumAnswersToDefine callbacks exactly as the seed registration step shows them', async () => {
    const golden = JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] };
    const { action, state } = await runNode(kbaCreateNode, { config });
    const rendered = renderCallbacks(sentCallbacks(action));
    const expected = golden.callbacks.filter((callback) => callback.type === 'KbaCreateCallback');
    assert.deepEqual(rendered.map((callback) => callback.output), expected.map((callback) => callback.output));
    assert.deepEqual(rendered.map((callback) => callback.input?.map((input) => input.value)), [['', ''], ['', '']]);
    assert.deepEqual(state, { shared: {}, transient: {} });
  });

  it('stores the answers in transient objectAttributes, predefined by id, custom by text (outcome)', async () => {
    const { action, state } = await define([answer(` ${COLOR} `, ' Blue '), answer('Name of my first pet?', 'Rex')]);
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.transient, { objectAttributes: { kbaInfo: [{ questionId: '1', answer: 'Blue' }, { customQuestion: 'Name of my first pet?', answer: 'Rex' }] } });
    assert.deepEqual(state.shared, {});
  });

  it('reads a question given by its position in the list sent (as the Login Widget answers) as that predefined question', async () => {
    const { action, state } = await define([answer('1', 'Acme'), answer('0', 'Blue')]);
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.transient, { objectAttributes: { kbaInfo: [{ questionId: '2', answer: 'Acme' }, { questionId: '1', answer: 'Blue' }] } });
    const beyond = await define([answer('7', 'Acme'), answer('0', 'Blue')]);
    assert.deepEqual(beyond.state.transient, { objectAttributes: { kbaInfo: [{ customQuestion: '7', answer: 'Acme' }, { questionId: '1', answer: 'Blue' }] } }, 'a number past the list is the user’s own question');
  });

  it('localizes questions and the prompt, recognises a question in any configured locale, and uses the kbaPropertyName', async () => {
    const services = await realm({ kbaPropertyName: 'securityAnswers', questions: { '1': { en: COLOR, fr: 'Quelle est votre couleur préférée ?' }, '2': { en: EMPLOYER } } });
    const first = await runNode(kbaCreateNode, { config: { message: { en: 'Pick', fr: 'Choisissez' } }, services, request: { locales: ['fr-BE'] } });
    const sent = sentCallbacks(first.action);
    assert.deepEqual(sent[0], kbaCreateCallback({ prompt: 'Choisissez', predefinedQuestions: ['Quelle est votre couleur préférée ?', EMPLOYER] }));
    const { state } = await runNode(kbaCreateNode, { services, callbacks: submit(sent, [answer(COLOR, 'bleu'), answer(EMPLOYER, 'ACME')]) });
    assert.deepEqual(state.transient, { objectAttributes: { securityAnswers: [{ questionId: '1', answer: 'bleu' }, { questionId: '2', answer: 'ACME' }] } });
  });

  it('re-sends with the values kept when a question repeats, a custom one restates a configured one, or an answer is empty', async () => {
    const cases: [string, string, string, string][] = [
      [COLOR, 'Blue', COLOR, 'Red'],
      ['My pet?', 'Rex', 'my PET', 'Tom'],
      ['whats your favorite COLOR', 'Blue', EMPLOYER, 'ACME'],
      [COLOR, '  ', EMPLOYER, 'ACME'],
      ['', 'Blue', EMPLOYER, 'ACME'],
    ];
    for (const [q1, a1, q2, a2] of cases) {
      const { action, state } = await define([answer(q1, a1), answer(q2, a2)]);
      assert.deepEqual(sentCallbacks(action), [blank({ question: q1.trim(), answer: a1.trim() }), blank({ question: q2.trim(), answer: a2.trim() })], `${q1} / ${q2}`);
      assert.deepEqual(state.transient, {});
    }
  });

  it('refuses custom questions when allowUserDefinedQuestions is false, and says so in the callback', async () => {
    const strict = { ...config, allowUserDefinedQuestions: false };
    const first = await runNode(kbaCreateNode, { config: strict });
    assert.deepEqual(sentCallbacks(first.action)[0], blank({ allowUserDefinedQuestions: false }));
    const { action } = await define([answer(COLOR, 'Blue'), answer('My pet?', 'Rex')], { config: strict });
    assert.deepEqual(sentCallbacks(action)[1], blank({ allowUserDefinedQuestions: false, question: 'My pet?', answer: 'Rex' }));
  });

  it('sends blank callbacks again on re-entry without values or with the wrong count, and rejects wrong types', async () => {
    const again = await runNode(kbaCreateNode, { config, callbacks: [] });
    assert.deepEqual(sentCallbacks(again.action), [blank(), blank()]);
    const sent = [blank(), blank()];
    const one = await runNode(kbaCreateNode, { config, callbacks: submit([blank()], [answer(COLOR, 'Blue')]) });
    assert.deepEqual(sentCallbacks(one.action), sent);
    const typed = await runNode(kbaCreateNode, { config, callbacks: submit(sent, [answer(COLOR, 42), answer(EMPLOYER, 'ACME')]) });
    assert.deepEqual(sentCallbacks(typed.action), [blank({ question: COLOR }), blank({ question: EMPLOYER, answer: 'ACME' })]);
    await assert.rejects(runNode(kbaCreateNode, { config: { allowUserDefinedQuestions: 'no' } }), /allowUserDefinedQuestions/);
  });

  it('passes through when the realm asks for no answers, with the default prompt otherwise', async () => {
    const none = await runNode(kbaCreateNode, { services: await realm({ minimumAnswersToDefine: 0, minimumAnswersToVerify: 0 }) });
    assert.deepEqual(none.action, goTo('outcome'));
    const defaults = await runNode(kbaCreateNode, { services: await realm({ minimumAnswersToDefine: 1 }) });
    assert.deepEqual(sentCallbacks(defaults.action), [kbaCreateCallback({ prompt: 'Select a security question.', predefinedQuestions: [COLOR, EMPLOYER] })]);
  });

  it('normalizes questions without non-word characters, in any script, lower-cased', () => {
    assert.equal(normalizeQuestion("What's your Favorite-Color?"), 'whatsyourfavoritecolor');
    assert.equal(normalizeQuestion('Quelle est votre couleur préférée ?'), 'quelleestvotrecouleurpréférée');
  });
});
