/**
 * `POST …/json/realms/root[/realms/<r>]/authenticate`: starts a journey (empty body or `{}`),
 * or continues one (body with `authId`), exactly as AM answers the ForgeRock SDKs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../config/realm-config.ts';
import type { RequestFacts } from '../../journeys/engine/node-context.ts';
import type { JourneyResponse } from '../../journeys/engine/journey-service.ts';
import { setCookieHeaders } from '../../journeys/engine/response-cookie.ts';
import type { AppDeps } from '../app-deps.ts';
import { sessionCookie } from '../cookies.ts';
import { errorBody, httpError } from '../errors.ts';
import { requestFacts } from '../request-facts.ts';
import { existingSession } from '../existing-session.ts';
import { decodeHeaderWord } from './header-word.ts';
import { answeredFailureUrl, answeredSuccessUrl, checkedRedirect, redirectRulesOf } from './redirect-targets.ts';

function queryString(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw httpError(400, `Query parameter ${name} must appear once`);
  return value;
}

function send(deps: AppDeps, realm: RealmConfig, reply: FastifyReply, result: JourneyResponse): FastifyReply {
  reply.header('Content-API-Version', 'resource=2.1');
  // Cookies nodes set (never the session cookie), before the session cookie of a success.
  for (const value of setCookieHeaders(result.cookies, deps.settings.cookieName)) reply.header('Set-Cookie', value);
  const rules = redirectRulesOf(deps.settings, realm);
  switch (result.kind) {
    case 'step': {
      const { kind: _kind, cookies: _cookies, ...body } = result;
      return reply.code(200).send(body);
    }
    case 'success': {
      // Set Success Details fields come first: AM's own fields are never overridden.
      const details = result.details ?? {};
      const successUrl = answeredSuccessUrl(result.successUrl, realm, rules);
      if (result.tokenId !== undefined) {
        reply.header('Set-Cookie', sessionCookie(deps.settings, result.tokenId));
        return reply.code(200).send({ ...details, tokenId: result.tokenId, successUrl, realm: result.realm });
      }
      return reply.code(200).send({ ...details, successUrl, realm: result.realm });
    }
    case 'failure':
      return reply.code(401).send(errorBody(401, result.message, { ...result.details, failureUrl: answeredFailureUrl(result.failureUrl, rules) }));
  }
}

/** Adds the zero-page login headers for the Zero Page Login Collector node, when the client sent any. */
function withZeroPageLogin(facts: RequestFacts, username: string | undefined, password: string | undefined, referer: string | undefined): RequestFacts {
  if (username === undefined && password === undefined) return facts;
  const headers = {
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(typeof referer === 'string' ? { referer } : {}),
  };
  return { ...facts, zeroPageLogin: () => ({ ...headers }) };
}

/** Handles one authenticate request for `realm`. */
export async function authenticate(deps: AppDeps, realm: RealmConfig, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body: unknown = request.body;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw httpError(400, 'The request body must be a JSON object (the previous step) or empty');
  }
  const step = (body ?? {}) as Record<string, unknown>;
  const username = decodeHeaderWord(request.headers['x-openam-username']);
  const password = decodeHeaderWord(request.headers['x-openam-password']);
  const facts = withZeroPageLogin(requestFacts(request, realm.name, await existingSession(deps, request), deps.settings), username, password, request.headers.referer);
  const suspendedId = queryString(request, 'suspendedId');
  if (suspendedId !== undefined && step.authId === undefined) {
    return send(deps, realm, reply, await deps.journeys.resume({ realm, suspendedId, request: facts }));
  }
  if (step.authId !== undefined) {
    if (typeof step.authId !== 'string') throw httpError(400, 'authId must be a string');
    return send(deps, realm, reply, await deps.journeys.continue({ realm, authId: step.authId, callbacks: step.callbacks ?? [], request: facts }));
  }
  if (step.callbacks !== undefined) throw httpError(400, 'A body with callbacks must carry the authId of the step it answers');
  const authIndexType = queryString(request, 'authIndexType') ?? 'service';
  if (authIndexType !== 'service') throw httpError(400, `authIndexType ${authIndexType} is not supported; use authIndexType=service`);
  const tree = queryString(request, 'authIndexValue') ?? realm.journeys.defaultTree;
  if (tree === '' || tree.length > 200) throw httpError(400, 'authIndexValue must name a journey');
  const rules = redirectRulesOf(deps.settings, realm);
  const successUrl = checkedRedirect(queryString(request, 'goto'), rules);
  const failureUrl = checkedRedirect(queryString(request, 'gotoOnFail'), rules);
  const result = await deps.journeys.start({
    realm,
    authIndexType,
    authIndexValue: tree,
    request: facts,
    noSession: queryString(request, 'noSession') === 'true',
    ...(successUrl === undefined ? {} : { successUrl }),
    ...(failureUrl === undefined ? {} : { failureUrl }),
    ...(username !== undefined && password !== undefined ? { credentials: { username, password } } : {}),
  });
  return send(deps, realm, reply, result);
}
