/**
 * Cross-process invalidation over a channel of the test's own (an in-memory bus standing for
 * Redis or PostgreSQL, which can drop and come back): what one process invalidates reaches the
 * others' caches and is not sent again; own echoes and foreign payloads are ignored; a
 * reconnection empties every cache once (realm keys included); a failed publish makes the others
 * drop everything once the channel works again; closing waits for the messages still being sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CacheKind } from './cache-invalidation.ts';
import { EVERY_KEY } from './cache-invalidation.ts';
import type { InvalidationChannel, InvalidationChannelHandlers } from './cross-process-invalidation.ts';
import { crossProcessInvalidation } from './cross-process-invalidation.ts';

/** A pub/sub bus: every published payload reaches every listener (the publisher too, as Redis and NOTIFY do). */
function bus() {
  const listeners = new Set<InvalidationChannelHandlers>();
  const published: string[] = [];
  let down = false;
  const channel = (): InvalidationChannel & { handlers(): InvalidationChannelHandlers } => {
    let mine: InvalidationChannelHandlers | undefined;
    return {
      async listen(handlers) {
        mine = handlers;
        listeners.add(handlers);
      },
      async publish(payload) {
        if (down) throw new Error('connection lost');
        published.push(payload);
        for (const listener of listeners) listener.message(payload);
      },
      async close() {
        if (mine !== undefined) listeners.delete(mine);
      },
      handlers() {
        assert.ok(mine !== undefined);
        return mine;
      },
    };
  };
  return {
    channel,
    published,
    setDown(value: boolean) {
      down = value;
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Records what the caches of one process are told. */
function heard(invalidation: { subscribe(listener: (kind: CacheKind, key: string) => void): () => void }): [CacheKind, string][] {
  const seen: [CacheKind, string][] = [];
  invalidation.subscribe((kind, key) => void seen.push([kind, key]));
  return seen;
}

describe('crossProcessInvalidation', () => {
  it('applies an invalidation here at once and in every other process, publishing it once', async () => {
    const shared = bus();
    const a = await crossProcessInvalidation(shared.channel());
    const b = await crossProcessInvalidation(shared.channel());
    const c = await crossProcessInvalidation(shared.channel());
    const [seenA, seenB, seenC] = [heard(a), heard(b), heard(c)];
    a.invalidate('journey', 'alpha/Login');
    assert.deepEqual(seenA, [['journey', 'alpha/Login']], 'applied locally before any message');
    await settle();
    assert.deepEqual(seenA, [['journey', 'alpha/Login']], 'its own echo is ignored');
    assert.deepEqual(seenB, [['journey', 'alpha/Login']]);
    assert.deepEqual(seenC, [['journey', 'alpha/Login']]);
    assert.equal(shared.published.length, 1, 'receivers do not publish again');
  });

  it('ignores payloads that are not invalidations', async () => {
    const shared = bus();
    const a = await crossProcessInvalidation(shared.channel());
    const seen = heard(a);
    const other = shared.channel();
    await other.listen({ message() {}, resumed() {}, error() {} });
    for (const payload of ['', 'null', '[]', '{"o":"x","k":"users","key":"a"}', '{"o":"x","k":"config"}', '{"k":"config","key":"a"}', `{"o":"x","k":"config","key":"${'a'.repeat(5000)}"}`, '{"o":"x","all":"yes"}']) {
      await other.publish(payload);
    }
    await settle();
    assert.deepEqual(seen, []);
    await other.publish('{"o":"x","k":"config","key":"managed"}');
    assert.deepEqual(seen, [['config', 'managed']], 'a well-formed one still works');
  });

  it('empties every cache once after a reconnection, without publishing', async () => {
    const shared = bus();
    const channel = shared.channel();
    const a = await crossProcessInvalidation(channel);
    const seen = heard(a);
    channel.handlers().resumed();
    assert.deepEqual(seen, [
      ['config', EVERY_KEY],
      ['realm', EVERY_KEY],
      ['journey', EVERY_KEY],
      ['keys', EVERY_KEY],
    ]);
    assert.equal(shared.published.length, 0);
  });

  it('after a failed publish, tells the others to drop everything once it can publish again; reports the failure once', async () => {
    const shared = bus();
    const errors: unknown[] = [];
    const channel = shared.channel();
    const a = await crossProcessInvalidation(channel, { onError: (error) => void errors.push(error) });
    const b = await crossProcessInvalidation(shared.channel());
    const seenB = heard(b);
    shared.setDown(true);
    a.invalidate('config', 'managed');
    a.invalidate('realm', 'alpha');
    await settle();
    assert.deepEqual(seenB, [], 'the messages were lost');
    assert.equal(errors.length, 1, 'one report per outage');
    shared.setDown(false);
    channel.handlers().resumed();
    await settle();
    assert.deepEqual(seenB, [
      ['config', EVERY_KEY],
      ['realm', EVERY_KEY],
      ['journey', EVERY_KEY],
      ['keys', EVERY_KEY],
    ]);
    a.invalidate('config', 'x');
    await settle();
    assert.deepEqual(seenB.at(-1), ['config', 'x']);
    assert.equal(seenB.length, 5, 'the catch-up was sent once');
  });

  it('a failed publish with the listening side still up is caught up by the next publish that works', async () => {
    const shared = bus();
    const a = await crossProcessInvalidation(shared.channel(), { onError: () => {} });
    const b = await crossProcessInvalidation(shared.channel());
    const seenB = heard(b);
    shared.setDown(true);
    a.invalidate('journey', 'alpha/Login');
    await settle();
    shared.setDown(false);
    a.invalidate('journey', 'alpha/Other');
    await settle();
    assert.deepEqual(seenB, [
      ['journey', 'alpha/Other'],
      ['config', EVERY_KEY],
      ['realm', EVERY_KEY],
      ['journey', EVERY_KEY],
      ['keys', EVERY_KEY],
    ]);
  });

  it('a key pair change reaches the other processes as keys of the realm', async () => {
    const shared = bus();
    const a = await crossProcessInvalidation(shared.channel());
    const b = await crossProcessInvalidation(shared.channel());
    const seenB = heard(b);
    a.invalidate('keys', 'alpha');
    await settle();
    assert.deepEqual(seenB, [['keys', 'alpha']]);
  });

  it('closing waits for the messages still being sent (a CLI command closes right after its write), then closes the channel', async () => {
    const shared = bus();
    const b = await crossProcessInvalidation(shared.channel());
    const seenB = heard(b);
    const slow = shared.channel();
    const events: string[] = [];
    const a = await crossProcessInvalidation({
      listen: (handlers) => slow.listen(handlers),
      async publish(payload) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await slow.publish(payload);
        events.push('published');
      },
      async close() {
        events.push('closed');
        await slow.close();
      },
    });
    a.invalidate('keys', 'alpha');
    a.invalidate('config', 'managed');
    await a.close();
    assert.deepEqual(events, ['published', 'published', 'closed']);
    assert.deepEqual(seenB, [['keys', 'alpha'], ['config', 'managed']]);
  });

  it('reports a message that could not be sent while closing', async () => {
    const shared = bus();
    const errors: unknown[] = [];
    const a = await crossProcessInvalidation(shared.channel(), { onError: (error) => void errors.push(error) });
    shared.setDown(true);
    a.invalidate('keys', 'alpha');
    await a.close();
    assert.equal(errors.length, 1);
  });

  it('stops publishing once closed', async () => {
    const shared = bus();
    const a = await crossProcessInvalidation(shared.channel());
    await a.close();
    a.invalidate('config', 'managed');
    await settle();
    assert.equal(shared.published.length, 0);
  });
});
