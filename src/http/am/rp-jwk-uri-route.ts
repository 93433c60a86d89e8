/**
 * The realm's relying-party key set, as AM publishes it: `GET /am/oauth2/realms/root/realms/<r>/connect/rp/jwk_uri`
 * (the root realm also at `/am/oauth2/realms/root/connect/rp/jwk_uri` and `/am/oauth2/connect/rp/jwk_uri`,
 * and each without `/am`): `{"keys":[…]}` with the public signing and encryption keys in use
 * (active, and retired ones until their time) and self-signed TLS client keys, each with `kid`,
 * `use`, `alg`, `kty` and `x5c`/`x5t`/`x5t#S256` when it has a certificate; never a private member.
 * Public, without authentication, cacheable for 30 minutes (providers such as itsme fetch it to
 * verify the realm's client assertions and to encrypt ID tokens to it).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';

/** How long clients and caches may keep the key set: 30 minutes (a retired key stays published far longer). */
export const RP_JWK_SET_MAX_AGE_SECONDS = 1800;

async function keySet(deps: AppDeps, realmName: string, reply: FastifyReply): Promise<FastifyReply> {
  if (!/^[A-Za-z0-9_-]+$/.test(realmName)) throw httpError(400, `Invalid realm name "${realmName}"`);
  const realm = await deps.realms.get(realmName);
  if (realm === undefined) throw httpError(404, `Realm ${realmName === 'root' ? '/' : `/${realmName}`} not found`);
  const { keys } = await deps.rpKeys.publicJwkSet(realm.name);
  return reply.header('cache-control', `public, max-age=${RP_JWK_SET_MAX_AGE_SECONDS}`).type('application/json').send({ keys });
}

/** Registers the key set under `/am/oauth2` and `/oauth2`. */
export function registerRpJwkUriRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const prefix of ['/am/oauth2', '/oauth2']) {
    const root = async (_request: FastifyRequest, reply: FastifyReply) => keySet(deps, 'root', reply);
    app.get(`${prefix}/connect/rp/jwk_uri`, root);
    app.get(`${prefix}/realms/root/connect/rp/jwk_uri`, root);
    app.get(`${prefix}/realms/root/realms/:realm/connect/rp/jwk_uri`, async (request, reply) => keySet(deps, (request.params as { realm: string }).realm, reply));
  }
}
