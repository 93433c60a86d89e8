/**
 * Journey revisions over HTTP on a real server, on SQLite and on PostgreSQL: a journey re-imported
 * with `arbor journey import` while the server runs takes effect for new journeys at once, and a
 * journey started before the change finishes on the version it started with, the inner tree it was
 * in included. A tree the journey had not entered yet is run at the version current when it enters
 * it. A change written behind Arbor's back (another process) is seen by new journeys once the cache
 * TTL has passed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CACHE_TTL_MS } from '../../src/cache/cache-ttl.ts';
import { buildJourney, importJourneyJson } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
const AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';

interface WireStep {
  authId?: string;
  tokenId?: string;
  callbacks?: { type: string; output: { name: string; value: unknown }[]; input?: { name: string; value: unknown }[] }[];
  code?: number;
  detail?: { errorCode?: string };
}

/** The outer tree: a message, the inner tree, a last message. `label` says which version a step comes from. */
function outerTree(label: string) {
  return buildJourney('Versioned', 'managed/alpha_user', [
    { key: 'start', type: 'MessageNode', config: { message: { en: `outer ${label} start` } }, connections: { true: 'inner', false: 'failure' } },
    { key: 'inner', type: 'InnerTreeEvaluatorNode', config: { tree: 'VersionedInner' }, connections: { true: 'end', false: 'failure' } },
    { key: 'end', type: 'MessageNode', config: { message: { en: `outer ${label} end` } }, connections: { true: 'success', false: 'failure' } },
  ]);
}

/** The inner tree: two messages. */
function innerTree(label: string) {
  return buildJourney('VersionedInner', 'managed/alpha_user', [
    { key: 'first', type: 'MessageNode', config: { message: { en: `inner ${label} first` } }, connections: { true: 'second', false: 'failure' } },
    { key: 'second', type: 'MessageNode', config: { message: { en: `inner ${label} second` } }, connections: { true: 'success', false: 'failure' } },
  ]);
}

for (const backend of [
  { name: 'SQLite', skip: false as const, postgresUrl: undefined },
  { name: 'PostgreSQL', skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : (false as const), postgresUrl: POSTGRES_URL },
]) {
  describe(`journey revisions on a running server (${backend.name})`, { skip: backend.skip }, () => {
    let server: TestServer;

    const post = async (url: string, body: unknown): Promise<{ status: number; body: WireStep }> => {
      const response = await fetch(`${server.baseUrl}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as WireStep };
    };
    /** Starts `Versioned` without a session; resolves to the first step. */
    const start = async (): Promise<WireStep> => (await post(`${AUTHENTICATE}?authIndexType=service&authIndexValue=Versioned&noSession=true`, {})).body;
    /** Answers a message step with its positive answer. */
    const confirm = async (step: WireStep): Promise<{ status: number; body: WireStep }> => {
      const answered = structuredClone(step);
      const confirmation = answered.callbacks?.find((callback) => callback.type === 'ConfirmationCallback')?.input?.[0];
      assert.ok(confirmation !== undefined, `a message step: ${JSON.stringify(step)}`);
      confirmation.value = 0;
      return post(AUTHENTICATE, answered);
    };
    /** The message a step shows. */
    const message = (step: WireStep): unknown => step.callbacks?.find((callback) => callback.type === 'TextOutputCallback')?.output.find((output) => output.name === 'message')?.value;
    /** Confirms `step` and expects the next message. */
    const next = async (step: WireStep, expected: string): Promise<WireStep> => {
      const answer = await confirm(step);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(message(answer.body), expected, JSON.stringify(answer.body));
      return answer.body;
    };
    /** Confirms the last step and expects a success without a session. */
    const finish = async (step: WireStep): Promise<void> => {
      const answer = await confirm(step);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.tokenId, undefined);
      assert.equal(answer.body.callbacks, undefined, `a success: ${JSON.stringify(answer.body)}`);
    };
    const importVersion = async (label: string): Promise<void> => {
      const imported = await importJourneyJson(server, { trees: { VersionedInner: innerTree(label), Versioned: outerTree(label) } }, 'alpha');
      assert.equal(imported.code, 0, imported.err + imported.out);
    };

    before(async () => {
      server = await startTestServer(backend.postgresUrl === undefined ? {} : { postgresUrl: backend.postgresUrl });
      await importVersion('v1');
    });
    after(async () => server?.close());

    it('a journey re-imported while the server runs takes effect for new journeys at once, and a journey started before the change finishes on the old version', async () => {
      const first = await start();
      assert.equal(message(first), 'outer v1 start');
      const insideInner = await next(first, 'inner v1 first'); // the journey is inside the inner tree
      const notYetInner = await start(); // another journey, not in the inner tree yet

      await importVersion('v2');

      const fresh = await start();
      assert.equal(message(fresh), 'outer v2 start', 'a new journey starts on the new version at once');
      await finish(await next(await next(await next(fresh, 'inner v2 first'), 'inner v2 second'), 'outer v2 end'));

      const innerOld = await next(insideInner, 'inner v1 second'); // the inner tree changed mid-flight: still v1
      await finish(await next(innerOld, 'outer v1 end')); // and the outer tree too

      // Only the trees a journey has entered are pinned: the inner tree is run at the version current when it is entered.
      await finish(await next(await next(await next(notYetInner, 'inner v2 first'), 'inner v2 second'), 'outer v1 end'));
    });

    it('a re-import equal to the running version changes nothing for a running journey', async () => {
      await importVersion('v3');
      const running = await start();
      await importVersion('v3');
      await finish(await next(await next(await next(running, 'inner v3 first'), 'inner v3 second'), 'outer v3 end'));
    });

    it('a journey imported behind Arbor\u2019s back (another process) is seen by new journeys once the cache TTL has passed; a running one keeps its version', async () => {
      await importVersion('v4');
      const running = await next(await start(), 'inner v4 first');
      const imported = await importJourneyJson(server, { trees: { VersionedInner: innerTree('v5'), Versioned: outerTree('v5') } }, 'alpha', { announce: false });
      assert.equal(imported.code, 0, imported.err + imported.out);
      server.clock.advance(CACHE_TTL_MS);
      const fresh = await start();
      assert.equal(message(fresh), 'outer v5 start');
      await finish(await next(await next(await next(fresh, 'inner v5 first'), 'inner v5 second'), 'outer v5 end'));
      await finish(await next(await next(running, 'inner v4 second'), 'outer v4 end'));
    });
  });
}
