/** The terms gateway: the active version in the best locale, Markdown and sanitized HTML. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configsWith } from '../../store/memory/testing/configs-with.ts';
import { DEFAULT_TERMS_TEXT, defaultTermsConfig } from './default-terms.ts';
import { TERMS_CONFIG_ID } from './terms-config.ts';
import { createTermsGateway } from './terms-gateway.ts';

const TWO_VERSIONS = {
  versions: [
    ...defaultTermsConfig().versions,
    { version: '1.0', termsTranslations: { en: '# Terms\n\nBe nice.', fr: '# Conditions\n\nSoyez gentils.' }, createDate: '2025-01-01T00:00:00Z', status: 'published' },
    { version: '2.0', termsTranslations: { en: '# Draft' }, createDate: '2025-06-01T00:00:00Z', status: 'draft' },
  ],
  active: '1.0',
};

describe('terms gateway', () => {
  it('serves the default terms as the seed’s callback shows them', async () => {
    const terms = createTermsGateway({ configs: await configsWith({ [TERMS_CONFIG_ID]: defaultTermsConfig() }) });
    assert.deepEqual(await terms.active(['en-US']), { version: '0.0', terms: DEFAULT_TERMS_TEXT, html: `<p>${DEFAULT_TERMS_TEXT}</p>\n`, createDate: '2019-10-28T04:20:11.320Z' });
  });

  it('serves the active version in the best locale, falling back to en', async () => {
    const terms = createTermsGateway({ configs: await configsWith({ [TERMS_CONFIG_ID]: TWO_VERSIONS }) });
    const french = await terms.active(['fr-BE', 'en']);
    assert.equal(french?.version, '1.0');
    assert.equal(french?.terms, '# Conditions\n\nSoyez gentils.');
    assert.equal(french?.html, '<h1 id="conditions">Conditions</h1>\n<p>Soyez gentils.</p>\n');
    assert.equal((await terms.active(['de']))?.terms, '# Terms\n\nBe nice.');
  });

  it('follows changes of the document and answers undefined when nothing is active', async () => {
    const configs = await configsWith({ [TERMS_CONFIG_ID]: TWO_VERSIONS });
    const terms = createTermsGateway({ configs });
    await configs.put(TERMS_CONFIG_ID, { ...TWO_VERSIONS, active: '0.0' });
    assert.equal((await terms.active([]))?.version, '0.0');
    await configs.put(TERMS_CONFIG_ID, { versions: TWO_VERSIONS.versions });
    assert.equal(await terms.active([]), undefined);
    assert.equal(await createTermsGateway({ configs: await configsWith() }).active([]), undefined);
  });
});
