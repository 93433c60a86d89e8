/**
 * Zero Page Login Collector (`ZeroPageLoginNode`): takes the username and password from request
 * headers, as AM does. The default headers (`X-OpenAM-Username`, `X-OpenAM-Password`, RFC 2047
 * words decoded) reach it through `request.zeroPageLogin`; other configured names are read from
 * the headers the operator lets nodes see (`ARBOR_NODE_HEADERS`, which never includes a header
 * named like a password). `true` when either header is there (and, without
 * `allowWithoutReferer`, the `Referer` is on `referrerWhiteList`): the username goes to
 * `shared.username`, the password to `transient.password`. `false` otherwise. A tree that has this
 * node is never zero-page filled by the engine: the node decides.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import type { RequestFacts } from '../../engine/node-context.ts';

const DEFAULT_USERNAME_HEADER = 'x-openam-username';
const DEFAULT_PASSWORD_HEADER = 'x-openam-password';

/** The value of header `name` for this node, undefined when the request lacks it. */
function headerValue(request: RequestFacts, name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  const zeroPage = request.zeroPageLogin?.();
  if (lower === DEFAULT_USERNAME_HEADER) return zeroPage?.username;
  if (lower === DEFAULT_PASSWORD_HEADER) return zeroPage?.password;
  // Other names: only headers the operator exposes to nodes (never a password-like name).
  return Object.hasOwn(request.headers, lower) ? request.headers[lower] : undefined;
}

/** Zero Page Login Collector: `true` with credentials from headers, `false` without. */
export const zeroPageLoginNode = defineNode({
  type: 'ZeroPageLoginNode',
  displayName: 'Zero Page Login Collector',
  category: 'basic authentication',
  description: 'Takes the username and password from request headers.',
  config: Type.Object({
    usernameHeader: Type.String({ default: 'X-OpenAM-Username', minLength: 1, description: 'Header holding the username.' }),
    passwordHeader: Type.String({ default: 'X-OpenAM-Password', minLength: 1, description: 'Header holding the password.' }),
    allowWithoutReferer: Type.Boolean({ default: true, description: 'Accept requests without a Referer header (a Referer that is present is not checked).' }),
    referrerWhiteList: Type.Array(Type.String(), { default: [], description: 'Referers accepted when a Referer is required.' }),
  }),
  outcomes: ['true', 'false'],
  process(ctx): NodeAction {
    const { config, request } = ctx;
    const username = headerValue(request, config.usernameHeader);
    const password = headerValue(request, config.passwordHeader);
    if (username === undefined && password === undefined) return goTo('false');
    if (!config.allowWithoutReferer) {
      const referer = request.zeroPageLogin?.().referer ?? request.headers['referer'];
      if (referer === undefined || !config.referrerWhiteList.includes(referer)) return goTo('false');
    }
    if (username !== undefined) ctx.state.shared['username'] = username;
    if (password !== undefined) ctx.state.transient['password'] = password;
    return goTo('true');
  },
});
