/**
 * Retry Limit Decision counters saved on the user are cleared when the journey succeeds, through
 * the authenticate endpoint on a whole Arbor: a sign-in journey that lets a user retry twice
 * (Page → Identify Existing User → Data Store Decision, false → Retry Limit Decision → the page).
 * Two wrong passwords then the right one succeed and leave no count behind (other nodes' entries
 * stay), so the next journey again allows two retries before rejecting.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { RETRY_COUNT_ATTRIBUTE } from './clear-retry-counts.ts';
import type { JourneyDefinition } from './tree-model.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from './tree-model.ts';

const ENDPOINT = '/am/json/realms/root/realms/alpha/authenticate';
const RETRY_NODE = 'c0ffee00-0000-4000-8000-000000000004';
const PASSWORD = 'Right-Passw0rd';

/** The sign-in journey with a Retry Limit Decision (2 retries, saved on the user). */
const retryLogin: JourneyDefinition = {
  tree: {
    _id: 'RetryLogin',
    entryNodeId: 'page',
    identityResource: 'managed/alpha_user',
    enabled: true,
    nodes: {
      page: { displayName: 'Sign In', nodeType: 'PageNode', connections: { outcome: 'identify' } },
      identify: { displayName: 'Identify', nodeType: 'IdentifyExistingUserNode', connections: { true: 'check', false: FAILURE_NODE_ID } },
      check: { displayName: 'Check', nodeType: 'DataStoreDecisionNode', connections: { true: SUCCESS_NODE_ID, false: RETRY_NODE } },
      [RETRY_NODE]: { displayName: 'Retry', nodeType: 'RetryLimitDecisionNode', connections: { Retry: 'page', Reject: FAILURE_NODE_ID } },
    },
  },
  nodes: {
    page: {
      _id: 'page',
      _type: { _id: 'PageNode' },
      nodes: [
        { _id: 'name', nodeType: 'ValidatedUsernameNode', displayName: 'Username' },
        { _id: 'secret', nodeType: 'ValidatedPasswordNode', displayName: 'Password' },
      ],
    },
    name: { _id: 'name', _type: { _id: 'ValidatedUsernameNode' }, validateInput: false },
    secret: { _id: 'secret', _type: { _id: 'ValidatedPasswordNode' }, validateInput: false },
    identify: { _id: 'identify', _type: { _id: 'IdentifyExistingUserNode' }, identityAttribute: 'userName', identifier: 'userName' },
    check: { _id: 'check', _type: { _id: 'DataStoreDecisionNode' } },
    [RETRY_NODE]: { _id: RETRY_NODE, _type: { _id: 'RetryLimitDecisionNode' }, retryLimit: 2, incrementUserAttributeOnFailure: true },
  },
};

interface Answer {
  status: number;
  body: { authId?: string; callbacks?: { type: string; input: { name: string; value: unknown }[] }[]; tokenId?: string };
}

describe('a successful journey clears the retry counts it kept on the user', () => {
  let arbor: TestPlatform;
  let userId: string;

  const post = async (url: string, body: unknown): Promise<Answer> => {
    const response = await arbor.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    return { status: response.statusCode, body: response.json() };
  };
  const start = (): Promise<Answer> => post(`${ENDPOINT}?authIndexType=service&authIndexValue=RetryLogin`, {});
  /** Answers the sign-in page of `step` with `password`. */
  const signIn = (step: Answer, password: string): Promise<Answer> => {
    assert.ok(step.body.authId !== undefined, JSON.stringify(step.body));
    const callbacks = (step.body.callbacks ?? []).map((callback) => ({ ...callback, input: [{ name: callback.input[0]?.name ?? '', value: callback.type === 'PasswordCallback' ? password : 'rita' }] }));
    return post(ENDPOINT, { authId: step.body.authId, callbacks });
  };
  const counts = async (): Promise<unknown> => (await arbor.identity.getUser('alpha_user', userId))?.attributes[RETRY_COUNT_ATTRIBUTE];

  before(async () => {
    arbor = await inMemoryPlatform();
    await arbor.store.journeys.put('alpha', retryLogin);
    const user = await arbor.identity.createUser('alpha_user', { userName: 'rita', password: PASSWORD, givenName: 'Rita', sn: 'Retry', mail: 'rita@example.com' });
    userId = user._id;
    await arbor.identity.updateSystemAttribute('alpha_user', userId, RETRY_COUNT_ATTRIBUTE, () => ['other-node=1']);
  });
  after(async () => arbor?.close());

  it('two retries then success: the counter is cleared, other nodes keep theirs, and the next journey may retry twice again', async () => {
    const retried = await signIn(await signIn(await start(), 'Wrong-Passw0rd1'), 'Wrong-Passw0rd2');
    assert.deepEqual(await counts(), ['other-node=1', `${RETRY_NODE}=2`], 'both failures counted on the user');
    const success = await signIn(retried, PASSWORD);
    assert.equal(success.status, 200, JSON.stringify(success.body));
    assert.ok(success.body.tokenId);
    assert.deepEqual(await counts(), ['other-node=1'], "the journey's count is gone, the other node's stays");

    let step = await start();
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      step = await signIn(step, 'Wrong-Passw0rd3');
      assert.ok(step.body.authId !== undefined, `retry ${attempt} is allowed: ${JSON.stringify(step.body)}`);
    }
    assert.equal((await signIn(step, 'Wrong-Passw0rd4')).status, 401, 'the third failure is rejected');
  });

  it('a failed journey keeps the count', async () => {
    await arbor.identity.updateSystemAttribute('alpha_user', userId, RETRY_COUNT_ATTRIBUTE, () => []);
    const failed = await signIn(await signIn(await start(), 'Wrong-Passw0rd5'), 'Wrong-Passw0rd6');
    assert.ok(failed.body.authId !== undefined);
    assert.deepEqual(await counts(), [`${RETRY_NODE}=2`]);
  });
});
