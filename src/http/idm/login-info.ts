/**
 * IDM's `info/login` answer for a caller: who they authenticated as (`authenticationId`) and what
 * IDM authorizes them as (`authorization`: the object's `id`, its `component`, the internal
 * `roles`, and the `moduleId` that authenticated them). End users are their managed object
 * (`managed/alpha_user/<_id>`, role `openidm-authorized`); `amadmin` is IDM's `openidm-admin`
 * (`internal/user`, roles `openidm-admin` and `openidm-authorized`), as ForgeRock's platform maps
 * it, so that platform UIs tell administrators from end users the way they do on ForgeRock.
 * An end user's internal roles (`authzRoles`: `realm-admin-alpha`, `auditor`…) follow theirs, so
 * that the admin app knows which realms a realm administrator or auditor may open.
 */
import type { IdmCaller } from './idm-caller.ts';

/** The role of every authenticated caller. */
export const AUTHORIZED_ROLE = 'internal/role/openidm-authorized';

/** The administrators' role. */
export const ADMIN_ROLE = 'internal/role/openidm-admin';

/** The body of `GET /openidm/info/login` and `POST /openidm/authentication?_action=login`. */
export interface LoginInfo {
  _id: 'login';
  authenticationId: string;
  authorization: {
    id: string;
    component: string;
    roles: string[];
    moduleId: string;
  };
}

/** IDM's name of the way the caller authenticated: an AM session, or IDM's own headers against managed users. */
function moduleIdOf(caller: IdmCaller): string {
  return caller.authenticatedBy === 'session' ? 'OPENAM_SESSION' : 'MANAGED_USER';
}

/** The `info/login` body for `caller`. */
export function loginInfoOf(caller: IdmCaller): LoginInfo {
  const authorization =
    caller.kind === 'admin'
      ? caller.auditor === true
        ? { id: caller.username, component: 'managed/user', roles: [AUTHORIZED_ROLE, 'internal/role/auditor'], moduleId: moduleIdOf(caller) }
        : { id: 'openidm-admin', component: 'internal/user', roles: [AUTHORIZED_ROLE, ADMIN_ROLE], moduleId: moduleIdOf(caller) }
      : { id: caller.id, component: `managed/${caller.type}`, roles: [AUTHORIZED_ROLE, ...(caller.internalRoles ?? []).filter((role) => role !== 'openidm-authorized').map((role) => `internal/role/${role}`)], moduleId: moduleIdOf(caller) };
  return { _id: 'login', authenticationId: caller.username, authorization };
}
