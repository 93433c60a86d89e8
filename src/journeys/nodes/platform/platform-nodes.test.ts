import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomesOf } from '../../engine/define-node.ts';
import { parseNodeConfig } from '../../engine/parse-node-config.ts';
import { builtinNodes, createNodeRegistry } from '../registry.ts';
import { platformNodes } from './platform-nodes.ts';

const type = (id: string, name: string) => ({ _id: id, name, collection: true });

/** Node configs in the shape AM and Identity Cloud export them, with the outcome ids they list. */
const exported: Record<string, unknown>[] = [
  { _id: 'p01', _type: type('IdentityStoreDecisionNode', 'Identity Store Decision'), _outcomes: ['TRUE', 'FALSE', 'LOCKED', 'CANCELLED', 'EXPIRED'].map((id) => ({ id, displayName: id })), minimumPasswordLength: 8, useUniversalIdForUsername: false, mixedCaseForPasswordChangeMessages: false },
  { _id: 'p02', _type: type('ZeroPageLoginNode', 'Zero Page Login Collector'), _outcomes: [{ id: 'true', displayName: 'Has Credentials' }, { id: 'false', displayName: 'No Credentials' }], referrerWhiteList: [], passwordHeader: 'X-OpenAM-Password', allowWithoutReferer: true, usernameHeader: 'X-OpenAM-Username' },
  { _id: 'p03', _type: type('MetadataNode', 'State Metadata'), _outcomes: [{ id: 'outcome', displayName: 'Outcome' }], attributes: ['mail'] },
  { _id: 'p04', _type: type('SetSuccessDetailsNode', 'Set Success Details'), _outcomes: [{ id: 'outcome', displayName: 'Outcome' }], sessionProperties: {}, successDetails: { authMethod: 'password' }, headerControl: {} },
  { _id: 'p05', _type: type('SetFailureDetailsNode', 'Set Failure Details'), _outcomes: [{ id: 'outcome', displayName: 'Outcome' }], headerControl: {}, failureMessage: { 'en-gb': 'Your account is locked' }, failureDetails: { Reason: 'Exceeded max retries' } },
  { _id: 'p06', _type: type('PollingWaitNode', 'Polling Wait Node'), _outcomes: [{ id: 'DONE', displayName: 'Done' }], spamDetectionTolerance: 3, secondsToWait: 8, waitingMessage: {}, spamDetectionEnabled: false, exitable: false, exitMessage: {} },
  { _id: 'p07', _type: type('PollingWaitNode', 'Polling Wait Node'), _outcomes: [{ id: 'DONE', displayName: 'Done' }, { id: 'EXITED', displayName: 'Exited' }, { id: 'SPAM', displayName: 'Spam' }], spamDetectionTolerance: 3, secondsToWait: 8, waitingMessage: { en: 'Wait' }, spamDetectionEnabled: true, exitable: true, exitMessage: { en: 'Stop' } },
  { _id: 'p08', _type: type('AccountActiveDecisionNode', 'Account Active Decision'), _outcomes: [{ id: 'true', displayName: 'True' }, { id: 'false', displayName: 'False' }] },
  { _id: 'p09', _type: type('TimerStartNode', 'Timer Start'), _outcomes: [{ id: 'outcome', displayName: 'Outcome' }], startTimeProperty: 'TimerNodeStartTime' },
  { _id: 'p10', _type: type('TimerStopNode', 'Timer Stop'), _outcomes: [{ id: 'outcome', displayName: 'Outcome' }], metricKey: 'login', startTimeProperty: 'TimerNodeStartTime' },
  { _id: 'p11', _type: type('product-CaptchaNode', 'CAPTCHA'), _outcomes: [{ id: 'true', displayName: 'True' }, { id: 'false', displayName: 'False' }], reCaptchaV3: false, scoreThreshold: '0.0', siteKey: 'k', divClass: 'g-recaptcha', captchaUri: 'https://www.google.com/recaptcha/api/siteverify', secretKey: null, apiUri: 'https://www.google.com/recaptcha/api.js', disableSubmission: true, secretLabelIdentifier: null },
];

describe('platformNodes', () => {
  it('are all built in', () => {
    const builtin = new Set(builtinNodes.map((definition) => definition.type));
    for (const definition of platformNodes) assert.ok(builtin.has(definition.type), definition.type);
  });

  it('parse configs as AM and Identity Cloud export them, and declare the outcome ids the exports list', () => {
    const registry = createNodeRegistry(platformNodes);
    for (const raw of exported) {
      const id = (raw['_type'] as { _id: string })._id;
      const definition = registry.get(id);
      assert.ok(definition !== undefined, id);
      const parsed = parseNodeConfig(definition, raw);
      assert.ok(parsed.ok, `${id}: ${parsed.ok ? '' : parsed.errors.join('; ')}`);
      assert.deepEqual(outcomesOf(definition, parsed.config), (raw['_outcomes'] as { id: string }[]).map((outcome) => outcome.id), id);
    }
    assert.deepEqual(new Set(exported.map((raw) => (raw['_type'] as { _id: string })._id)), new Set(platformNodes.map((definition) => definition.type)), 'every platform node has an export here');
  });
});
