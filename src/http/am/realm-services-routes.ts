/**
 * A realm's services, administrators of the realm only, in AM's shapes under
 * `…/json/realms/root[/realms/<r>]/realm-config/`:
 * - `services/validation`: the Validation Service's `validGotoDestinations`;
 * - `authentication`: `general.externalLoginPageUrl`, `security`'s Login Failure Lockout settings,
 *   `core.orgConfig` (the default journey);
 * - `services/session`: the Session service's `dynamic.maxSessionTime` and `maxIdleTime`;
 * - `settings` (Arbor's own): every setting of the realm as `arbor config export` writes it in
 *   `realm.json` (secrets as references), read and replaced whole.
 * A PUT is checked before anything is stored: a bad value is a 400 naming the field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { redirectRulesFor } from '../../config/allowed-redirect.ts';
import { applyAuthenticationServiceBody, authenticationServiceBody } from '../../config/authentication-service.ts';
import { externalLoginUrlProblem } from '../../config/external-login-url.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { isRealmConfigError, realmConfigError } from '../../config/realm-config-error.ts';
import { applySessionServiceBody, sessionServiceBody } from '../../config/session-service.ts';
import { parseValidationServiceBody, validationServiceBody } from '../../config/validation-service.ts';
import { readRealmFile, realmFileOf } from '../../config-as-code/realm-file.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { selfServiceRoute } from '../selfservice/self-service-route.ts';

async function realmOf(deps: AppDeps, request: FastifyRequest): Promise<RealmConfig> {
  const name = (request.params as Record<string, string | undefined>).realm ?? 'root';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw httpError(400, `Invalid realm name "${name}"`);
  const realm = await deps.selfService.realmStore.get(name);
  if (realm === undefined) throw httpError(404, `Realm ${name === 'root' ? '/' : `/${name}`} not found`);
  return realm;
}

/** Runs `write`, turning a realm configuration error into a 400 naming the field. */
function checked<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isRealmConfigError(error)) throw httpError(400, error.message, error.field === '' ? undefined : { field: error.field });
    throw error;
  }
}

/** The realm a `realm-config/settings` PUT body describes, every field checked, or the 400 naming them. */
function settingsOf(deps: AppDeps, realm: RealmConfig, body: unknown): RealmConfig {
  const read = readRealmFile(body, realm.name, realm, new Map(), realm.selfServiceTrees);
  const problems = read.ok ? [] : [...read.problems];
  if (read.ok && read.realm.userType !== realm.userType) problems.push(`userType: cannot change (it is ${realm.userType}; the realm's identities are of that type)`);
  if (read.ok) {
    const problem = externalLoginUrlProblem(read.realm.externalLoginUrl, redirectRulesFor(deps.settings, read.realm));
    if (problem !== undefined) problems.push(`externalLoginUrl: ${problem}`);
  }
  if (!read.ok || problems.length > 0) throw realmConfigError('INVALID_REALM_SETTINGS', `realm settings: ${problems.join('; ')}`, '');
  return read.realm;
}

/** Registers the services for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerRealmServicesRoutes(app: FastifyInstance, deps: AppDeps, prefix: string): void {
  /** A GET and a PUT of one service: `read` answers it from a realm, `apply` makes the realm a PUT body asks for. */
  const service = (path: string, read: (realm: RealmConfig) => Record<string, unknown>, apply: (realm: RealmConfig, body: unknown) => RealmConfig): void => {
    for (const realmPrefix of [`${prefix}/realms/root`, `${prefix}/realms/root/realms/:realm`]) {
      const url = `${realmPrefix}/realm-config/${path}`;
      app.get(url, selfServiceRoute(deps, 'realm-admin', async (request, reply) => reply.send(read(await realmOf(deps, request)))));
      app.put(
        url,
        selfServiceRoute(deps, 'realm-admin', async (request, reply) => {
          const realm = await realmOf(deps, request);
          const updated = checked(() => apply(realm, request.body));
          await deps.selfService.realmStore.put(updated);
          return reply.send(read(updated));
        }),
      );
    }
  };
  service('services/validation', validationServiceBody, (realm, body) => ({ ...realm, validGotoDestinations: parseValidationServiceBody(body) }));
  service('authentication', authenticationServiceBody, (realm, body) => applyAuthenticationServiceBody(realm, body, redirectRulesFor(deps.settings, realm)));
  service('services/session', sessionServiceBody, applySessionServiceBody);
  service('settings', realmFileOf, (realm, body) => settingsOf(deps, realm, body));
}
