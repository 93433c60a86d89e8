import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeKbaHash, fakeServices } from './fake-services.ts';

describe('fakeServices (self-service parts)', () => {
  it('creates users (password kept apart), patches nested paths and records terms', async () => {
    const services = fakeServices({ now: Date.UTC(2025, 0, 2) });
    const created = await services.identity.createUser('r', { userName: 'ann', password: 'pw', preferences: { updates: true } });
    assert.ok(created.ok);
    assert.deepEqual(created.user, { _id: 'new-1', _rev: '1', attributes: { userName: 'ann', preferences: { updates: true } }, meta: { createDate: '2025-01-02T00:00:00.000Z' }, hasPassword: true });
    assert.deepEqual(await services.identity.tryPatchUser('r', 'new-1', { 'preferences/marketing': false, password: 'pw2' }), { ok: true });
    assert.deepEqual(services.users[0]?.attributes['preferences'], { updates: true, marketing: false });
    assert.equal(services.users[0]?.password, 'pw2');
    assert.deepEqual(await services.identity.tryPatchUser('r', 'nobody', {}), { ok: false, message: 'Not Found' });
    await services.identity.recordTermsAccepted('r', 'new-1', { acceptDate: 'd', termsVersion: '1' });
    assert.deepEqual(services.users[0]?.meta?.['termsAccepted'], { acceptDate: 'd', termsVersion: '1' });
    await assert.rejects(services.identity.recordTermsAccepted('r', 'nobody', { acceptDate: 'd', termsVersion: '1' }), /no user nobody/);
  });

  it('refuses creation and patches when told to', async () => {
    const services = fakeServices({ createRefusal: () => 'Policy validation failed', patchRefusal: () => 'nope', users: [{ _id: 'u1', attributes: {} }] });
    assert.deepEqual(await services.identity.createUser('r', { userName: 'x' }), { ok: false, message: 'Policy validation failed' });
    assert.deepEqual(await services.identity.tryPatchUser('r', 'u1', { a: 1 }), { ok: false, message: 'nope' });
    assert.deepEqual(services.users[0]?.attributes, {});
  });

  it('walks nested schema properties and returns the required list', async () => {
    const services = fakeServices({ schema: { preferences: { type: 'object', properties: { updates: { type: 'boolean' } } } }, required: ['userName'] });
    assert.deepEqual(await services.identity.schemaProperty('r', 'preferences/updates'), { type: 'boolean' });
    assert.equal(await services.identity.schemaProperty('r', 'preferences/none'), undefined);
    assert.deepEqual((await services.identity.schema('r')).required, ['userName']);
  });

  it('hashes KBA answers recognisably, verifies them case-insensitively and counts failures to the lockout', async () => {
    const services = fakeServices({ users: [{ _id: 'u1', attributes: {} }], kba: { numberOfAttemptsAllowed: 2 } });
    const stored = await services.kba.hashAnswer(' Blue ');
    assert.deepEqual(stored, fakeKbaHash('blue'));
    assert.equal(await services.kba.verifyAnswer(stored, 'BLUE'), true);
    assert.equal(await services.kba.verifyAnswer('blue', 'blue'), false, 'a clear answer never verifies');
    assert.equal(await services.kba.recordFailure('r', 'u1'), false);
    assert.equal(await services.kba.recordFailure('r', 'u1'), true);
    assert.equal(await services.kba.isLocked('r', 'u1'), true);
    await services.kba.reset('r', 'u1');
    assert.equal(await services.kba.isLocked('r', 'u1'), false);
  });

  it('records emails (not for disabled templates) and CAPTCHA checks, and serves terms and consent', async () => {
    const terms = { version: '1', terms: 't', html: '<p>t</p>', createDate: 'd' };
    const services = fakeServices({ disabledTemplates: ['off'], terms, consentMappings: [], captcha: () => ({ success: false }) });
    assert.deepEqual(await services.email.sendTemplate('welcome', 'a@b.c', { x: 1 }, ['en']), { queued: true });
    assert.deepEqual(await services.email.sendTemplate('off', 'a@b.c', {}, ['en']), { queued: false });
    assert.deepEqual(services.emails, [{ template: 'welcome', to: 'a@b.c', object: { x: 1 }, locales: ['en'] }]);
    assert.deepEqual(await services.captcha.verify({ verifyUrl: 'u', secret: 's', response: 'r', remoteIp: 'i' }), { success: false });
    assert.equal(services.captchaRequests.length, 1);
    assert.deepEqual(await services.terms.active(['en']), terms);
    assert.deepEqual(await fakeServices().terms.active(['en']), undefined);
    assert.deepEqual(await services.consent.mappings(['en']), []);
  });
});
