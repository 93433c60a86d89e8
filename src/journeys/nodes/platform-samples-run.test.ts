/**
 * The Platform self-service journeys as Identity Cloud names them (`test/fixtures/arbor/frodo-single/`), read from their export files and run through the
 * real runner with the real node types and the real node services on the in-memory store with the
 * default configuration (schema, policies, security questions, terms, email templates): the nodes
 * of this folder working together, as a client sees them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { nodeTestServices, TEST_USER_TYPE } from '../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import type { JourneyRecord } from '../engine/journey-state.ts';
import type { NodeServices, RequestFacts } from '../engine/node-context.ts';
import type { RunResult } from '../engine/runner.ts';
import { runJourney } from '../engine/runner.ts';
import { readSubmission, renderCallbacks } from '../engine/submission.ts';
import { fixedJourneys } from '../engine/testing/fixed-journeys.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { readJourneyFile } from '../trees/read-journey-file.ts';
import { builtinNodes, createNodeRegistry } from './registry.ts';
import { asArborAnswers } from '../../policy/testing/arbor-registration-step.ts';

const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);
const registry = createNodeRegistry(builtinNodes);
// The seed's step as Arbor answers it (mail is unique: asArborAnswers).
const golden = asArborAnswers(JSON.parse(readFileSync(new URL('forgerock/protocol/registration-first-step.json', FIXTURES), 'utf8')) as { callbacks: CallbackJson[]; header: string; description: string });

function sample(name: string): JourneyDefinition {
  const path = `arbor/frodo-single/${name}.journey.json`;
  const [journey] = readJourneyFile(JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8')), path).journeys;
  assert.ok(journey, path);
  return journey;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored KBA entries (`[{questionId|customQuestion, answer}]`), failing the test on any other shape. */
function kbaEntries(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return assert.fail(`kbaInfo is not an array: ${JSON.stringify(value)}`);
  return value.map((entry: unknown) => (isRecord(entry) ? entry : assert.fail(`not a KBA entry: ${JSON.stringify(entry)}`)));
}

/** The emails queued so far: template, recipients, plain-text body. */
async function emails(t: NodeTestServices): Promise<[string | undefined, string[], string][]> {
  return (await t.outbox()).map((mail) => [mail.template, mail.message.to, mail.message.text]);
}

/** A user of the default schema, created through the identity service as an administrator would. */
async function createAnn(t: NodeTestServices, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await t.identity.createUser(TEST_USER_TYPE, { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com', ...extra });
  return created._id;
}

/** Drives one journey: `start`, then `answer` with wire-shaped callbacks, `resume` after a suspension. */
function driver(journeys: JourneyDefinition[], services: NodeServices, request: Partial<RequestFacts> = {}) {
  const [main] = journeys;
  assert.ok(main);
  const record: JourneyRecord = {
    realm: 'alpha', authIndexType: 'service', authIndexValue: main.tree._id, identityResource: 'managed/alpha_user',
    frames: [{ tree: main.tree._id, nodeId: main.tree.entryNodeId }], shared: {}, transient: {}, noSession: false, startedAt: 0, step: 0,
  };
  const deps = (resumeNodeId?: string) => ({
    nodes: registry,
    loadJourney: fixedJourneys(journeys, registry),
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
    const t = await nodeTestServices();
    const journey = driver([sample('Registration')], t.services);
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
    const [user, ...others] = (await t.store.managedObjects.list(TEST_USER_TYPE, { limit: 10, offset: 0 })).items;
    assert.ok(user);
    assert.deepEqual(others, [], 'the refused step created nobody');
    assert.deepEqual(
      [user.data['userName'], user.data['givenName'], user.data['sn'], user.data['mail'], user.data['preferences'], user.meta['loginCount']],
      ['ann', 'Ann', 'Lee', 'ann@example.com', { marketing: true, updates: false }, 1],
    );
    assert.deepEqual(user.meta['termsAccepted'], { acceptDate: '2025-01-01T00:00:00.000Z', termsVersion: '0.0' });
    assert.doesNotMatch(JSON.stringify(user.data), /Blue|Rex|Secret-Passw0rd/, 'answers and password are stored hashed');
    const [color, pet, ...more] = kbaEntries(user.data['kbaInfo']);
    assert.deepEqual(more, []);
    assert.deepEqual([color?.['questionId'], pet?.['customQuestion']], ['1', 'Name of my first pet?']);
    assert.equal(await t.kbaAnswers.verify(color?.['answer'], 'blue'), true);
    assert.equal(await t.kbaAnswers.verify(pet?.['answer'], 'Rex'), true);
    assert.equal(await t.identity.verifyPassword(TEST_USER_TYPE, user.id, 'Secret-Passw0rd'), true);
    assert.deepEqual(journey.record.shared['username'], 'ann');
  });

  it('ResetPassword: an emailed link resumes the journey and the new password is patched; unknown addresses get the same answer', async () => {
    const t = await nodeTestServices();
    const id = await createAnn(t, { password: 'Old-Passw0rd' });
    const journeys = [sample('ResetPassword')];

    const stranger = driver(journeys, t.services);
    step(await stranger.start());
    const unknown = await stranger.answer((callbacks) => set(callbacks, 'mail', 'nobody@example.com'));
    assert.equal(unknown.kind, 'suspend');

    const journey = driver(journeys, t.services);
    step(await journey.start());
    const suspended = await journey.answer((callbacks) => set(callbacks, 'mail', 'ann@example.com'));
    assert.ok(suspended.kind === 'suspend' && unknown.kind === 'suspend');
    assert.equal(suspended.action.message, unknown.action.message);
    await unknown.action.deliver('https://login.example.com/?suspendedId=x');
    await suspended.action.deliver('https://login.example.com/?suspendedId=y');
    // The unknown address costs the same work: its mail is rendered and written withheld, never delivered.
    assert.deepEqual((await t.outbox()).filter((mail) => mail.message.to.includes('nobody@example.com')).map((mail) => mail.status), ['withheld']);
    const sent = (await emails(t)).filter(([, to]) => !to.includes('nobody@example.com'));
    assert.deepEqual(sent.map(([template, to]) => [template, to]), [['resetPassword', ['ann@example.com']]]);
    assert.ok(sent[0]?.[2].includes('https://login.example.com/?suspendedId=y'), 'the email carries the resume link');

    const page = step(await journey.resume());
    assert.deepEqual(page.map((callback) => callback.type), ['ValidatedCreatePasswordCallback']);
    const weak = step(await journey.answer((callbacks) => set(callbacks, 'ValidatedCreatePasswordCallback', 'ann-passw0rd')));
    assert.deepEqual(
      weak[0]?.output.find((output) => output.name === 'failedPolicies')?.value,
      ['{"params":{"numCaps":1},"policyRequirement":"AT_LEAST_X_CAPITAL_LETTERS"}', '{"params":{"disallowedFields":"userName"},"policyRequirement":"CANNOT_CONTAIN_OTHERS"}'],
      "the new password is checked against the stored user's policies and username",
    );
    assert.deepEqual(await journey.answer((callbacks) => set(callbacks, 'ValidatedCreatePasswordCallback', 'New-Passw0rd')), { kind: 'success' });
    assert.equal(await t.identity.verifyPassword(TEST_USER_TYPE, id, 'New-Passw0rd'), true);
    assert.equal(await t.identity.verifyPassword(TEST_USER_TYPE, id, 'Old-Passw0rd'), false);
  });

  it('ProgressiveProfile: on the third sign-in, users without preferences are asked and their answers patched', async () => {
    const t = await nodeTestServices();
    const id = await createAnn(t);
    for (let count = 0; count < 3; count += 1) await t.identity.incrementLoginCount(TEST_USER_TYPE, id);
    const journey = driver([sample('ProgressiveProfile')], t.services);
    journey.record.shared['username'] = 'ann';
    const page = step(await journey.start());
    assert.deepEqual(page.map((callback) => callback.type), ['BooleanAttributeInputCallback', 'BooleanAttributeInputCallback']);
    const done = await journey.answer((callbacks) => {
      set(callbacks, 'preferences/updates', true);
      set(callbacks, 'preferences/marketing', false);
    });
    assert.deepEqual(done, { kind: 'success' });
    assert.deepEqual((await t.stored(id))?.data['preferences'], { updates: true, marketing: false });
  });

  it('UpdatePassword: a signed-in user without a password verifies their email, then sets one', async () => {
    const t = await nodeTestServices();
    const id = await createAnn(t);
    const session = { username: 'ann', userId: id, realm: '/alpha', properties: {} };
    const journey = driver([sample('UpdatePassword')], t.services, { existingSession: session });
    const suspended = await journey.start();
    assert.ok(suspended.kind === 'suspend');
    await suspended.action.deliver('https://login.example.com/?suspendedId=z');
    const sent = await emails(t);
    assert.deepEqual(sent.map(([template, to]) => [template, to]), [['updatePassword', ['ann@example.com']]]);
    assert.ok(sent[0]?.[2].includes('https://login.example.com/?suspendedId=z'), 'the email carries the resume link');
    const page = step(await journey.resume());
    assert.deepEqual(page.map((callback) => callback.type), ['ValidatedCreatePasswordCallback']);
    assert.deepEqual(await journey.answer((callbacks) => set(callbacks, 'ValidatedCreatePasswordCallback', 'New-Passw0rd')), { kind: 'success' });
    assert.equal(await t.identity.verifyPassword(TEST_USER_TYPE, id, 'New-Passw0rd'), true);

    const nobody = await nodeTestServices();
    const anonymous = await driver([sample('UpdatePassword')], nobody.services).start();
    assert.ok(anonymous.kind === 'suspend', 'without a session: the same suspension…');
    assert.equal(anonymous.action.message, suspended.action.message);
    await anonymous.action.deliver('https://login.example.com/?suspendedId=w');
    assert.deepEqual(await nobody.outbox(), [], '…and no email');
  });
});
