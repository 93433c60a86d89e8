/** `selfservice.kba`: IDM's documents parse, bad ones fail naming the field, defaults match the seed's Registration step. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configsWith } from '../../store/memory/testing/configs-with.ts';
import { isSelfServiceConfigError } from '../config-errors.ts';
import { defaultKbaConfig, installDefaultKbaConfig } from './default-kba-config.ts';
import { KBA_CONFIG_ID, parseKbaConfig, readKbaConfig } from './kba-config.ts';
import { localizedQuestions } from './localized-questions.ts';

const FIXTURES = new URL('../../../test/fixtures/forgerock/', import.meta.url);

function refusal(value: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => parseKbaConfig(value),
    (error: unknown) => isSelfServiceConfigError(error, 'INVALID_KBA_CONFIG') && error.field === field && message.test(error.message) && error.message.includes(field),
  );
}

describe('selfservice.kba', () => {
  it('parses IDM’s sample document, filling what IDM leaves out', () => {
    const sample: unknown = JSON.parse(readFileSync(new URL('idm-selfservice-config/selfservice.kba.json', FIXTURES), 'utf8'));
    assert.deepEqual(parseKbaConfig(sample), {
      kbaPropertyName: 'kbaInfo',
      minimumAnswersToDefine: 1,
      minimumAnswersToVerify: 1,
      questions: { '1': { en: "What's your favorite color?" } },
      numberOfAttemptsAllowed: 0,
    });
  });

  it('keeps the lockout fields and drops `_id` and unknown fields', () => {
    const config = parseKbaConfig({ ...defaultKbaConfig(), _id: KBA_CONFIG_ID, kbaAttemptsPropertyName: 'lastKbaAttempts', numberOfAttemptsAllowed: 5, extra: true });
    assert.equal(config.numberOfAttemptsAllowed, 5);
    assert.equal(config.kbaAttemptsPropertyName, 'lastKbaAttempts');
    assert.equal('_id' in config, false);
    assert.equal('extra' in config, false);
  });

  it('refuses bad documents with a message naming the field', () => {
    const valid = defaultKbaConfig();
    refusal([], '', /must be an object/);
    refusal({ ...valid, minimumAnswersToDefine: -1 }, 'minimumAnswersToDefine', /integer ≥ 0/);
    refusal({ ...valid, minimumAnswersToDefine: 1.5 }, 'minimumAnswersToDefine', /integer ≥ 0/);
    refusal({ ...valid, minimumAnswersToVerify: '1' }, 'minimumAnswersToVerify', /integer ≥ 0/);
    refusal({ ...valid, minimumAnswersToDefine: 1, minimumAnswersToVerify: 2 }, 'minimumAnswersToVerify', /must not exceed minimumAnswersToDefine/);
    refusal({ ...valid, questions: undefined }, 'questions', /must be an object/);
    refusal({ ...valid, questions: { '1': {} } }, 'questions.1', /at least one locale/);
    refusal({ ...valid, questions: { '1': { en: '  ' } } }, 'questions.1.en', /must not be empty/);
    refusal({ ...valid, questions: { '1': { 'not a locale': 'x' } } }, 'questions.1.not a locale', /is not a locale/);
    refusal({ ...valid, kbaPropertyName: 'kba/info' }, 'kbaPropertyName', /property name/);
    refusal({ ...valid, numberOfAttemptsAllowed: -3 }, 'numberOfAttemptsAllowed', /integer ≥ 0/);
  });

  it('defaults to the two questions of the seed’s Registration step, both to define, one to answer', () => {
    const step = JSON.parse(readFileSync(new URL('protocol/registration-first-step.json', FIXTURES), 'utf8')) as {
      callbacks: { type: string; output: { name: string; value: unknown }[] }[];
    };
    const kba = step.callbacks.filter((callback) => callback.type === 'KbaCreateCallback');
    const config = defaultKbaConfig();
    assert.equal(config.minimumAnswersToDefine, kba.length);
    assert.equal(config.minimumAnswersToVerify, 1);
    for (const callback of kba) {
      const offered = callback.output.find((output) => output.name === 'predefinedQuestions')?.value;
      assert.deepEqual(localizedQuestions(config.questions, ['en-US']).map((question) => question.text), offered);
    }
    assert.deepEqual(parseKbaConfig(config), config, 'the defaults are a valid document');
  });

  it('installs the defaults only when no document exists', async () => {
    const configs = await configsWith();
    assert.equal(await installDefaultKbaConfig(configs), true);
    assert.deepEqual(await readKbaConfig(configs), defaultKbaConfig());
    const mine = { ...defaultKbaConfig(), minimumAnswersToDefine: 3 };
    await configs.put(KBA_CONFIG_ID, mine);
    assert.equal(await installDefaultKbaConfig(configs), false);
    assert.deepEqual(await readKbaConfig(configs), mine);
  });

  it('reports a stored document that no longer parses instead of guessing', async () => {
    const configs = await configsWith({ [KBA_CONFIG_ID]: { questions: 'none' } });
    await assert.rejects(readKbaConfig(configs), { code: 'INVALID_KBA_CONFIG' });
    assert.equal(await readKbaConfig(await configsWith()), undefined);
  });
});
