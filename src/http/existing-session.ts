/** The live SSO session a request carries (its cookie or header), as the journey engine sees it; undefined without one. */
import type { FastifyRequest } from 'fastify';
import type { ExistingSession } from '../journeys/engine/node-context.ts';
import type { AppDeps } from './app-deps.ts';
import { sessionTokenOf } from './session-token.ts';

/** The session of `request`, checked (not touched). */
export async function existingSession(deps: Pick<AppDeps, 'settings' | 'sessions'>, request: FastifyRequest): Promise<ExistingSession | undefined> {
  const token = sessionTokenOf(request, deps.settings.cookieName);
  if (token === undefined) return undefined;
  const session = await deps.sessions.validate(token);
  if (session === undefined) return undefined;
  return { username: session.username, userId: session.userId, realm: session.realm, properties: session.properties };
}
