/**
 * The small platform nodes through the ForgeRock SDK on a real server: a sign-in journey with
 * Timer Start, Identity Store Decision (right and wrong password), Account Active Decision, Polling
 * Wait (the SDK sees the wait; answering after it moves on), State Metadata (the data the SDK
 * reads), Timer Stop and Set Success Details (fields of the success JSON); its failure branch
 * with Set Failure Details (message and `detail` of the 401); and a Zero Page Login journey
 * signed in with the X-OpenAM headers alone.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { FRStep } from '@forgerock/javascript-sdk';
import { addUser, asFailure, asStep, asSuccess, buildJourney, callbackTypes, importJourneyJson, startStep, submitCredentials, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const PASSWORD = 'Secret-Passw0rd';

/** The sign-in journey with every platform node on its way. */
const platformJourney = buildJourney('PlatformNodes', 'managed/alpha_user', [
  { key: 'timerStart', type: 'TimerStartNode', config: { startTimeProperty: 'TimerNodeStartTime' }, connections: { outcome: 'page' } },
  {
    key: 'page',
    type: 'PageNode',
    config: { pageHeader: { en: 'Sign In' }, pageDescription: {}, stage: '' },
    children: [{ key: 'name', type: 'UsernameCollectorNode' }, { key: 'password', type: 'PasswordCollectorNode' }],
    connections: { outcome: 'identityStore' },
  },
  { key: 'identityStore', type: 'IdentityStoreDecisionNode', config: { minimumPasswordLength: 8, useUniversalIdForUsername: false, mixedCaseForPasswordChangeMessages: false }, connections: { TRUE: 'active', FALSE: 'failureDetails', LOCKED: 'failure', CANCELLED: 'failure', EXPIRED: 'failure' } },
  { key: 'failureDetails', type: 'SetFailureDetailsNode', config: { failureMessage: { en: 'Wrong username or password' }, failureDetails: { Reason: 'bad credentials', retryable: 'true' } }, connections: { outcome: 'failure' } },
  { key: 'active', type: 'AccountActiveDecisionNode', connections: { true: 'wait', false: 'failure' } },
  { key: 'wait', type: 'PollingWaitNode', config: { secondsToWait: 1, spamDetectionEnabled: false, spamDetectionTolerance: 3, waitingMessage: { en: 'Checking your account ({{time}} s)' }, exitable: false, exitMessage: {} }, connections: { DONE: 'metadata' } },
  { key: 'metadata', type: 'MetadataNode', config: { attributes: ['username', 'TimerNodeStartTime'] }, connections: { outcome: 'timerStop' } },
  { key: 'timerStop', type: 'TimerStopNode', config: { startTimeProperty: 'TimerNodeStartTime', metricKey: 'platform.signin' }, connections: { outcome: 'successDetails' } },
  { key: 'successDetails', type: 'SetSuccessDetailsNode', config: { successDetails: { authMethod: 'password', flags: '{"mfa":false}', tokenId: 'never' }, sessionProperties: {}, headerControl: {} }, connections: { outcome: 'success' } },
]);

/** Zero Page Login, then the identity store: no page at all when the headers are right. */
const zeroPageJourney = buildJourney('ZeroPage', 'managed/alpha_user', [
  { key: 'zpl', type: 'ZeroPageLoginNode', config: { usernameHeader: 'X-OpenAM-Username', passwordHeader: 'X-OpenAM-Password', allowWithoutReferer: true, referrerWhiteList: [] }, connections: { true: 'check', false: 'failure' } },
  { key: 'check', type: 'IdentityStoreDecisionNode', connections: { TRUE: 'success', FALSE: 'failure', LOCKED: 'failure', CANCELLED: 'failure', EXPIRED: 'failure' } },
]);

describe('platform nodes through the ForgeRock SDK', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await addUser(server, 'alpha', 'petra', PASSWORD);
    await addUser(server, 'alpha', 'ivan', PASSWORD, { accountStatus: 'inactive' });
    const imported = await importJourneyJson(server, { trees: { PlatformNodes: platformJourney, ZeroPage: zeroPageJourney } }, 'alpha');
    assert.equal(imported.code, 0, imported.err);
  });

  after(async () => {
    await server.close();
  });

  it('signs in through the wait, the metadata and the timers, with the success details in the success JSON', async () => {
    useTree(server, 'PlatformNodes');
    const waiting = asStep(await submitCredentials(await startStep(), 'petra', PASSWORD));
    assert.deepEqual(callbackTypes(waiting), ['PollingWaitCallback']);
    const wait = waiting.getCallbackOfType<FRStep>(CallbackType.PollingWaitCallback);
    assert.equal(wait.getWaitTime(), 1000);
    assert.equal(wait.getMessage(), 'Checking your account (1 s)');

    await sleep(wait.getWaitTime() + 100);
    const metadataStep = asStep(await FRAuth.next(waiting));
    assert.deepEqual(callbackTypes(metadataStep), ['MetadataCallback']);
    const data = metadataStep.getCallbackOfType<FRStep>(CallbackType.MetadataCallback).getData() as Record<string, unknown>;
    assert.equal(data['username'], 'petra');
    assert.equal(typeof data['TimerNodeStartTime'], 'number', 'Timer Start wrote the start time (epoch ms)');
    assert.ok(Date.now() - Number(data['TimerNodeStartTime']) >= 1000, 'the timer started before the wait');

    const success = asSuccess(await FRAuth.next(metadataStep));
    const body = success.payload as Record<string, unknown>;
    assert.equal(body['authMethod'], 'password');
    assert.deepEqual(body['flags'], { mfa: false });
    assert.equal(typeof body['tokenId'], 'string');
    assert.notEqual(body['tokenId'], 'never', 'a detail never replaces the session token');
    assert.equal(body['realm'], '/alpha');
    assert.equal(typeof body['successUrl'], 'string');
  });

  it('answering the wait early waits again', async () => {
    useTree(server, 'PlatformNodes');
    const waiting = asStep(await submitCredentials(await startStep(), 'petra', PASSWORD));
    const again = asStep(await FRAuth.next(waiting));
    assert.deepEqual(callbackTypes(again), ['PollingWaitCallback']);
  });

  it('a wrong password ends with the Set Failure Details message and details in the 401', async () => {
    useTree(server, 'PlatformNodes');
    const failure = asFailure(await submitCredentials(await startStep(), 'petra', 'Wrong-Passw0rd'));
    assert.equal(failure.getCode(), 401);
    assert.equal(failure.getMessage(), 'Wrong username or password');
    assert.deepEqual(failure.getDetail(), { failureUrl: '', Reason: 'bad credentials', retryable: true });
  });

  it('an inactive account fails at Identity Store Decision (LOCKED) with AM’s plain answer', async () => {
    useTree(server, 'PlatformNodes');
    const failure = asFailure(await submitCredentials(await startStep(), 'ivan', PASSWORD));
    assert.equal(failure.getMessage(), 'User Locked Out.');
    assert.deepEqual(failure.getDetail(), { failureUrl: '' });
  });

  it('Zero Page Login signs in with the X-OpenAM headers alone, and fails without them or with a wrong password', async () => {
    useTree(server, 'ZeroPage', { headers: { 'X-OpenAM-Username': 'petra', 'X-OpenAM-Password': PASSWORD } });
    const success = asSuccess(await FRAuth.next());
    assert.equal(typeof success.getSessionToken(), 'string');
    useTree(server, 'ZeroPage', { headers: { 'X-OpenAM-Username': 'petra', 'X-OpenAM-Password': 'Wrong-Passw0rd' } });
    assert.equal(asFailure(await FRAuth.next()).getCode(), 401);
    useTree(server, 'ZeroPage');
    assert.equal(asFailure(await FRAuth.next()).getCode(), 401);
  });
});
