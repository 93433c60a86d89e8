import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from '../../journeys/engine/tree-model.ts';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import { validateJourney } from '../../journeys/engine/validate-journey.ts';
import { builtinNodes, createNodeRegistry } from '../../journeys/nodes/registry.ts';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import { storeWithJourneys } from '../../store/memory/testing/store-with-journeys.ts';
import { defaultCapabilities } from '../capabilities.ts';
import { installMfaJourneys, MFA_JOURNEYS, mfaJourneyTemplate } from './install-mfa-journeys.ts';

// The node types of a default Arbor, MFA ones included.
const registry = createNodeRegistry([...builtinNodes, ...defaultCapabilities.flatMap((capability) => capability.nodes)]);

/** The node of `journey` of type `type` (the only one), with its id and config. */
function only(journey: JourneyDefinition, type: string) {
  const found = Object.entries(journey.tree.nodes).filter(([, node]) => node.nodeType === type);
  assert.equal(found.length, 1, `${journey.tree._id}: one ${type}`);
  const [id, node] = found[0] as (typeof found)[number];
  return { id, node, config: journey.nodes[id] as Record<string, unknown> };
}

/** The type of the node `outcome` of `from` leads to (or "success"/"failure"). */
function next(journey: JourneyDefinition, from: string, outcome: string): string {
  const target = journey.tree.nodes[from]?.connections[outcome];
  if (target === SUCCESS_NODE_ID) return 'success';
  if (target === FAILURE_NODE_ID) return 'failure';
  return journey.tree.nodes[target ?? '']?.nodeType ?? `nothing (${String(target)})`;
}

describe('the MFA default journeys', () => {
  for (const name of MFA_JOURNEYS) {
    it(`${name} imports as it is: no problem at all, not even a warning, against the real node types`, async () => {
      const journey = await mfaJourneyTemplate(name);
      assert.deepEqual(await validateJourney(journey, { registry, treeExists: () => false }), []);
      assert.equal(journey.tree.enabled, true);
    });
  }

  it('MFALogin: password, then the chosen factor; no app yet leads to registering one and to the recovery codes', async () => {
    const journey = await mfaJourneyTemplate('MFALogin');
    const entry = journey.tree.nodes[journey.tree.entryNodeId];
    assert.equal(entry?.nodeType, 'PageNode');
    assert.deepEqual((journey.nodes[journey.tree.entryNodeId]?.nodes as { nodeType: string }[]).map((c) => c.nodeType), ['ValidatedUsernameNode', 'ValidatedPasswordNode']);
    const password = only(journey, 'DataStoreDecisionNode');
    assert.equal(entry?.connections.outcome, password.id);
    assert.equal(next(journey, password.id, 'false'), 'failure');
    const choice = only(journey, 'ChoiceCollectorNode');
    assert.equal(password.node.connections.true, choice.id);
    assert.deepEqual(choice.config.choices, ['Authenticator app', 'Security key or passkey', 'Email code']);
    assert.equal(next(journey, choice.id, 'Authenticator app'), 'OathTokenVerifierNode');
    assert.equal(next(journey, choice.id, 'Security key or passkey'), 'WebAuthnAuthenticationNode');
    assert.equal(next(journey, choice.id, 'Email code'), 'OneTimePasswordGeneratorNode');

    const verifier = only(journey, 'OathTokenVerifierNode');
    assert.equal(verifier.config.isRecoveryCodeAllowed, true);
    assert.equal(next(journey, verifier.id, 'successOutcome'), 'success');
    assert.equal(next(journey, verifier.id, 'recoveryCodeOutcome'), 'RecoveryCodeCollectorDecisionNode');
    assert.equal(next(journey, verifier.id, 'notRegisteredOutcome'), 'MultiFactorRegistrationOptionsNode');
    const retry = verifier.node.connections.failureOutcome ?? '';
    assert.deepEqual(journey.tree.nodes[retry]?.connections, { Retry: verifier.id, Reject: FAILURE_NODE_ID }, 'a wrong app code may be retried, a few times');
    const options = only(journey, 'MultiFactorRegistrationOptionsNode');
    assert.equal(next(journey, options.id, 'registerOutcome'), 'OathRegistrationNode');
    assert.equal(next(journey, options.id, 'optOutOutcome'), 'OptOutMultiFactorAuthenticationNode');
    assert.equal(next(journey, options.id, 'getAppOutcome'), 'GetAuthenticatorAppNode');
    const registration = only(journey, 'OathRegistrationNode');
    assert.equal(registration.config.generateRecoveryCodes, true);
    const display = only(journey, 'RecoveryCodeDisplayNode');
    assert.equal(registration.node.connections.successOutcome, display.id);
    assert.equal(display.node.connections.outcome, verifier.id, 'the new app is proven with a code before the sign-in succeeds');

    const webauthn = only(journey, 'WebAuthnAuthenticationNode');
    assert.equal(webauthn.config.isRecoveryCodeAllowed, true);
    assert.equal(next(journey, webauthn.id, 'recoveryCode'), 'RecoveryCodeCollectorDecisionNode');
    assert.equal(next(journey, webauthn.id, 'noDevice'), 'OathTokenVerifierNode');
    assert.equal(next(journey, webauthn.id, 'success'), 'success');

    const sender = only(journey, 'OneTimePasswordSmtpSenderNode');
    const collector = only(journey, 'OneTimePasswordCollectorDecisionNode');
    assert.equal(sender.node.connections.outcome, collector.id);
    assert.equal(next(journey, collector.id, 'true'), 'success');
    assert.deepEqual(journey.tree.nodes[collector.node.connections.false ?? '']?.connections, { Retry: collector.id, Reject: FAILURE_NODE_ID });
  });

  it('PasswordlessLogin: a passkey without a username; without one, a password and then a new passkey', async () => {
    const journey = await mfaJourneyTemplate('PasswordlessLogin');
    const webauthn = only(journey, 'WebAuthnAuthenticationNode');
    assert.equal(journey.tree.entryNodeId, webauthn.id);
    assert.equal(webauthn.config.requiresResidentKey, true);
    assert.equal(next(journey, webauthn.id, 'success'), 'success');
    assert.equal(next(journey, webauthn.id, 'failure'), 'failure');
    for (const outcome of ['noDevice', 'unsupported', 'error']) assert.equal(next(journey, webauthn.id, outcome), 'PageNode', outcome);
    const password = only(journey, 'DataStoreDecisionNode');
    assert.equal(next(journey, password.id, 'true'), 'WebAuthnRegistrationNode');
    assert.equal(next(journey, password.id, 'false'), 'failure');
    const registration = only(journey, 'WebAuthnRegistrationNode');
    assert.equal(registration.config.requiresResidentKey, true);
    assert.equal(next(journey, registration.id, 'success'), 'RecoveryCodeDisplayNode');
    for (const outcome of ['unsupported', 'failure', 'error']) assert.equal(next(journey, registration.id, outcome), 'failure', outcome);
  });
});

/** A memory store with the realms `root` and `alpha`, holding `journeys`. */
async function storeWithRealms(journeys: Parameters<typeof storeWithJourneys>[0] = []) {
  const store = await storeWithJourneys(journeys);
  for (const name of ['root', 'alpha']) await store.realms.put(defaultRealmConfig(name));
  return store;
}

describe('installMfaJourneys', () => {
  it('installs both journeys in every realm, on the realm’s own users, and only once', async () => {
    const store = await storeWithRealms();
    assert.deepEqual((await installMfaJourneys(store)).sort(), ['root', 'alpha'].flatMap((realm) => MFA_JOURNEYS.map((name) => `${realm}/${name}`)).sort());
    assert.equal((await store.journeys.get('alpha', 'MFALogin'))?.tree.identityResource, 'managed/alpha_user');
    assert.equal((await store.journeys.get('root', 'MFALogin'))?.tree.identityResource, 'managed/user');
    assert.deepEqual(await installMfaJourneys(store), []);
  });

  it('never replaces an administrator’s journey of the same name', async () => {
    const template = await mfaJourneyTemplate('MFALogin');
    const mine: JourneyDefinition = { ...template, tree: { ...template.tree, description: 'mine' } };
    const store = await storeWithRealms([{ realm: 'alpha', journey: mine }]);
    const installed = await installMfaJourneys(store);
    assert.ok(!installed.includes('alpha/MFALogin'));
    assert.ok(installed.includes('alpha/PasswordlessLogin'));
    assert.deepEqual(await store.journeys.get('alpha', 'MFALogin'), mine);
  });
});
