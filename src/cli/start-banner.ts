/**
 * What `arbor start` prints once Arbor listens: the address and the store, then where to sign in,
 * the pages, the OpenID issuer and the administrator. The same for one process and for workers
 * (which add their count to the first line).
 */
import type { ServerSettings } from '../config/server-settings.ts';
import type { Store } from '../store/store.ts';

/** The lines, for Arbor listening on `port` over a store of `dialect`; `workers` when more than one process serves. */
export function startBanner(settings: Readonly<ServerSettings>, listening: { port: number; dialect: Store['dialect']; workers?: number }): string[] {
  const { publicUrl } = settings;
  const workers = listening.workers === undefined ? '' : `, ${listening.workers} workers`;
  return [
    `Arbor listening on http://${settings.host}:${listening.port} (${listening.dialect}${settings.redisUrl ? ' + Redis' : ''}, data in ${settings.databaseUrl ? 'PostgreSQL' : settings.dataDir}${workers})`,
    `Sign in: POST ${publicUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`,
    `In a browser: ${publicUrl}/login?realm=alpha (sign up: ${publicUrl}/login?realm=alpha&journey=Registration, your account: ${publicUrl}/account?realm=alpha)`,
    `Apps (OpenID Connect): issuer ${publicUrl}/am/oauth2/realms/root/realms/alpha; add one with: npm run arbor -- clients add <id> --realm alpha --redirect-uri <uri> [--public]`,
    `Administrator: amadmin in realm root (POST ${publicUrl}/am/json/realms/root/authenticate). Add users with: npm run arbor -- user add --realm alpha --username <name> --password <password> --set givenName=<first> --set sn=<last> --set mail=<email>`,
  ];
}
