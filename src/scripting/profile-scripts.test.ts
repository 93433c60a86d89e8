import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScriptRunner } from './script-runner.ts';
import { jsScript, runRecorded } from './testing/script-fixtures.ts';

const runner = createScriptRunner();

const RAW = { sub: '1234', name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace', email: 'ada@example.com', picture: 'https://example.com/a.png' };

// The shape of AM's and Identity Cloud's JavaScript "Social Identity Provider Profile Transformation" scripts.
const LEGACY_NORMALIZATION = `
(function () {
  var frJava = JavaImporter(org.forgerock.json.JsonValue);
  var normalizedProfileData = frJava.JsonValue.json(frJava.JsonValue.object());
  normalizedProfileData.put('id', rawProfile.get('sub'));
  normalizedProfileData.put('displayName', rawProfile.get('name').asString());
  normalizedProfileData.put('givenName', rawProfile.get('given_name'));
  normalizedProfileData.put('familyName', rawProfile.get('family_name'));
  normalizedProfileData.put('email', rawProfile.get('email'));
  normalizedProfileData.put('username', rawProfile.get('email'));
  if (rawProfile.isDefined('locale') && rawProfile.get('locale').isNotNull()) normalizedProfileData.put('locale', rawProfile.get('locale'));
  normalizedProfileData.put('provider', selectedIdp);
  return normalizedProfileData;
}());`;

// "Normalized Profile to Managed User", legacy: nested JsonValue reads, state writes.
const LEGACY_TO_MANAGED_USER = `
(function () {
  var frJava = JavaImporter(org.forgerock.json.JsonValue);
  var managedUserData = frJava.JsonValue.json(frJava.JsonValue.object());
  managedUserData.put('givenName', normalizedProfile.get('givenName'));
  managedUserData.put('sn', normalizedProfile.get('familyName'));
  managedUserData.put('mail', normalizedProfile.get('email'));
  managedUserData.put('userName', normalizedProfile.get('username'));
  if (normalizedProfile.get('postalAddress').isNotNull()) managedUserData.put('postalAddress', normalizedProfile.get('postalAddress'));
  if (normalizedProfile.get('givenName').isNull() || normalizedProfile.get('givenName').asString().trim().length === 0) sharedState.put('nameEmptyOrNull', true);
  managedUserData.put('aliasList', frJava.JsonValue.array(selectedIdp + '-' + normalizedProfile.get('id').asString()));
  return managedUserData;
}());`;

describe('social profile scripts (evaluator 1.0 and 2.0)', () => {
  it('a legacy normalization script builds AM’s JsonValue from rawProfile and its completion value is the result', async () => {
    const { output } = await runRecorded(runner, jsScript(LEGACY_NORMALIZATION), { data: { documents: { rawProfile: RAW }, values: { selectedIdp: 'google' }, collectResult: true } });
    assert.deepEqual(output.result, { id: '1234', displayName: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com', username: 'ada@example.com', provider: 'google' });
  });

  it('a legacy transformation script reads absent fields as null JsonValues and writes sharedState', async () => {
    const { output } = await runRecorded(runner, jsScript(LEGACY_TO_MANAGED_USER), {
      data: { documents: { normalizedProfile: { id: '1234', givenName: ' ', familyName: 'Lovelace', email: 'ada@example.com', username: 'ada' } }, values: { selectedIdp: 'google' }, collectResult: true },
    });
    assert.deepEqual(output.result, { givenName: ' ', sn: 'Lovelace', mail: 'ada@example.com', userName: 'ada', aliasList: ['google-1234'] });
    assert.equal(output.shared.nameEmptyOrNull, true);
  });

  it('a next-generation script reads rawProfile as a plain object (get or properties) and returns a plain object', async () => {
    const source = `(function () { return { id: rawProfile.get('sub'), displayName: rawProfile.name, email: rawProfile.get('email'), missing: rawProfile.get('nope') }; })();`;
    const { output } = await runRecorded(runner, jsScript(source, { version: '2.0' }), { data: { documents: { rawProfile: RAW }, collectResult: true } });
    assert.deepEqual(output.result, { id: '1234', displayName: 'Ada Lovelace', email: 'ada@example.com', missing: null });
  });

  it('the script cannot change the profile it was given behind the host’s back, and a script that returns nothing gives null', async () => {
    const source = `rawProfile.put('sub', 'changed'); undefined;`;
    const { output } = await runRecorded(runner, jsScript(source), { data: { documents: { rawProfile: RAW }, collectResult: true } });
    assert.equal(output.result, null);
    assert.equal(RAW.sub, '1234');
  });

  it('JsonValue.object and field build objects as Groovy-era scripts ported to JavaScript do', async () => {
    const source = `var J = org.forgerock.json.JsonValue; J.json(J.object(J.field('id', rawProfile.get('sub')), J.field('tags', J.array('a', 'b'))));`;
    const { output } = await runRecorded(runner, jsScript(source), { data: { documents: { rawProfile: RAW }, collectResult: true } });
    assert.deepEqual(output.result, { id: '1234', tags: ['a', 'b'] });
  });

  it('without collectResult a decision script’s completion value is not part of the output', async () => {
    const { output } = await runRecorded(runner, jsScript(`outcome = 'true'; ({ big: 'value' });`));
    assert.equal(output.outcome, 'true');
    assert.equal(Object.hasOwn(output, 'result'), false);
  });
});
