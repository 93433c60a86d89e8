import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import { defineNode, outcomesOf } from '../engine/define-node.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { anyNode, builtinNodes, createNodeRegistry } from './registry.ts';

/** The fields a node type requires (no ForgeRock default); every other type parses `{}`. */
const requiredFields: Record<string, Record<string, unknown>> = {
  InnerTreeEvaluatorNode: { tree: 'PlatformProgressiveProfile' },
  ChoiceCollectorNode: { choices: ['one', 'two'] },
  AttributeCollectorNode: { attributesToCollect: ['mail'] },
  AttributeValueDecisionNode: { comparisonAttribute: 'mail' },
  QueryFilterDecisionNode: { queryFilter: '/mail pr' },
  ProfileCompletenessDecisionNode: { threshold: 50 },
  TimeSinceDecisionNode: { elapsedTime: '60' },
  SessionDataNode: { sessionDataKey: 'UserToken', sharedStateKey: 'userName' },
  GetSessionDataNode: { sessionDataKey: 'UserToken', sharedStateKey: 'userName' },
  ModifyAuthLevelNode: { authLevelIncrement: 10 },
  AuthLevelDecisionNode: { authLevelRequirement: 10 },
  SetCustomCookieNode: { name: 'visited', value: 'yes' },
  CookiePresenceDecisionNode: { cookieName: 'visited' },
  CaptchaNode: { siteKey: 'site-key' },
  SetSuccessUrlNode: { successUrl: '/enduser/' },
  TimerStopNode: { metricKey: 'journey.timer' },
  'product-CaptchaNode': { siteKey: 'site-key' },
};

/** Node configs exactly as ForgeRock exports them (am-sample-trees, Frodo, platform-ui fixtures). */
const exported: Record<string, unknown>[] = [
  { _id: '7354982f', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'ValidatedUsernameNode', collection: true, name: 'Platform Username' }, usernameAttribute: 'userName', validateInput: false },
  { _id: '009c19c8', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'ValidatedPasswordNode', collection: true, name: 'Platform Password' }, passwordAttribute: 'password', validateInput: true },
  { _id: '2998c1c9', _rev: '-656534578', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'DataStoreDecisionNode', collection: true, name: 'Data Store Decision' } },
  { _id: 'bba3e0d8', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'IncrementLoginCountNode', collection: true, name: 'Increment Login Count' }, identityAttribute: 'userName' },
  { _id: '33b24514', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'InnerTreeEvaluatorNode', collection: true, name: 'Inner Tree Evaluator' }, tree: 'PlatformProgressiveProfile' },
  { _id: '6364d3f0', _outcomes: [{ displayName: 'Retry', id: 'Retry' }, { displayName: 'Reject', id: 'Reject' }], _type: { _id: 'RetryLimitDecisionNode', collection: true, name: 'Retry Limit Decision' }, incrementUserAttributeOnFailure: true, retryLimit: 3 },
  { _id: '219397d3', _rev: '1373443836', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'MessageNode', collection: true, name: 'Message Node' }, message: { en: 'Try again?' }, messageNo: { en: 'Leave' }, messageYes: { en: 'Try again' } },
  { _id: 'f457c545', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'PageNode', collection: true, name: 'Page Node' }, nodes: [{ _id: '67c6a1e7', displayName: 'Platform Username', nodeType: 'ValidatedUsernameNode' }], pageDescription: {}, pageHeader: { en: 'Sign In' }, stage: 'null' },
  { _id: 'x00', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'AttributeCollectorNode', collection: true, name: 'Attribute Collector' }, attributesToCollect: ['givenName', 'sn', 'mail', 'preferences/marketing', 'preferences/updates'], identityAttribute: 'userName', required: true, validateInputs: true },
  { _id: 'x01', _outcomes: [{ displayName: 'Created', id: 'CREATED' }, { displayName: 'Failed', id: 'FAILURE' }], _type: { _id: 'CreateObjectNode', collection: true, name: 'Create Object' }, identityResource: 'managed/alpha_user' },
  { _id: 'x02', _outcomes: [{ displayName: 'Patched', id: 'PATCHED' }, { displayName: 'Failed', id: 'FAILURE' }], _type: { _id: 'PatchObjectNode', collection: true, name: 'Patch Object' }, identityAttribute: 'userName', identityResource: 'managed/user', ignoredFields: ['userName'], patchAsObject: false },
  { _id: 'x03', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'IdentifyExistingUserNode', collection: true, name: 'Identify Existing User' }, identifier: 'userName', identityAttribute: 'mail' },
  { _id: 'x04', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'AttributePresentDecisionNode', collection: true, name: 'Attribute Present Decision' }, identityAttribute: 'userName', presentAttribute: 'password' },
  { _id: 'x05', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'QueryFilterDecisionNode', collection: true, name: 'Query Filter Decision' }, identityAttribute: 'userName', queryFilter: '!(/preferences pr) or /preferences/marketing eq false or /preferences/updates eq false' },
  { _id: 'x06', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'LoginCountDecisionNode', collection: true, name: 'Login Count Decision' }, amount: 3, identityAttribute: 'userName', interval: 'AT' },
  { _id: 'x07', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'KbaCreateNode', collection: true, name: 'KBA Definition' }, allowUserDefinedQuestions: true, message: { en: 'Select a security question' } },
  { _id: 'x08', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'KbaVerifyNode', collection: true, name: 'KBA Verification' }, identityAttribute: 'userName', kbaInfoAttribute: 'kbaInfo' },
  { _id: 'x09', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'KbaDecisionNode', collection: true, name: 'KBA Decision' }, identityAttribute: 'userName' },
  { _id: 'x10', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'AcceptTermsAndConditionsNode', collection: true, name: 'Accept Terms and Conditions' } },
  { _id: 'x11', _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }], _type: { _id: 'TermsAndConditionsDecisionNode', collection: true, name: 'Terms and Conditions Decision' }, identityAttribute: 'userName' },
  { _id: 'x12', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'EmailSuspendNode', collection: true, name: 'Email Suspend Node' }, emailAttribute: 'mail', emailSuspendMessage: { en: 'An email has been sent to the address you entered. Click the link in that email to proceed.' }, emailTemplateName: 'resetPassword', identityAttribute: 'mail', objectLookup: true },
  { _id: 'x13', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'SessionDataNode', collection: true, name: 'Get Session Data' }, sessionDataKey: 'UserToken', sharedStateKey: 'userName' },
  { _id: 'x14', _outcomes: [{ displayName: 'Outcome', id: 'outcome' }], _type: { _id: 'SetSuccessUrlNode', collection: true, name: 'Success URL' }, successUrl: 'https://www.forgerock.com/' },
];

describe('builtinNodes', () => {
  it('have unique type ids', () => {
    const types = builtinNodes.map((definition) => definition.type);
    assert.equal(new Set(types).size, types.length, types.join(', '));
  });

  it('parse their default config (plus required fields) and have outcomes', () => {
    for (const definition of builtinNodes) {
      const parsed = parseNodeConfig(definition, requiredFields[definition.type] ?? {});
      assert.ok(parsed.ok, `${definition.type}: ${parsed.ok ? '' : parsed.errors.join('; ')}`);
      assert.ok(outcomesOf(definition, parsed.config).length > 0, definition.type);
      assert.ok(definition.displayName !== '' && definition.description !== '', definition.type);
    }
  });

  it('need exactly the required fields listed above', () => {
    for (const type of Object.keys(requiredFields)) {
      const definition = builtinNodes.find((candidate) => candidate.type === type);
      assert.ok(definition !== undefined, type);
      assert.equal(parseNodeConfig(definition, {}).ok, false, `${type} parses without its required fields`);
    }
  });

  it('parse real ForgeRock exports, whose outcome ids they declare', () => {
    const registry = createNodeRegistry(builtinNodes);
    for (const raw of exported) {
      const type = (raw['_type'] as { _id: string })._id;
      const definition = registry.get(type);
      assert.ok(definition !== undefined, type);
      const parsed = parseNodeConfig(definition, raw);
      assert.ok(parsed.ok, `${type}: ${parsed.ok ? '' : parsed.errors.join('; ')}`);
      const ids = (raw['_outcomes'] as { id: string }[]).map((outcome) => outcome.id);
      assert.deepEqual(outcomesOf(definition, parsed.config), ids, type);
    }
  });
});

describe('createNodeRegistry', () => {
  it('finds definitions by type and lists them in order', () => {
    const registry = createNodeRegistry(builtinNodes);
    assert.equal(registry.get('ValidatedUsernameNode')?.displayName, 'Platform Username');
    assert.equal(registry.get('NoSuchNode'), undefined);
    assert.deepEqual(registry.list().map((definition) => definition.type), builtinNodes.map((definition) => definition.type));
    registry.list().pop();
    assert.equal(registry.list().length, builtinNodes.length, 'list() returns a copy');
  });

  it('refuses two definitions of the same type', () => {
    const twin = anyNode(defineNode({ type: 'PageNode', displayName: 'Twin', category: 'structure', description: 'test', config: Type.Object({}), outcomes: ['outcome'], process: () => goTo('outcome') }));
    assert.throws(() => createNodeRegistry([...builtinNodes, twin]), /PageNode is registered twice/);
  });
});
