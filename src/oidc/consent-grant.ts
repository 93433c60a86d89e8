/**
 * Consent given on the consent page, as oidc-provider grants: `grantConsent` gives the
 * interaction's grant exactly what the consent prompt asked (its missing scopes, claims and
 * resource scopes; with `prompt=consent`, the scopes requested) and remembers the consent in a
 * durable record of its own: a Grant (in `oidcRecords`, like every grant) whose id is derived from
 * the user and the client, never used for tokens. `grantFromConsent` reads that record when a
 * later authorization of the same client by the same user comes (in any browser): the scopes and
 * claims it covers are granted without asking; what it does not cover is asked again. Revoking a
 * token family (refresh token reuse) or signing out revokes the authorization's own grant, not the
 * remembered consent.
 */
import { createHash } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Grant } from 'oidc-provider';
import { isGrantableScope, MAX_GRANTED_SCOPES } from './provider-scopes.ts';

/** The id of the record remembering `accountId`'s consent to `clientId`. */
export function consentRecordId(accountId: string, clientId: string): string {
  return `consent-${createHash('sha256').update(`arbor consent\0${clientId}\0${accountId}`).digest('base64url')}`;
}

/** What a consent interaction asks (oidc-provider's interaction, the parts used here). */
export interface ConsentAsked {
  accountId: string;
  clientId: string;
  /** The interaction's grant, when the authorization has one already. */
  grantId?: string | undefined;
  scopes: string[];
  claims: string[];
  /** Resource indicator → scopes. */
  resourceScopes: Record<string, string[]>;
}

function strings(value: unknown, limit = 64): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length <= 256).slice(0, limit) : [];
}

function ownValue(object: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

/**
 * What the consent interaction `interaction` asks, or undefined when it is no consent prompt of a
 * signed-in user for a client.
 */
export function consentAsked(interaction: { prompt: { name: string; reasons: readonly string[]; details: Record<string, unknown> }; params: Record<string, unknown>; session?: { accountId: string } | undefined; grantId?: string | undefined }): ConsentAsked | undefined {
  const accountId = interaction.session?.accountId;
  const clientId = ownValue(interaction.params, 'client_id');
  if (interaction.prompt.name !== 'consent' || typeof accountId !== 'string' || typeof clientId !== 'string') return undefined;
  const details = interaction.prompt.details;
  let scopes = strings(ownValue(details, 'missingOIDCScope'), MAX_GRANTED_SCOPES);
  if (scopes.length === 0) {
    // `prompt=consent`: nothing is missing, the scopes requested (the provider kept those it grants) are asked again.
    const requested = ownValue(interaction.params, 'scope');
    scopes = typeof requested === 'string' ? requested.split(' ').filter(isGrantableScope).slice(0, MAX_GRANTED_SCOPES) : [];
  }
  const resourceScopes: Record<string, string[]> = {};
  const resources = ownValue(details, 'missingResourceScopes');
  if (typeof resources === 'object' && resources !== null && !Array.isArray(resources)) {
    for (const [indicator, list] of Object.entries(resources).slice(0, 16)) resourceScopes[indicator] = strings(list);
  }
  return { accountId, clientId, ...(interaction.grantId === undefined ? {} : { grantId: interaction.grantId }), scopes: [...new Set(scopes)], claims: strings(ownValue(details, 'missingOIDCClaims')), resourceScopes };
}

/** The grant `id` of `accountId` and `clientId`, or undefined when absent or another's. */
async function ownGrant(provider: Provider, id: string | undefined, accountId: string, clientId: string): Promise<Grant | undefined> {
  if (id === undefined || id.length === 0 || id.length > 256) return undefined;
  const grant = await provider.Grant.find(id);
  return grant !== undefined && grant.accountId === accountId && grant.clientId === clientId ? grant : undefined;
}

function give(grant: Grant, asked: Pick<ConsentAsked, 'scopes' | 'claims' | 'resourceScopes'>): void {
  if (asked.scopes.length > 0) grant.addOIDCScope(asked.scopes);
  if (asked.claims.length > 0) grant.addOIDCClaims(asked.claims);
  for (const [indicator, scopes] of Object.entries(asked.resourceScopes)) if (scopes.length > 0) grant.addResourceScope(indicator, scopes.join(' '));
}

/** Grants what `asked` asks (the interaction's grant) and remembers it; the grant id for the interaction result. */
export async function grantConsent(provider: Provider, asked: ConsentAsked): Promise<string> {
  const { accountId, clientId } = asked;
  const grant = (await ownGrant(provider, asked.grantId, accountId, clientId)) ?? new provider.Grant({ accountId, clientId });
  give(grant, asked);
  const grantId = await grant.save();
  const id = consentRecordId(accountId, clientId);
  let record = await ownGrant(provider, id, accountId, clientId);
  if (record === undefined) {
    record = new provider.Grant({ accountId, clientId });
    record.jti = id;
  }
  give(record, asked);
  await record.save();
  return grantId;
}

/**
 * The grant of an authorization by `accountId` of `clientId` with what the remembered consent
 * covers of the request added (`existing`, the authorization's grant, or a new one); `existing`
 * unchanged when nothing is remembered.
 */
export async function grantFromConsent(provider: Provider, request: { accountId: string; clientId: string; scopes: ReadonlySet<string>; claims: ReadonlySet<string> }, existing: Grant | undefined): Promise<Grant | undefined> {
  const record = await ownGrant(provider, consentRecordId(request.accountId, request.clientId), request.accountId, request.clientId);
  if (record === undefined) return existing;
  const scopes = record.getOIDCScopeFiltered(new Set(request.scopes));
  const claims = record.getOIDCClaimsFiltered(new Set(request.claims));
  if (scopes === '' && claims.length === 0) return existing;
  const grant = existing ?? new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
  if (scopes !== '') grant.addOIDCScope(scopes);
  if (claims.length > 0) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}
