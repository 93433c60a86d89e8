/**
 * Fuzz target 6, authIds and suspendedIds: a real step of a real journey comes back with its
 * `authId` replaced (random, truncated, bit-flipped, segments swapped, another journey's or
 * realm's, re-signed with `alg: none`) in the body or the query; `suspendedId`s (random, mutated
 * real-looking ones) go to the authenticate REST and to the journey pages.
 */
import fc from 'fast-check';
import { authenticateUrl, type FuzzArbor } from './fuzz-arbor.ts';
import { assertSoundAnswer } from './fuzz-checks.ts';
import { caseProperty, type FuzzTarget } from './fuzz-target.ts';
import { mutatedToken, nastyString, percentEncode, randomJwt, segment } from './hostile-values.ts';

const JOURNEYS = ['Login', 'Registration', 'ResetPassword', 'ForgottenUsername'];

/** The first step of `journey`, or undefined when it does not start (disabled in the realm). */
interface FirstStep {
  realm: 'root' | 'alpha';
  journey: string;
  authId: string;
  body: string;
}

async function firstStep(arbor: FuzzArbor, realm: 'root' | 'alpha', journey: string): Promise<FirstStep | undefined> {
  const response = await arbor.inject({ method: 'POST', url: `${authenticateUrl(realm)}?authIndexType=service&authIndexValue=${journey}` });
  const step = response.json<{ authId?: unknown }>();
  return typeof step.authId === 'string' ? { realm, journey, authId: step.authId, body: response.body } : undefined;
}

/** A JWT with the claims of `real` and another header: `alg: none`, unknown kid, HS512. */
function resigned(real: string, header: Record<string, unknown>): string {
  const [, payload = ''] = real.split('.');
  return `${segment(header)}.${payload}.`;
}

/** authIds and suspendedIds. */
export const journeyTokensTarget: FuzzTarget = {
  name: 'authIds and suspendedIds',
  async prepare(arbor) {
    const steps: FirstStep[] = [];
    for (const realm of ['alpha', 'root'] as const) {
      for (const journey of JOURNEYS) {
        const step = await firstStep(arbor, realm, journey);
        if (step !== undefined) steps.push(step);
      }
    }
    if (!steps.some((step) => step.realm === 'root') || !steps.some((step) => step.realm === 'alpha')) throw new Error('no journey starts in alpha or root');
    const authIds = steps.map((step) => step.authId);
    const authId = fc.oneof(
      { weight: 4, arbitrary: mutatedToken(authIds) },
      { weight: 1, arbitrary: fc.constantFrom(...authIds) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...authIds), fc.constantFrom<Record<string, unknown>>({ alg: 'none' }, { alg: 'HS256', kid: 'unknown' }, { alg: 'HS512' }, { alg: 'RS256', kid: '../../x' }, { typ: 'JWT' })).map(([real, header]) => resigned(real, header)) },
      { weight: 2, arbitrary: randomJwt },
    );
    const suspendedId = fc.oneof(fc.base64String({ minLength: 40, maxLength: 48 }).map((value) => value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')), mutatedToken(authIds), nastyString, fc.constant('a'.repeat(201)));
    const input = fc.oneof(
      fc.record({ kind: fc.constant('body' as const), step: fc.nat(steps.length - 1), authId }),
      fc.record({ kind: fc.constant('query' as const), step: fc.nat(steps.length - 1), authId }),
      fc.record({ kind: fc.constant('suspended' as const), step: fc.nat(steps.length - 1), suspendedId, page: fc.boolean() }),
    );
    return caseProperty(input, async (sent) => {
      const step = steps[sent.step] ?? steps[0];
      if (step === undefined) return;
      const base = `${authenticateUrl(step.realm)}?authIndexType=service&authIndexValue=${step.journey}`;
      if (sent.kind === 'suspended') {
        const url = sent.page ? `/login?realm=${step.realm}&journey=${step.journey}&suspendedId=${percentEncode(sent.suspendedId)}` : `${base}&suspendedId=${percentEncode(sent.suspendedId)}`;
        const response = await arbor.inject({ method: sent.page ? 'GET' : 'POST', url });
        assertSoundAnswer(response, sent.page ? 'page' : 'crest', `${url.slice(0, 300)}`);
        return;
      }
      const body = JSON.parse(step.body) as Record<string, unknown>;
      const url = sent.kind === 'query' ? `${base}&authId=${percentEncode(String(sent.authId))}` : base;
      if (sent.kind === 'body') body.authId = sent.authId;
      else delete body.authId;
      const response = await arbor.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      assertSoundAnswer(response, 'crest', `${step.realm}/${step.journey} with authId ${String(sent.authId).slice(0, 300)} in the ${sent.kind}`);
    });
  },
};
