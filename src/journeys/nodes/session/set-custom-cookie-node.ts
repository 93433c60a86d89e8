/**
 * Set Custom Cookie (`SetCustomCookieNode`): adds a cookie of the configuration's `name` and
 * `value` to the answer of the request the node runs in (a step, the success or the failure;
 * with `noSession` too), as AM does, with `maxAge` (seconds), `domain`, `path`,
 * `useSecureCookie`, `useHttpOnlyCookie` and `sameSite` (`LAX`, `STRICT`, `NONE`; NONE is always
 * Secure). A name or value no cookie may have (`;`, spaces, CR/LF…) is refused when the journey
 * is imported; one given at run time (a Configuration Provider script) fails the journey. The
 * session cookie and Arbor's `arbor-*` cookies are never written, whatever the name.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { journeyError } from '../../engine/errors.ts';
import { checkedResponseCookie, COOKIE_NAME_PATTERN, COOKIE_VALUE_PATTERN, type ResponseCookie } from '../../engine/response-cookie.ts';

const SAME_SITE = { LAX: 'Lax', STRICT: 'Strict', NONE: 'None' } as const;

/** Seconds as AM's config gives them: a number, or digits in a string (Configuration Provider scripts). */
function secondsOf(value: number | string | null | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'number' ? value : Number(value);
}

/** Set Custom Cookie: sets the cookie on this request's answer, then `outcome`. */
export const setCustomCookieNode = defineNode({
  type: 'SetCustomCookieNode',
  displayName: 'Set Custom Cookie',
  category: 'utilities',
  description: 'Sets a cookie of your choice in the browser, besides the session cookie.',
  config: Type.Object({
    name: Type.String({ minLength: 1, pattern: COOKIE_NAME_PATTERN, description: 'The cookie name (a token: no spaces or separators).' }),
    value: Type.String({ pattern: COOKIE_VALUE_PATTERN, description: 'The cookie value (no spaces, quotes, commas, semicolons or backslashes).' }),
    maxAge: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]{0,10}$' }), Type.Null()], { description: 'Lifetime in seconds; none: until the browser closes.' })),
    domain: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    path: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    useSecureCookie: Type.Boolean({ default: false }),
    useHttpOnlyCookie: Type.Boolean({ default: false }),
    sameSite: Type.Union([Type.Literal('LAX'), Type.Literal('STRICT'), Type.Literal('NONE')], { default: 'LAX' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const { config } = ctx;
    const maxAgeSeconds = secondsOf(config.maxAge);
    const cookie: ResponseCookie = {
      name: config.name,
      value: config.value,
      ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
      ...(typeof config.domain === 'string' && config.domain !== '' ? { domain: config.domain } : {}),
      ...(typeof config.path === 'string' && config.path !== '' ? { path: config.path } : {}),
      secure: config.useSecureCookie,
      httpOnly: config.useHttpOnlyCookie,
      sameSite: SAME_SITE[config.sameSite],
    };
    try {
      ctx.session.setCookie(checkedResponseCookie(cookie));
    } catch (error) {
      if (error instanceof TypeError) throw journeyError('TREE_INVALID', `node ${ctx.nodeId} (SetCustomCookieNode): ${error.message}`);
      throw error;
    }
    return goTo('outcome');
  },
});
