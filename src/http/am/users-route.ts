/**
 * `POST …/json[/realms/root[/realms/<realm>]]/users?_action=idFromSession`: who the session of
 * the request belongs to, in AM's shape `{id, realm, dn, successURL, fullLoginURL}`. The session
 * comes from the cookie or the header named like it; without a live one, or with a session of
 * another realm than the path names, the answer is AM's 401 "Access Denied". The legacy path
 * without a realm (`/json/users`, which the platform login UI calls) answers for the session's
 * own realm, as AM does.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { sessionTokenOf } from '../session-token.ts';
import { universalIdOf } from './universal-id.ts';
import { answeredSuccessUrl, redirectRulesOf } from './redirect-targets.ts';

/** The authenticate URL of `tree` in realm `realmName` (`a/b` for nested realms). */
function loginUrlOf(realmName: string, tree: string): string {
  const realms = realmName === 'root' ? '' : realmName.split('/').map((name) => `/realms/${name}`).join('');
  return `/am/json/realms/root${realms}/authenticate?authIndexType=service&authIndexValue=${encodeURIComponent(tree)}`;
}

async function idFromSession(deps: AppDeps, realm: RealmConfig | undefined, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const denied = httpError(401, 'Access Denied');
  const token = sessionTokenOf(request, deps.settings.cookieName);
  const session = token === undefined ? undefined : await deps.sessions.validate(token);
  if (session === undefined) throw denied;
  if (realm !== undefined && session.realm !== realm.name) throw denied;
  const sessionRealm = realm ?? (await deps.realms.get(session.realm));
  if (sessionRealm === undefined) throw denied;
  return reply.send({
    id: session.username,
    realm: realmPath(session.realm),
    dn: universalIdOf(session),
    // The realm's success URL, checked like any target a browser follows (it may have been written with SQL).
    successURL: answeredSuccessUrl(sessionRealm.successUrl, sessionRealm, redirectRulesOf(deps.settings, sessionRealm)),
    fullLoginURL: loginUrlOf(session.realm, session.tree),
  });
}

/** Handles the users endpoint; `realm` is undefined on the legacy path that names none. */
export async function users(deps: AppDeps, realm: RealmConfig | undefined, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const query = request.query as Record<string, unknown> | undefined;
  const action = query !== undefined && Object.hasOwn(query, '_action') ? query._action : undefined;
  if (Array.isArray(action)) throw httpError(400, 'Query parameter _action must appear once');
  if (action === 'idFromSession') return idFromSession(deps, realm, request, reply);
  if (typeof action !== 'string') throw httpError(400, 'The _action query parameter is required: users supports _action=idFromSession');
  throw httpError(400, `Unknown _action ${action}; users supports _action=idFromSession`);
}
