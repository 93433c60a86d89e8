/**
 * The social capability's protocol endpoints:
 * - `GET /am/oauth2/realms/root[/realms/<r>]/request_uri?requestObjectId=<id>`: a request object
 *   passed by reference, served once (`application/oauth-authz-req+jwt`), 404 otherwise;
 * - `POST /am/oauth2/client/form_post/<provider>` (and the realm forms
 *   `/am/oauth2/realms/root[/realms/<r>]/client/form_post/<provider>`, `/am/oauth2/<r>/client/form_post/<provider>`):
 *   a provider's FORM_POST answer, kept sealed under a single-use `form_post_entry`, and the
 *   browser sent back (303) to the journey's page (the realm's login page, or the provider's
 *   `redirectAfterFormPostURI`) with `form_post_entry` in the query. Posting the RedirectCallback
 *   step again with it resumes the journey exactly as `code` and `state` do.
 * Each path also without `/am`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectRulesFor } from '../../config/allowed-redirect.ts';
import type { RealmRepository } from '../../config/ports.ts';
import { type RealmConfig, realmPath } from '../../config/realm-config.ts';
import type { ServerSettings } from '../../config/server-settings.ts';
import { httpError } from '../../http/errors.ts';
import { resumePage } from '../../journeys/engine/resume-uri.ts';
import type { SocialProviderService } from '../../social/providers/social-provider-service.ts';
import { type RequestObjectStore, takeRequestObject } from '../../social/rp/request-object-store.ts';
import { FORM_POST_FIELDS, type FormPostEntries } from './form-post-entries.ts';

/** What the routes use. */
export interface SocialRouteDeps {
  settings: Pick<ServerSettings, 'publicUrl' | 'corsOrigins'>;
  realms: Pick<RealmRepository, 'get' | 'list'>;
  providers: SocialProviderService;
  requestObjects: RequestObjectStore;
  formPosts: FormPostEntries;
}

const REALM_NAME = /^[A-Za-z0-9_-]+$/;
const PROVIDER_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function params(request: FastifyRequest): Record<string, string | undefined> {
  return request.params as Record<string, string | undefined>;
}

/** The posted fields a provider answers with, each at most once; undefined for anything else. */
function postedAnswer(body: unknown): Record<string, string> | undefined {
  if (typeof body !== 'string') return undefined;
  const form = new URLSearchParams(body);
  const answer: Record<string, string> = {};
  for (const field of FORM_POST_FIELDS) {
    const values = form.getAll(field);
    if (values.length > 1) return undefined;
    if (values[0] !== undefined) answer[field] = values[0];
  }
  return answer.state === undefined ? undefined : answer;
}

/** The realm and stored JSON of provider `name`: in `realmName`, or (no realm in the path) the first realm that has one, root first. */
async function findProvider(deps: SocialRouteDeps, realmName: string | undefined, name: string): Promise<{ realm: RealmConfig; provider: Record<string, unknown> } | undefined> {
  let candidates: RealmConfig[];
  if (realmName === undefined) {
    candidates = (await deps.realms.list()).sort((a, b) => (a.name === 'root' ? -1 : b.name === 'root' ? 1 : a.name < b.name ? -1 : 1));
  } else {
    const realm = REALM_NAME.test(realmName) ? await deps.realms.get(realmName) : undefined;
    candidates = realm === undefined ? [] : [realm];
  }
  for (const realm of candidates) {
    const provider = (await deps.providers.list(realm.name)).find((candidate) => candidate._id === name);
    if (provider !== undefined) return { realm, provider };
  }
  return undefined;
}

/** Registers the routes. */
export async function registerSocialRoutes(app: FastifyInstance, deps: SocialRouteDeps): Promise<void> {
  const serveRequestObject = async (request: FastifyRequest, reply: FastifyReply, realmName: string): Promise<FastifyReply> => {
    if (!REALM_NAME.test(realmName) || (await deps.realms.get(realmName)) === undefined) throw httpError(404, 'Not Found');
    const jwt = await takeRequestObject(deps.requestObjects, (request.query as Record<string, unknown>).requestObjectId);
    if (jwt === undefined) throw httpError(404, 'No such request object');
    return reply.header('cache-control', 'no-store').type('application/oauth-authz-req+jwt').send(jwt);
  };

  const receiveFormPost = async (request: FastifyRequest, reply: FastifyReply, realmName: string | undefined): Promise<FastifyReply> => {
    const name = params(request).name ?? '';
    if (!PROVIDER_NAME.test(name)) throw httpError(404, 'Not Found');
    const answer = postedAnswer(request.body);
    if (answer === undefined) throw httpError(400, 'A form_post answer is an application/x-www-form-urlencoded body with one state and a code or an error');
    const found = await findProvider(deps, realmName, name);
    if (found === undefined) throw httpError(404, `No social provider named ${name}`);
    const entry = await deps.formPosts.put({ realm: found.realm.name, provider: name, answer });
    const custom = found.provider.redirectAfterFormPostURI;
    let target: URL;
    if (typeof custom === 'string' && custom !== '') {
      target = new URL(custom);
    } else {
      target = new URL(resumePage(found.realm, redirectRulesFor(deps.settings, found.realm)));
      target.searchParams.set('realm', realmPath(found.realm.name));
    }
    target.searchParams.set('form_post_entry', entry);
    return reply.code(303).header('cache-control', 'no-store').header('location', target.href).send();
  };

  // Providers post forms: the parser lives in this scope only, so no other route takes form bodies.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    for (const prefix of ['/am/oauth2', '/oauth2']) {
      scope.get(`${prefix}/realms/root/request_uri`, (request, reply) => serveRequestObject(request, reply, 'root'));
      scope.get(`${prefix}/realms/root/realms/:realm/request_uri`, (request, reply) => serveRequestObject(request, reply, params(request).realm ?? ''));
      scope.post(`${prefix}/client/form_post/:name`, (request, reply) => receiveFormPost(request, reply, undefined));
      scope.post(`${prefix}/realms/root/client/form_post/:name`, (request, reply) => receiveFormPost(request, reply, 'root'));
      scope.post(`${prefix}/realms/root/realms/:realm/client/form_post/:name`, (request, reply) => receiveFormPost(request, reply, params(request).realm ?? ''));
      scope.post(`${prefix}/:realm/client/form_post/:name`, (request, reply) => receiveFormPost(request, reply, params(request).realm ?? ''));
    }
  });
}
