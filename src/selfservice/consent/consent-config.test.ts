/** The consent document: validation naming the field, and the gateway presenting consent-enabled mappings only. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configsWith } from '../../store/memory/testing/configs-with.ts';
import { isSelfServiceConfigError } from '../config-errors.ts';
import { CONSENT_CONFIG_ID, parseConsentConfig } from './consent-config.ts';
import { createConsentGateway } from './consent-gateway.ts';

const MARKETING = {
  name: 'managedUser_systemCrm',
  displayName: 'CRM',
  icon: 'handshake',
  accessLevel: 'Actively Shared',
  message: { en: 'We share your name with our CRM.', fr: 'Nous partageons votre nom avec notre CRM.' },
  fields: ['givenName', 'sn', 'mail'],
  consentRequired: true,
};
const ANALYTICS = { name: 'managedUser_analytics', displayName: 'Analytics', consentRequired: false };

function refusal(value: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => parseConsentConfig(value),
    (error: unknown) => isSelfServiceConfigError(error, 'INVALID_CONSENT_CONFIG') && error.field === field && message.test(error.message) && error.message.includes(field),
  );
}

describe('consent configuration', () => {
  it('parses mappings, filling optional fields; IDM’s bare {enabled} switch is a valid document', () => {
    assert.deepEqual(parseConsentConfig({ mappings: [MARKETING, ANALYTICS] }), {
      enabled: true,
      mappings: [MARKETING, { ...ANALYTICS, icon: '', accessLevel: '', message: {}, fields: [] }],
    });
    assert.deepEqual(parseConsentConfig({ enabled: false }), { enabled: false, mappings: [] });
    assert.equal(parseConsentConfig({ mappings: [{ name: 'm' }] }).mappings[0]?.displayName, 'm');
  });

  it('refuses bad documents with a message naming the field', () => {
    refusal({ mappings: {} }, 'mappings', /must be an array/);
    refusal({ enabled: 'yes' }, 'enabled', /true or false/);
    refusal({ mappings: [{ displayName: 'x' }] }, 'mappings[0].name', /must be a string/);
    refusal({ mappings: [{ name: 'a b' }] }, 'mappings[0].name', /letters, digits/);
    refusal({ mappings: [MARKETING, MARKETING] }, 'mappings[1].name', /repeats mapping/);
    refusal({ mappings: [{ ...MARKETING, fields: ['mail', 3] }] }, 'mappings[0].fields[1]', /must be a string/);
    refusal({ mappings: [{ ...MARKETING, consentRequired: 'true' }] }, 'mappings[0].consentRequired', /true or false/);
    refusal({ mappings: [{ ...MARKETING, message: 'hello' }] }, 'mappings[0].message', /must be an object/);
  });
});

describe('consent gateway', () => {
  it('presents only the mappings that require consent, with the message in the best locale', async () => {
    const consent = createConsentGateway({ configs: await configsWith({ [CONSENT_CONFIG_ID]: { mappings: [MARKETING, ANALYTICS] } }) });
    const { consentRequired: _, message: __, ...shown } = MARKETING;
    assert.deepEqual(await consent.mappings(['fr-FR']), [{ ...shown, message: 'Nous partageons votre nom avec notre CRM.' }]);
    assert.equal((await consent.mappings(['nl']))[0]?.message, 'We share your name with our CRM.');
  });

  it('presents nothing without a document or when consent is switched off', async () => {
    assert.deepEqual(await createConsentGateway({ configs: await configsWith() }).mappings(['en']), []);
    const off = await configsWith({ [CONSENT_CONFIG_ID]: { enabled: false, mappings: [MARKETING] } });
    assert.deepEqual(await createConsentGateway({ configs: off }).mappings(['en']), []);
  });
});
