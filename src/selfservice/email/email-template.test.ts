import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configsWith } from '../../store/memory/testing/configs-with.ts';
import { defaultEmailTemplates, installDefaultEmailTemplates } from './default-email-templates.ts';
import { parseEmailTemplate, readEmailTemplate, templateConfigId } from './email-template.ts';
import { isEmailError } from './errors.ts';

const SAMPLES = new URL('../../../test/fixtures/forgerock/idm-selfservice-config/', import.meta.url);

function rejects(value: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => parseEmailTemplate(value),
    (error) => isEmailError(error, 'INVALID_EMAIL_TEMPLATE') && error.field === field && message.test(error.message),
    `expected an error on ${field}`,
  );
}

const minimal = { subject: { en: 'Hi' }, message: { en: '<p>{{object.userName}}</p>' } };

describe('parseEmailTemplate', () => {
  it("accepts ForgeRock's five sample templates as they are", () => {
    const files = readdirSync(SAMPLES).filter((name) => name.startsWith('emailTemplate-'));
    assert.equal(files.length, 5);
    for (const file of files) {
      const document: unknown = JSON.parse(readFileSync(new URL(file, SAMPLES), 'utf8'));
      assert.deepEqual(parseEmailTemplate(document), document, file);
    }
  });

  it('fills the defaults IDM implies: enabled, from "", defaultLocale en, text/html; keeps unknown fields', () => {
    assert.deepEqual(parseEmailTemplate({ ...minimal, _id: 'emailTemplate/x', vendor: 1 }), {
      ...minimal,
      vendor: 1,
      enabled: true,
      from: '',
      defaultLocale: 'en',
      mimeType: 'text/html',
    });
  });

  it('names the field at fault', () => {
    rejects('x', '', /JSON object/);
    rejects({ message: { en: 'x' } }, 'subject', /subject is required/);
    rejects({ subject: { en: 'x' } }, 'message', /message is required/);
    rejects({ ...minimal, message: {} }, 'message', /at least one locale/);
    rejects({ ...minimal, message: { en: 3 } }, 'message.en', /message.en must be a string/);
    rejects({ ...minimal, subject: { 'not a locale': 'x' } }, 'subject.not a locale', /invalid locale key/);
    rejects({ ...minimal, message: { en: 'ok', fr: '{{#if object.x}}unclosed' } }, 'message.fr', /message.fr is not a valid template/);
    rejects({ ...minimal, subject: { en: '{{shout object.x}}' } }, 'subject.en', /subject.en is not a valid template/);
    rejects({ ...minimal, enabled: 'yes' }, 'enabled', /enabled must be true or false/);
    rejects({ ...minimal, mimeType: 'application/pdf' }, 'mimeType', /text\/html or text\/plain/);
    rejects({ ...minimal, defaultLocale: '??' }, 'defaultLocale', /not a locale/);
    rejects({ ...minimal, from: 'someone' }, 'from', /email address/);
    rejects({ ...minimal, html: { en: 1 } }, 'html.en', /must be a string/);
    rejects({ ...minimal, styles: [] }, 'styles', /styles must be a string/);
  });

  it('template names are 1–64 letters, digits, - or _', () => {
    assert.equal(templateConfigId('resetPassword'), 'emailTemplate/resetPassword');
    assert.equal(templateConfigId('a_b-C9'), 'emailTemplate/a_b-C9');
    for (const bad of ['', 'a/b', '../x', 'x'.repeat(65), 'é', 'a b']) {
      assert.throws(() => templateConfigId(bad), (error) => isEmailError(error, 'INVALID_TEMPLATE_NAME'), bad);
    }
  });
});

describe('default email templates', () => {
  it('are the five IDM names, enabled, sender from external.email, valid, with a link where IDM has one', () => {
    const defaults = defaultEmailTemplates();
    assert.deepEqual(Object.keys(defaults).sort(), ['forgottenUsername', 'registration', 'resetPassword', 'updatePassword', 'welcome']);
    for (const [name, template] of Object.entries(defaults)) {
      assert.deepEqual(parseEmailTemplate(template), template, name);
      assert.equal(template.enabled, true);
      assert.equal(template.from, '');
      assert.deepEqual(Object.keys(template.message), ['en', 'fr', 'nl', 'de']);
      assert.deepEqual(Object.keys(template.subject), ['en', 'fr', 'nl', 'de']);
      const linked = name !== 'welcome';
      for (const body of Object.values(template.message)) assert.equal(body.includes('{{object.resumeURI}}'), linked, name);
    }
  });

  it('installDefaultEmailTemplates writes the missing ones only, never overwriting', async () => {
    const configs = await configsWith();
    const mine = { ...minimal, enabled: false };
    await configs.put('emailTemplate/welcome', mine);
    assert.deepEqual(await installDefaultEmailTemplates(configs), ['forgottenUsername', 'registration', 'resetPassword', 'updatePassword']);
    assert.deepEqual(await configs.get('emailTemplate/welcome'), mine);
    assert.equal((await readEmailTemplate(configs, 'resetPassword'))?.subject.fr, 'Réinitialisez votre mot de passe');
    assert.deepEqual(await installDefaultEmailTemplates(configs), []);
  });
});
