/** The fuzz checks catch what they must: a 5xx, a malformed error body, an HTML answer from REST, pollution. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { assertPrototypesClean, assertSoundAnswer, prototypeSnapshot } from './fuzz-checks.ts';

function answer(statusCode: number, body: string, contentType = 'application/json; charset=utf-8', extra: Record<string, string> = {}): LightMyRequestResponse {
  return { statusCode, body, headers: { 'content-type': contentType, ...extra } } as unknown as LightMyRequestResponse;
}

it('passes sound answers: JSON success, ForgeRock errors, OAuth errors on the provider, pages, redirects', () => {
  assertSoundAnswer(answer(200, '{"authId":"x"}'), 'crest', 'ok');
  assertSoundAnswer(answer(400, '{"code":400,"reason":"Bad Request","message":"no"}'), 'crest', 'error');
  assertSoundAnswer(answer(400, '{"error":"invalid_request"}'), 'oauth', 'oauth');
  assertSoundAnswer(answer(400, '<!doctype html>', 'text/html; charset=utf-8'), 'page', 'page');
  assertSoundAnswer(answer(302, '', 'text/plain', { location: '/login' }), 'page', 'redirect');
});

it('fails a 5xx, an error whose code is not its status, a non-JSON error, an HTML answer from REST and an OAuth error on REST', () => {
  assert.throws(() => assertSoundAnswer(answer(500, '{"code":500,"reason":"x","message":"x"}'), 'crest', 'a'), /a → 500/);
  assert.throws(() => assertSoundAnswer(answer(503, '<html>', 'text/html'), 'page', 'b'), /b → 503/);
  assert.throws(() => assertSoundAnswer(answer(400, '{"code":401,"reason":"x","message":"x"}'), 'crest', 'c'), /code is not the status/);
  assert.throws(() => assertSoundAnswer(answer(400, 'oops'), 'crest', 'd'), /not JSON/);
  assert.throws(() => assertSoundAnswer(answer(400, '<p>', 'text/html'), 'crest', 'e'), /HTML answer from a REST route/);
  assert.throws(() => assertSoundAnswer(answer(400, '{"error":"x"}'), 'crest', 'f'), /code is not the status/);
  assert.throws(() => assertSoundAnswer(answer(404, ''), 'crest', 'g'), /without a body/);
});

it('sees a property added to Object.prototype, and removes it', () => {
  const before = prototypeSnapshot();
  Object.defineProperty(Object.prototype, 'polluted', { value: 'yes', configurable: true, writable: true });
  assert.throws(() => assertPrototypesClean(before, 'a case'), /prototype pollution after a case/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.doesNotThrow(() => assertPrototypesClean(before, 'the clean-up'));
});
