/**
 * The English defaults Arbor sends reach the pages in the page's language: every default prompt
 * and message of its nodes, the default user schema's titles and every text of its default
 * journeys is in the table, and a journey's own text is shown as sent.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultUserObject } from '../identity/default-user-schema.ts';
import { usernameMessage } from '../journeys/nodes/display-user-name-node.ts';
import { LOCKED_OUT_MESSAGE } from '../journeys/nodes/data-store-decision-node.ts';
import { DEFAULT_SUSPEND_MESSAGE } from '../journeys/nodes/email-suspend-node.ts';
import { KBA_LOCKED_MESSAGE } from '../journeys/nodes/kba-verify-node.ts';
import { ONE_TIME_PASSWORD_PROMPT } from '../journeys/nodes/otp/one-time-password-collector-decision-node.ts';
import { defaultKbaConfig } from '../selfservice/kba/default-kba-config.ts';
import { defaultTermsConfig } from '../selfservice/terms/default-terms.ts';
import { loginText } from './i18n/login-messages.ts';
import { knownTextOf, pageText } from './known-texts.ts';

const TREES = new URL('../journeys/trees/defaults/', import.meta.url);

/** Every English text of the default journeys' locale maps (`{"en": "…"}`). */
function defaultJourneyTexts(): string[] {
  const texts = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'en' && typeof inner === 'string') texts.add(inner);
        else walk(inner);
      }
    }
  };
  for (const realm of readdirSync(TREES)) {
    for (const file of readdirSync(new URL(`${realm}/`, TREES))) walk(JSON.parse(readFileSync(new URL(`${realm}/${file}`, TREES), 'utf8')));
  }
  return [...texts];
}

describe('Arbor’s English defaults on the pages', () => {
  it('knows every prompt and message of Arbor’s nodes and engine', () => {
    const defaults = ['User Name', 'Password', 'Login failure', 'New password', 'Confirm password', 'Select a security question.', 'Privacy & Consent.', 'Default message', 'Yes', 'No', 'The passwords do not match.'];
    defaults.push(DEFAULT_SUSPEND_MESSAGE, ONE_TIME_PASSWORD_PROMPT, LOCKED_OUT_MESSAGE, KBA_LOCKED_MESSAGE, usernameMessage('omar'), 'Password must be at least 8 characters long.');
    for (const text of defaults) assert.ok(knownTextOf(text) !== undefined, text);
  });

  it('knows the titles the default user schema gives the fields journeys collect', () => {
    const properties = defaultUserObject('alpha_user').schema.properties ?? {};
    for (const name of ['userName', 'password', 'givenName', 'sn', 'mail', 'telephoneNumber', 'postalAddress', 'city', 'postalCode', 'country', 'stateProvince', 'description']) {
      const title = properties[name]?.title;
      assert.ok(typeof title === 'string' && knownTextOf(title) !== undefined, `${name}: ${String(title)}`);
    }
    for (const text of ['Send me news and updates', 'Send me special offers and services']) assert.ok(knownTextOf(text) !== undefined, text);
  });

  it('knows every text of the default journeys', () => {
    const texts = defaultJourneyTexts();
    assert.ok(texts.length > 10);
    for (const text of texts) assert.ok(knownTextOf(text) !== undefined, text);
  });

  it('shows a known default in the page’s language, with its values, and anything else as sent', () => {
    assert.equal(pageText('User Name', loginText('fr')), 'Nom d’utilisateur');
    assert.equal(pageText('Email Address', loginText('nl')), 'E-mailadres');
    assert.equal(pageText('Login failure', loginText('de')), 'Anmeldung fehlgeschlagen');
    assert.equal(pageText(usernameMessage('Zoë {x}'), loginText('de')), 'Ihr Benutzername lautet: Zoë {x}');
    assert.equal(pageText('Password must be at least 12 characters long.', loginText('fr')), 'Le mot de passe doit comporter au moins 12 caractères.');
    assert.equal(pageText('User Name', loginText('en')), 'User Name');
    assert.equal(pageText('Votre code secret', loginText('de')), 'Votre code secret');
    assert.equal(pageText('User Name ', loginText('fr')), 'User Name ', 'only an exact default is translated');
  });

  it('has the default security questions and terms in every page language', () => {
    for (const question of Object.values(defaultKbaConfig().questions)) assert.deepEqual(Object.keys(question).sort(), ['de', 'en', 'fr', 'nl']);
    assert.deepEqual(Object.keys(defaultTermsConfig().versions[0]?.termsTranslations ?? {}).sort(), ['de', 'en', 'fr', 'nl']);
  });
});
