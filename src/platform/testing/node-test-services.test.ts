import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from './node-test-services.ts';

describe('nodeTestServices', () => {
  it('gives nodes the real services on the default configuration, seeded users signing in with their password', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob' }, password: 'Secret12!' }] });
    const found = await t.services.identity.findUser('managed/alpha_user', 'userName', 'BOB');
    assert.equal(found?._id, 'u1');
    const check = async (password: string) => (await t.services.credentials.checkPassword('managed/alpha_user', 'bob', password, '192.0.2.1')).outcome;
    assert.equal(await check('Secret12!'), 'verified');
    assert.equal(await check('wrong'), 'wrong');
    assert.match(String((await t.stored('u1'))?.data.password), /^\$argon2id\$/);
    assert.deepEqual(t.callNames(), ['identity.findUser', 'credentials.checkPassword', 'credentials.checkPassword']);
    assert.ok((await t.services.kba.settings()).minimumAnswersToDefine > 0, 'the default security questions are installed');
    assert.ok((await t.services.terms.active(['en'])) !== undefined, 'the default terms are installed');
  });

  it('locks by the alpha realm settings given, on the clock the test moves', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob' } }], lockout: { failureCount: 2, durationMinutes: 1 } });
    await t.services.lockout.recordFailure('managed/alpha_user', 'u1');
    assert.equal((await t.services.lockout.recordFailure('managed/alpha_user', 'u1')).locked, true);
    assert.equal(await t.services.lockout.isLocked('managed/alpha_user', 'u1'), true);
    t.clock.advance(61_000);
    assert.equal(await t.services.lockout.isLocked('managed/alpha_user', 'u1'), false);
  });

  it('queues templated email in the outbox and answers CAPTCHA verifications as the provider given', async () => {
    const t = await nodeTestServices({ captcha: (request) => ({ success: request.response === 'good' }) });
    assert.deepEqual(await t.services.email.sendTemplate('resetPassword', 'bob@example.com', { resumeURI: 'http://x/' }, ['en']), { queued: true });
    assert.deepEqual((await t.outbox()).map((message) => message.message.to), [['bob@example.com']]);
    const request = { verifyUrl: 'https://captcha.example/verify', secret: { sealed: t.sealer.seal('s', 'captcha test'), purpose: 'captcha test' }, response: 'good', remoteIp: '10.0.0.1' };
    assert.deepEqual(await t.services.captcha.verify(request), { success: true });
    assert.deepEqual(await t.services.captcha.verify({ ...request, response: 'bad' }), { success: false });
    assert.deepEqual(t.captchaRequests[0], { url: 'https://captcha.example/verify', secret: 's', response: 'good', remoteip: '10.0.0.1' });
  });
});
