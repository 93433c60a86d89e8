/**
 * What the OpenID provider refuses or fails, in the log of the request concerned. oidc-provider
 * answers a client with an error and a short description and keeps the reason to itself
 * (`error_detail`: the client's `jwks_uri` could not be fetched, an assertion's signature did not
 * verify), and it logs nothing. Each refusal is logged at `info` (a client's mistake, not Arbor's)
 * with the route, the error, its description and detail, the errors it was caused by and the client id; a server error at
 * `error` with its stack; a failed back-channel logout at `warn`. Lines carry the request's id
 * (the request's own logger, remembered by `rememberRequestLog`); never a token or a secret: only
 * these fields are written.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { KoaContextWithOIDC, Provider } from 'oidc-provider';

const logs = new WeakMap<IncomingMessage, FastifyBaseLogger>();

/** The routes' error events, each named `<route>.error`. */
const REFUSALS = [
  'authorization',
  'grant',
  'userinfo',
  'introspection',
  'revocation',
  'jwks',
  'discovery',
  'end_session',
  'end_session_confirm',
  'end_session_success',
  'device_authorization',
  'code_verification',
  'device_resume',
  'pushed_authorization_request',
  'backchannel_authentication',
  'registration_create',
  'registration_read',
  'registration_update',
  'registration_delete',
] as const;

/** Logs what the provider does with `raw` through `log`. */
export function rememberRequestLog(raw: IncomingMessage, log: FastifyBaseLogger): void {
  logs.set(raw, log);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, 500) : undefined;
}

/**
 * Why, in words: the description (else message) of each error the refusal was caused by, outermost
 * first (oidc-provider wraps a failed fetch of a client's keys twice), at most four.
 */
function causesOf(error: object): string[] {
  const causes: string[] = [];
  let cause: unknown = Object.hasOwn(error, 'cause') ? Reflect.get(error, 'cause') : undefined;
  while (typeof cause === 'object' && cause !== null && causes.length < 4) {
    const said = text(Object.hasOwn(cause, 'error_description') ? Reflect.get(cause, 'error_description') : undefined) ?? text(Object.hasOwn(cause, 'message') ? Reflect.get(cause, 'message') : undefined);
    if (said !== undefined) causes.push(said);
    cause = Object.hasOwn(cause, 'cause') ? Reflect.get(cause, 'cause') : undefined;
  }
  return causes;
}

/** The fields of a refusal worth a line: never the request's parameters. */
export function refusalFields(route: string, ctx: KoaContextWithOIDC, error: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { route };
  if (typeof error === 'object' && error !== null) {
    fields.error = text(Reflect.get(error, 'error'));
    fields.description = text(Reflect.get(error, 'error_description'));
    fields.detail = text(Reflect.get(error, 'error_detail'));
    const causes = causesOf(error);
    if (causes.length > 0) fields.causes = causes;
  }
  const client = ctx.oidc?.client?.clientId;
  if (client !== undefined) fields.client = text(client);
  return fields;
}

/** Logs `provider`'s refusals and failures in the logs of the requests they concern. */
export function logProviderErrors(provider: Provider): void {
  // Its typings list each event's listener one by one; the refusals share one.
  const events: EventEmitter = provider;
  for (const route of REFUSALS) {
    events.on(`${route}.error`, (ctx: KoaContextWithOIDC, error: unknown) => {
      logs.get(ctx.req)?.info(refusalFields(route, ctx, error), 'the OpenID provider refused a request');
    });
  }
  provider.on('server_error', (ctx: KoaContextWithOIDC, error: unknown) => {
    logs.get(ctx.req)?.error({ ...refusalFields(ctx.oidc?.route ?? 'unknown', ctx, error), err: error }, 'the OpenID provider failed');
  });
  provider.on('backchannel.error', (ctx: KoaContextWithOIDC, error: unknown) => {
    logs.get(ctx.req)?.warn(refusalFields('backchannel_logout', ctx, error), 'a back-channel logout was not delivered');
  });
}
