/** `selfservice.terms`: IDM's documents parse, bad ones fail naming the field, the default is the seed's version "0.0". */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configsWith } from '../../store/memory/testing/configs-with.ts';
import { isSelfServiceConfigError } from '../config-errors.ts';
import { DEFAULT_TERMS_TEXT, DEFAULT_TERMS_TRANSLATIONS, defaultTermsConfig, installDefaultTerms } from './default-terms.ts';
import type { TermsConfig } from './terms-config.ts';
import { parseTermsConfig, readTermsConfig, TERMS_CONFIG_ID } from './terms-config.ts';

const FIXTURES = new URL('../../../test/fixtures/forgerock/', import.meta.url);
const DRAFT = { version: '2.0', termsTranslations: { en: '# New terms' }, createDate: '2024-01-02T03:04:05Z', status: 'draft' };

function refusal(value: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => parseTermsConfig(value),
    (error: unknown) => isSelfServiceConfigError(error, 'INVALID_TERMS_CONFIG') && error.field === field && message.test(error.message) && error.message.includes(field),
  );
}

describe('selfservice.terms', () => {
  it('parses IDM’s sample document: a version without status is published', () => {
    const sample: unknown = JSON.parse(readFileSync(new URL('idm-selfservice-config/selfservice.terms.json', FIXTURES), 'utf8'));
    const config = parseTermsConfig(sample);
    assert.equal(config.active, '0.0');
    assert.equal(config.versions.length, 1);
    assert.equal(config.versions[0]?.status, undefined);
  });

  it('keeps drafts, uiConfig, and no active version', () => {
    const config: TermsConfig = parseTermsConfig({ versions: [DRAFT], uiConfig: { buttonText: 'Accept' } });
    assert.deepEqual(config, { versions: [DRAFT], uiConfig: { buttonText: 'Accept' } });
    assert.equal(parseTermsConfig({ versions: [], active: '' }).active, undefined);
  });

  it('refuses bad documents with a message naming the field', () => {
    const published = defaultTermsConfig().versions[0];
    refusal({ active: '0.0' }, 'versions', /must be an array/);
    refusal({ versions: [published, { ...DRAFT, version: '0.0' }] }, 'versions[1].version', /repeats version "0.0"/);
    refusal({ versions: [{ ...DRAFT, version: '' }] }, 'versions[0].version', /must not be empty/);
    refusal({ versions: [{ ...DRAFT, termsTranslations: {} }] }, 'versions[0].termsTranslations', /at least one locale/);
    refusal({ versions: [{ ...DRAFT, termsTranslations: { en: 42 } }] }, 'versions[0].termsTranslations.en', /must be a string/);
    refusal({ versions: [{ ...DRAFT, createDate: 'yesterday' }] }, 'versions[0].createDate', /ISO timestamp/);
    refusal({ versions: [{ ...DRAFT, status: 'active' }] }, 'versions[0].status', /"draft" or "published"/);
    refusal({ versions: [{ ...DRAFT, status: 'published', termsTranslations: { en: ' ' } }] }, 'versions[0].termsTranslations', /must have a text/);
    refusal({ versions: [published], active: '9.9' }, 'active', /"9.9", which does not exist/);
    refusal({ versions: [published, DRAFT], active: '2.0' }, 'active', /is a draft: publish it first/);
    refusal({ versions: [published], uiConfig: 'Accept' }, 'uiConfig', /must be an object/);
  });

  it('defaults to version "0.0", active, with exactly the seed’s Lorem ipsum text and date', () => {
    const step = JSON.parse(readFileSync(new URL('protocol/registration-first-step.json', FIXTURES), 'utf8')) as {
      callbacks: { type: string; output: { name: string; value: unknown }[] }[];
    };
    const outputs = step.callbacks.find((callback) => callback.type === 'TermsAndConditionsCallback')?.output ?? [];
    const value = (name: string) => outputs.find((output) => output.name === name)?.value;
    const config = defaultTermsConfig();
    assert.equal(config.active, value('version'));
    assert.deepEqual(config.versions, [{ version: value('version'), termsTranslations: { en: value('terms'), ...DEFAULT_TERMS_TRANSLATIONS }, createDate: value('createDate') }]);
    assert.equal(DEFAULT_TERMS_TEXT, value('terms'));
    assert.deepEqual(parseTermsConfig(config), config, 'the default is a valid document');
  });

  it('installs the default only when no document exists', async () => {
    const configs = await configsWith();
    assert.equal(await installDefaultTerms(configs), true);
    assert.deepEqual(await readTermsConfig(configs), defaultTermsConfig());
    await configs.put(TERMS_CONFIG_ID, { versions: [DRAFT] });
    assert.equal(await installDefaultTerms(configs), false);
    assert.deepEqual(await readTermsConfig(configs), { versions: [DRAFT] });
  });
});
