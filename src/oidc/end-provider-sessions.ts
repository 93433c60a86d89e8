/**
 * What ending an Arbor SSO session does at a realm's provider (docs/oidc-provider.md, "Logout"):
 * each provider session bound to it (session-links.ts) that is still the user's is destroyed, and
 * for each client it authorized that registered a back-channel logout URI (AM's
 * `coreOpenIDClientConfig.backchannel_logout_uri`), the client gets a logout token (oidc-provider's
 * own `backchannelLogout`: `events`, `sid` when the client asked for it, signed with the
 * realm's keys) and the grant that session gave it is revoked: its access and refresh tokens and
 * codes are never found again. Clients without a back-channel URI are not told; their tokens
 * issued without `offline_access` end with the destroyed session anyway (oidc-provider binds them
 * to it: `expiresWithSession`). A failed delivery is reported, never thrown.
 */
import type Provider from 'oidc-provider';

/** What happened to one client of an ended session. */
export interface ClientLogout {
  clientId: string;
  /** The grant revoked (undefined: none). */
  grantId?: string | undefined;
  /** Why the logout token did not arrive (undefined: it did). */
  failure?: string | undefined;
}

/** Reported for each client told; `failure` set when the delivery failed. */
export type ClientLogoutReport = (report: ClientLogout) => void;

const MAX_CLIENTS = 64;

type BackchannelLogout = (sub: string, sid: string | undefined) => Promise<void>;

function backchannelOf(client: object): BackchannelLogout | undefined {
  const uri: unknown = Reflect.get(client, 'backchannelLogoutUri');
  const send: unknown = Reflect.get(client, 'backchannelLogout');
  if (typeof uri !== 'string' || uri === '' || typeof send !== 'function') return undefined;
  return (sub, sid) => Promise.resolve(Reflect.apply(send, client, [sub, sid]));
}

/** Revokes grant `grantId`: its tokens and codes, then the grant. */
export async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all([provider.AccessToken, provider.RefreshToken, provider.AuthorizationCode, provider.DeviceCode].map((model) => model.revokeByGrantId(grantId)));
  await provider.Grant.adapter.destroy(grantId);
}

/** Ends the provider sessions `uids` of `provider` that belong to `accountId` (see the file comment). */
export async function endProviderSessions(provider: Provider, uids: readonly string[], accountId: string, report: ClientLogoutReport = () => {}): Promise<void> {
  for (const uid of uids) {
    const session = await provider.Session.findByUid(uid);
    if (session === undefined || session.accountId !== accountId) continue;
    const authorizations = Object.entries(session.authorizations ?? {}).slice(0, MAX_CLIENTS);
    await session.destroy();
    await Promise.all(
      authorizations.map(async ([clientId, authorization]) => {
        const client = await provider.Client.find(clientId).catch(() => undefined);
        const send = client === undefined ? undefined : backchannelOf(client);
        if (send === undefined) return;
        const grantId = typeof authorization.grantId === 'string' ? authorization.grantId : undefined;
        if (grantId !== undefined) await revokeGrant(provider, grantId);
        const failure = await send(accountId, authorization.sid).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error.message : 'the logout token was not delivered'),
        );
        report({ clientId, grantId, failure });
      }),
    );
  }
}
