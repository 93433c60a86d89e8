/**
 * The Platform self-service journeys as Identity Cloud names them (`test/fixtures/arbor/frodo-single/`), read from their export files and run through the
 * real runner with the real node types, the real identity and policy services (in memory) and
 * fake self-service gateways: the nodes of this folder working together, as a client sees them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createIdentityGateway } from '../../identity/identity-gateway.ts';
import { createIdentityFixture } from '../../identity/testing/identity-fixture.ts';
import { createPolicyGateway } from '../../policy/policy-gateway.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import type { JourneyRecord } from '../engine/journey-state.ts';
import type { RequestFacts } from '../engine/node-context.ts';
import { fakeServices } from '../engine/node-testing.ts';
import type { FakeServices } from '../engine/node-testing.ts';
import type { RunResult } from '../engine/runner.ts';
import { runJourney } from '../engine/runner.ts';
import { readSubmission, renderCallbacks } from '../engine/submission.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { readJourneyFile } from '../trees/read-journey-file.ts';
import { builtinNodes, createNodeRegistry } from './registry.ts';

const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);
const registry = createNodeRegistry(builtinNodes);
const golden = JSON.parse(readFileSync(new URL('forgerock/protocol/registration-first-step.json', FIXTURES), 'utf8')) as { callbacks: CallbackJson[]; header: string; description: string };
const termsText = String(golden.callbacks[9]?.output.find((output) => output.name === 'terms')?.value);

function sample(name: string): JourneyDefinition {
  const path = `arbor/frodo-single/${name}.journey.json`;
  const [journey] = readJourneyFile(JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8')), path).journeys;
  assert.ok(journey, path);
  return journey;
}

/** Real identity and policy services over an in-memory store, fakes for the rest. */
function platform(): FakeServices {
  const fixture = createIdentityFixture();
  const terms = { version: '0.0', terms: termsText, html: `<p>${termsText}</p>`, createDate: '2019-10-28T04:20:11.320Z' };
  return { ...fakeServices({ terms }), identity: createIdentityGateway(fixture.identity), policy: createPolicyGateway(fixture.policy) };
}

/** Drives one journey: `start`, then `answer` with wire-shaped callbacks, `resume` after a suspension. */
function driver(journeys: JourneyDefinition[], services: FakeServices, request: Partial<RequestFacts> = {}) {
  const [main] = journeys;
  assert.ok(main);
  const record: JourneyRecord = {
    realm: 'alpha', authIndexType: 'service', authIndexValue: main.tree._id, identityResource: 'managed/alpha_user',
    frames: [{ tree: main.tree._id, nodeId: main.tree.entryNodeId }], shared: {}, transient: {}, noSession: false, startedAt: 0, step: 0,
  };
  const deps = (resumeNodeId?: string) => ({
    nodes: registry,
    loadJourney: async (_realm: string, name: string) => journeys.find((journey) => journey.tree._id === name),
    services,
    request: { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {}, ...request },
    maxNodesPerRequest: 50,
    ...(resumeNodeId === undefined ? {} : { resumeNodeId }),
  });
  const keep = (result: RunResult): RunResult => {
    if (result.kind === 'step') record.pending = result.pending;
    if (result.kind === 'suspend') record.suspendedAt = result.nodeId;
    return result;
  };
  return {
    record,
    start: async () => keep(await runJourney(record, undefined, deps())),
    answer: async (fill: (callbacks: CallbackJson[]) => void) => {
      assert.ok(record.pending);
      const callbacks = renderCallbacks(record.pending.owners.flatMap((owner) => owner.callbacks));
      fill(callbacks);
      return keep(await runJourney(record, readSubmission(record.pending, callbacks), deps()));
    },
    resume: async () => keep(await runJourney(record, undefined, deps(record.suspendedAt))),
  };
}

function step(result: RunResult): CallbackJson[] {
  assert.equal(result.kind, 'step', JSON.stringify(result));
  return result.kind === 'step' ? renderCallbacks(result.pending.owners.flatMap((owner) => owner.callbacks)) : [];
}

/** Sets the main input of the callback whose output `name` (or type) matches. */
function set(callbacks: CallbackJson[], match: string, value: unknown, suffix = ''): void {
  const callback = callbacks.find((candidate) => candidate.type === match || candidate.output.some((output) => output.name === 'name' && output.value === match));
  const input = callback?.input?.find((candidate) => candidate.name.endsWith(suffix) && /^IDToken\d+$/.test(candidate.name.slice(0, candidate.name.length - suffix.length)));
  assert.ok(input, `${match}${suffix}`);
  input.value = value;
}

describe('Identity Cloud sample journeys on the real nodes', () => {
  it('Registration: the first step is the seed step; the user is created with hashed answers, terms and a login count', async () => {
    const services = platform();
    const journey = driver([sample('Registration')], services);
    const first = await journey.start();
    assert.deepEqual(step(first), golden.callbacks);
    assert.ok(first.kind === 'step');
    assert.deepEqual([first.pending.page?.header, first.pending.page?.description], [golden.header, golden.description]);

    const fill = (callbacks: CallbackJson[]) => {
      set(callbacks, 'ValidatedCreateUsernameCallback', 'ann');
      set(callbacks, 'givenName', 'Ann');
      set(callbacks, 'sn', 'Lee');
      set(callbacks, 'mail', 'ann@example.com');
      set(callbacks, 'preferences/marketing', true);
      set(callbacks, 'ValidatedCreatePasswordCallback', 'Secret-Passw0rd');
      const kba = callbacks.filter((callback) => callback.type === 'KbaCreateCallback');
      kba.forEach((callback, index) => {
        const [question, answer] = callback.input ?? [];
        assert.ok(question && answer);
        question.value = index === 0 ? "What's your favorite color?" : 'Name of my first pet?';
        answer.value = index === 0 ? 'Blue' : 'Rex';
      });
      set(callbacks, 'TermsAndConditionsCallback', true);
    };
    const bad = await journey.answer((callbacks) => {
      fill(callbacks);
      set(callbacks, 'mail', 'not-an-address');
    });
    const again = step(bad);
    const mail = again.find((callback) => callback.output.some((output) => output.value === 'mail'));
    assert.deepEqual(mail?.output.find((output) => output.name === 'failedPolicies')?.value, ['{"policyRequirement":"VALID_EMAIL_ADDRESS_FORMAT"}']);

    assert.deepEqual(await journey.answer(fill), { kind: 'success' });
    const user = await services.identity.findUser('managed/alpha_user', 'userName', 'ann');
    assert.ok(user);
    assert.deepEqual([user.attributes['givenName'], user.attributes['preferences'], user.meta['loginCount']], ['Ann', { marketing: true, updates: false }, 1]);
    assert.equal((user.meta['termsAccepted'] as { termsVersion?: unknown } | undefined)?.termsVersion, '0.0');
    assert.equal(JSON.stringify(user.attributes['kbaInfo']).includes('Blue'), false, 'KBA answers are stored hashed');
    assert.equal(await services.identity.verifyPassword('managed/alpha_user', user._id, 'Secret-Passw0rd'), true);
    assert.deepEqual(journey.record.shared['username'], 'ann');
  });

  it('ResetPassword: an emailed link resumes the journey and the new password is patched; unknown addresses get the same answer', async () => {
    const services = platform();
    const created = await services.identity.createUser('managed/alpha_user', { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com', password: 'Old-Passw0rd' });
    assert.ok(created.ok);
    const journeys = [sample('ResetPassword')];

    const stranger = driver(journeys, services);
    step(await stranger.start());
    const unknown = await stranger.answer((callbacks) => set(callbacks, 'mail', 'nobody@example.com'));
    assert.equal(unknown.kind, 'suspend');

    const journey = driver(journeys, services);
    step(await journey.start());
    const suspended = await journey.answer((callbacks) => set(callbacks, 'mail', 'ann@example.com'));
    assert.ok(suspended.kind === 'suspend' && unknown.kind === 'suspend');
    assert.equal(suspended.action.message, unknown.action.message);
    await unknown.action.deliver('https://login.example.com/?suspendedId=x');
    await suspended.action.deliver('https://login.example.com/?suspendedId=y');
    assert.deepEqual(services.emails.map((email) => [email.template, email.to, email.object['resumeURI']]), [['resetPassword', 'ann@example.com', 'https://login.example.com/?suspendedId=y']]);

    const page = step(await journey.resume());
    assert.deepEqual(page.map((callback) => callback.type), ['ValidatedCreatePasswordCallback']);
    assert.deepEqual(await journey.answer((callbacks) => set(callbacks, 'ValidatedCreatePasswordCallback', 'New-Passw0rd')), { kind: 'success' });
    assert.equal(await services.identity.verifyPassword('managed/alpha_user', created.user._id, 'New-Passw0rd'), true);
  });

  it('ProgressiveProfile: on the third sign-in, users without preferences are asked and their answers patched', async () => {
    const services = platform();
    const created = await services.identity.createUser('managed/alpha_user', { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com' });
    assert.ok(created.ok);
    for (let count = 0; count < 3; count += 1) await services.identity.incrementLoginCount('managed/alpha_user', created.user._id);
    const journey = driver([sample('ProgressiveProfile')], services);
    journey.record.shared['username'] = 'ann';
    const page = step(await journey.start());
    assert.deepEqual(page.map((callback) => callback.type), ['BooleanAttributeInputCallback', 'BooleanAttributeInputCallback']);
    const done = await journey.answer((callbacks) => {
      set(callbacks, 'preferences/updates', true);
      set(callbacks, 'preferences/marketing', false);
    });
    assert.deepEqual(done, { kind: 'success' });
    const user = await services.identity.getUser('managed/alpha_user', created.user._id);
    assert.deepEqual(user?.attributes['preferences'], { updates: true, marketing: false });
  });

  it('UpdatePassword: a signed-in user without a password verifies their email, then sets one', async () => {
    const services = platform();
    const created = await services.identity.createUser('managed/alpha_user', { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com' });
    assert.ok(created.ok);
    const session = { username: 'ann', userId: created.user._id, realm: '/alpha', properties: {} };
    const journey = driver([sample('UpdatePassword')], services, { existingSession: session });
    const suspended = await journey.start();
    assert.ok(suspended.kind === 'suspend');
    await suspended.action.deliver('https://login.example.com/?suspendedId=z');
    assert.deepEqual(services.emails.map((email) => [email.template, email.to]), [['updatePassword', 'ann@example.com']]);
    const page = step(await journey.resume());
    assert.deepEqual(page.map((callback) => callback.type), ['ValidatedCreatePasswordCallback']);
    assert.deepEqual(await journey.answer((callbacks) => set(callbacks, 'ValidatedCreatePasswordCallback', 'New-Passw0rd')), { kind: 'success' });
    assert.equal(await services.identity.verifyPassword('managed/alpha_user', created.user._id, 'New-Passw0rd'), true);

    const nobody = platform();
    const anonymous = await driver([sample('UpdatePassword')], nobody).start();
    assert.ok(anonymous.kind === 'suspend', 'without a session: the same suspension…');
    assert.equal(anonymous.action.message, suspended.action.message);
    await anonymous.action.deliver('https://login.example.com/?suspendedId=w');
    assert.deepEqual(nobody.emails, [], '…and no email');
  });
});
