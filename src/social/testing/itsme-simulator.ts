/**
 * A strict itsme® impersonator for tests, on `oidc-provider` 9, listening on 127.0.0.1 port 0.
 * By default it accepts only what itsme accepts: the authorization code flow with PKCE S256, a
 * client assertion signed (RS256) then encrypted (RSA-OAEP + A128CBC-HS256) to its key with the
 * token endpoint as audience and a single-use `jti`, scope `openid` plus `service:<code>`, a nonce
 * and a state; it answers with encrypted ID tokens carrying an itsme `acr` and signed-then-encrypted
 * userinfo with itsme's claim names. Each test may switch to another client option (secrets,
 * private-key JWT, mTLS, request objects, form_post, JSON or signed userinfo), script the user at
 * the provider (who signs in, or that they deny) and make it misbehave (wrong issuer, unknown
 * signing key, wrong nonce, expired ID token, userinfo in another format).
 *
 * oidc-provider lacks two itsme features; two upstream middlewares add them (reference §6.3):
 * `request_uri` by reference (fetched here and passed on as `request`) and encrypted client
 * assertions (decrypted here and passed on as the inner JWS).
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { compactDecrypt, exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata, type Configuration, type InteractionResults, type KoaContextWithOIDC } from 'oidc-provider';
import type { TestCertificate } from './test-certificates.ts';
import { simulatorMemoryAdapter } from './simulator-memory-adapter.ts';

/** A Koa context as `provider.use` middlewares receive it. */
type KoaContext = Parameters<Parameters<Provider['use']>[0]>[0];

/** itsme's two authentication levels. */
export const ITSME_ACR_BASIC = 'http://itsme.services/v2/claim/acr_basic';
export const ITSME_ACR_ADVANCED = 'http://itsme.services/v2/claim/acr_advanced';

/** How the client authenticates at the simulator's token endpoint. */
export type SimulatorClientAuth =
  | 'encrypted_private_key_jwt'
  | 'private_key_jwt'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'tls_client_auth'
  | 'self_signed_tls_client_auth';

/** Ways the simulator can misbehave, for failure tests. */
export interface SimulatorMisbehaviour {
  /** ID tokens (and the authorization response `iss`) name another issuer. */
  wrongIssuer?: boolean;
  /** ID tokens are signed with a key the JWKS does not publish. */
  unknownSigningKey?: boolean;
  /** ID tokens carry another nonce than the one asked. */
  wrongNonce?: boolean;
  /** ID tokens are already expired when issued. */
  expiredIdToken?: boolean;
  /** Userinfo answers as plain JSON whatever the client registered. */
  userinfoAsJson?: boolean;
}

/** The simulator's options; the defaults are itsme's profile. */
export interface ItsmeSimulatorOptions {
  /** The RP's redirect URI (exact match, as itsme). */
  redirectUri: string;
  /** The RP's public keys (signature and encryption). */
  clientJwks: { keys: JWK[] };
  clientId?: string;
  serviceCode?: string;
  clientAuth?: SimulatorClientAuth;
  clientSecret?: string;
  /** Serve HTTPS with this certificate and ask for client certificates issued by `tls.ca` (needed for the mTLS methods). */
  tls?: { server: TestCertificate; ca: TestCertificate; clientSubjectDn?: string; selfSignedCertificateJwk?: JWK };
  /** Require request objects: signed, or signed then encrypted (itsme's rule). Default: optional. */
  requestObjects?: 'signed' | 'signed-then-encrypted';
  /** Encrypt ID tokens to the client (default true). */
  encryptIdTokens?: boolean;
  /** The userinfo format (default signed-then-encrypted). */
  userinfo?: 'json' | 'signed' | 'signed-then-encrypted';
  /** Accounts by id: the claims each returns (`sub` is the id). Default: one Belgian test account `itsme-user-1`. */
  accounts?: Record<string, Record<string, unknown>>;
  misbehave?: SimulatorMisbehaviour;
}

/** What the scripted user does at the provider. */
export type ScriptedUser = { accountId: string; acr?: string } | { deny: true };

/** A running simulator. */
export interface ItsmeSimulator {
  /** The issuer an RP must expect (the honest one, even when misbehaving). */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  jwksUri: string;
  discoveryUrl: string;
  clientId: string;
  serviceCode: string;
  /** POSTs received by the token endpoint so far. */
  readonly tokenRequests: number;
  /** Request objects fetched by reference so far. */
  readonly requestUriFetches: number;
  /** The next sign-ins (in order); once used up, `itsme-user-1` (or the first account) signs in with acr_basic. */
  script(...users: ScriptedUser[]): void;
  close(): Promise<void>;
}

/** A Belgian test account with itsme's claim names (values invented). */
export const ITSME_TEST_ACCOUNT: Record<string, unknown> = {
  name: 'Jan Peeters',
  given_name: 'Jan',
  family_name: 'Peeters',
  email: 'jan.peeters@example.be',
  email_verified: false,
  locale: 'nl',
  birthdate: '1985-04-12',
  gender: 'male',
  phone_number: '+32 470 00 00 00',
  phone_number_verified: true,
  'http://itsme.services/v2/claim/BENationalNumber': '85041200123',
};

const PROFILE_CLAIMS = ['name', 'given_name', 'family_name', 'birthdate', 'locale', 'gender', 'picture'];

/** Starts a simulator on 127.0.0.1, port 0. */
export async function startItsmeSimulator(options: ItsmeSimulatorOptions): Promise<ItsmeSimulator> {
  const clientId = options.clientId ?? 'arbor-itsme-client';
  const serviceCode = options.serviceCode ?? 'TEST_LOGIN';
  const clientAuth = options.clientAuth ?? 'encrypted_private_key_jwt';
  const accounts = options.accounts ?? { 'itsme-user-1': ITSME_TEST_ACCOUNT };
  const misbehave = options.misbehave ?? {};
  const scripted: ScriptedUser[] = [];
  let tokenRequests = 0;
  let requestUriFetches = 0;
  const defaultAccountId = Object.keys(accounts)[0] ?? 'itsme-user-1';
  let lastAccountId = defaultAccountId;

  const signing = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const encryption = await generateKeyPair('RSA-OAEP', { modulusLength: 2048, extractable: true });
  const rogue = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const providerKeys: JWK[] = [
    { ...(await exportJWK(signing.privateKey)), kid: 'itsme-sig', use: 'sig', alg: 'RS256' },
    { ...(await exportJWK(encryption.privateKey)), kid: 'itsme-enc', use: 'enc', alg: 'RSA-OAEP' },
  ];
  if (misbehave.unknownSigningKey) providerKeys.unshift({ ...(await exportJWK(rogue.privateKey)), kid: 'rogue', use: 'sig', alg: 'RS256' });

  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const listener: http.RequestListener = (req, res) => handler(req, res);
  const server =
    options.tls === undefined
      ? http.createServer(listener)
      : https.createServer(
          {
            key: options.tls.server.privateKeyPem,
            cert: options.tls.server.certificatePem,
            ca: [options.tls.ca.certificatePem],
            requestCert: true,
            rejectUnauthorized: false,
          },
          listener,
        );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  const tokenEndpoint = `${base}/token`;

  const client: ClientMetadata = {
    client_id: clientId,
    redirect_uris: [options.redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: clientAuth === 'encrypted_private_key_jwt' ? 'private_key_jwt' : clientAuth,
    jwks: { keys: [...options.clientJwks.keys, ...(options.tls?.selfSignedCertificateJwk === undefined ? [] : [options.tls.selfSignedCertificateJwk])] },
    id_token_signed_response_alg: 'RS256',
  };
  // oidc-provider makes request objects mandatory for a client that registers their algorithm.
  if (options.requestObjects !== undefined) client.request_object_signing_alg = 'RS256';
  if (clientAuth === 'private_key_jwt' || clientAuth === 'encrypted_private_key_jwt') client.token_endpoint_auth_signing_alg = 'RS256';
  if (clientAuth === 'client_secret_basic' || clientAuth === 'client_secret_post') client.client_secret = options.clientSecret ?? 'simulator-secret';
  if (clientAuth === 'tls_client_auth') client.tls_client_auth_subject_dn = options.tls?.clientSubjectDn ?? 'CN=arbor-rp-client';
  if (options.encryptIdTokens ?? true) {
    client.id_token_encrypted_response_alg = 'RSA-OAEP';
    client.id_token_encrypted_response_enc = 'A128CBC-HS256';
  }
  const userinfo = options.userinfo ?? 'signed-then-encrypted';
  if (userinfo !== 'json') client.userinfo_signed_response_alg = 'RS256';
  if (userinfo === 'signed-then-encrypted') {
    client.userinfo_encrypted_response_alg = 'RSA-OAEP';
    client.userinfo_encrypted_response_enc = 'A128CBC-HS256';
  }
  if (options.requestObjects === 'signed-then-encrypted') {
    client.request_object_encryption_alg = 'RSA-OAEP';
    client.request_object_encryption_enc = 'A128CBC-HS256';
  }

  const configuration: Configuration = {
    adapter: simulatorMemoryAdapter(),
    clients: [client],
    jwks: { keys: providerKeys },
    scopes: ['openid', 'profile', 'email', 'phone', 'address', 'eid', `service:${serviceCode}`],
    claims: {
      openid: ['sub'],
      profile: PROFILE_CLAIMS,
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      eid: ['http://itsme.services/v2/claim/BENationalNumber'],
    },
    acrValues: [ITSME_ACR_BASIC, ITSME_ACR_ADVANCED],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: [clientAuth === 'encrypted_private_key_jwt' ? 'private_key_jwt' : clientAuth],
    enabledJWA: { clientAuthSigningAlgValues: ['RS256'], requestObjectSigningAlgValues: ['RS256'] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { AccessToken: 600, AuthorizationCode: 180, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: {
      devInteractions: { enabled: false },
      encryption: { enabled: true },
      jwtUserinfo: { enabled: true },
      claimsParameter: { enabled: true },
      requestObjects: { enabled: true, requireSignedRequestObject: options.requestObjects !== undefined },
      ...(options.tls === undefined
        ? {}
        : {
            mTLS: {
              enabled: true,
              tlsClientAuth: true,
              selfSignedTlsClientAuth: true,
              getCertificate: (ctx: KoaContextWithOIDC) => peerCertificate(ctx),
              certificateAuthorized: (ctx: KoaContextWithOIDC) => tlsSocket(ctx)?.authorized === true,
              certificateSubjectMatches: (ctx: KoaContextWithOIDC, property: string, expected: string) =>
                property === 'tls_client_auth_subject_dn' && peerCertificate(ctx)?.subject === expected,
            },
          }),
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, accountId) {
      const claims = accounts[accountId];
      if (claims === undefined) return undefined;
      return { accountId, claims: () => ({ ...claims, sub: accountId }) };
    },
    async loadExistingGrant(ctx) {
      const oidc = ctx.oidc;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session?.accountId;
      if (clientId === undefined || accountId === undefined) return undefined;
      // The user consented by signing in (itsme asks consent in its app): grant what was asked.
      const grant = new oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
      grant.addOIDCClaims([...oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    async assertJwtClientAuthClaimsAndHeader(_ctx, claims) {
      if (claims.aud !== tokenEndpoint) throw new Error('the client assertion audience must be the token endpoint');
    },
    fetch: (url, init) => globalThis.fetch(url, { ...init, dispatcher: undefined } as RequestInit),
  };

  const provider = new Provider(misbehave.wrongIssuer ? `${base}/not-itsme` : base, configuration);
  const originalIssue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = function issue(this: InstanceType<typeof provider.IdToken>, context) {
    if (context.use === 'idtoken') {
      if (misbehave.wrongNonce) this.set('nonce', 'not-the-nonce-you-sent');
      if (misbehave.expiredIdToken) return originalIssue.call(this, { ...context, expiresAt: Math.floor(Date.now() / 1000) - 3600 });
    }
    return originalIssue.call(this, context);
  };

  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/auth') {
      const refused = await resolveRequestObject(ctx);
      if (refused !== undefined) {
        ctx.status = 400;
        ctx.body = { error: refused.error, error_description: refused.description };
        return;
      }
    }
    if (ctx.method === 'POST' && ctx.path === '/token') {
      tokenRequests += 1;
      if (clientAuth === 'encrypted_private_key_jwt') {
        const refused = await decryptClientAssertion(ctx);
        if (refused !== undefined) {
          ctx.status = 401;
          ctx.body = { error: 'invalid_client', error_description: refused };
          return;
        }
      }
    }
    if (ctx.method === 'GET' && ctx.path.startsWith('/interaction/')) {
      await finishInteraction(ctx);
      return;
    }
    await next();
    // request_uri is served by the middleware above (oidc-provider itself says false).
    if (ctx.path === '/.well-known/openid-configuration' && ctx.status === 200) {
      const body = ctx.body as Record<string, unknown> | undefined;
      if (body !== undefined) ctx.body = { ...body, request_uri_parameter_supported: true };
    }
    if (ctx.path === '/jwks' && misbehave.unknownSigningKey) {
      const body = ctx.body as { keys?: JWK[] } | undefined;
      if (body?.keys !== undefined) ctx.body = { keys: body.keys.filter((key) => key.kid !== 'rogue') };
    }
    if (ctx.path === '/me' && misbehave.userinfoAsJson && ctx.status === 200) {
      ctx.type = 'application/json';
      ctx.body = { sub: lastAccountId, ...accounts[lastAccountId] };
    }
  });

  async function resolveRequestObject(ctx: KoaContext): Promise<{ error: string; description: string } | undefined> {
    const query = new URLSearchParams(ctx.querystring);
    const requestUri = query.get('request_uri');
    if (requestUri !== null && /^https?:/.test(requestUri)) {
      if (!/^https?:\/\/[^/]+:\d+\//.test(requestUri)) return { error: 'invalid_request_uri', description: 'the request_uri must contain the port explicitly' };
      requestUriFetches += 1;
      const response = await globalThis.fetch(requestUri).catch(() => undefined);
      if (response?.status !== 200) return { error: 'invalid_request_uri', description: 'the request_uri could not be fetched' };
      query.delete('request_uri');
      query.set('request', (await response.text()).trim());
      ctx.querystring = query.toString();
    }
    const requestObject = query.get('request');
    if (options.requestObjects !== undefined && requestObject === null) return { error: 'invalid_request', description: 'a request object is required' };
    if (options.requestObjects === 'signed-then-encrypted' && requestObject !== null && requestObject.split('.').length !== 5) {
      return { error: 'invalid_request_object', description: 'the request object must be signed then encrypted' };
    }
    return undefined;
  }

  async function decryptClientAssertion(ctx: KoaContext): Promise<string | undefined> {
    const body = new URLSearchParams(await readBody(ctx.req));
    const assertion = body.get('client_assertion');
    if (assertion === null || assertion.split('.').length !== 5) return 'the client assertion must be signed then encrypted';
    try {
      const { plaintext, protectedHeader } = await compactDecrypt(assertion, encryption.privateKey, {
        keyManagementAlgorithms: ['RSA-OAEP'],
        contentEncryptionAlgorithms: ['A128CBC-HS256'],
      });
      if (protectedHeader.cty?.toUpperCase() !== 'JWT') return 'the encrypted client assertion must have cty JWT';
      body.set('client_assertion', new TextDecoder().decode(plaintext));
    } catch {
      return 'the client assertion could not be decrypted';
    }
    Object.assign(ctx.request, { body: Object.fromEntries(body.entries()) });
    return undefined;
  }

  async function finishInteraction(ctx: KoaContext): Promise<void> {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const params = details.params;
    const scopes = String(params.scope ?? '').split(' ');
    let result: InteractionResults;
    const user = scripted.shift() ?? { accountId: defaultAccountId };
    if (!scopes.includes('openid') || !scopes.includes(`service:${serviceCode}`)) {
      result = { error: 'invalid_scope', error_description: `scope must contain openid and service:${serviceCode}` };
    } else if (typeof params.nonce !== 'string' || typeof params.state !== 'string') {
      result = { error: 'invalid_request', error_description: 'nonce and state are required' };
    } else if (params.code_challenge_method !== 'S256') {
      result = { error: 'invalid_request', error_description: 'PKCE S256 is required' };
    } else if ('deny' in user) {
      result = { error: 'access_denied', error_description: 'The user refused the request in the itsme app' };
    } else {
      lastAccountId = user.accountId;
      result = { login: { accountId: user.accountId, acr: user.acr ?? ITSME_ACR_BASIC } };
    }
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  }

  handler = provider.callback();
  return {
    issuer: base,
    authorizationEndpoint: `${base}/auth`,
    tokenEndpoint,
    userinfoEndpoint: `${base}/me`,
    jwksUri: `${base}/jwks`,
    discoveryUrl: `${base}/.well-known/openid-configuration`,
    clientId,
    serviceCode,
    get tokenRequests() {
      return tokenRequests;
    },
    get requestUriFetches() {
      return requestUriFetches;
    },
    script(...users) {
      scripted.push(...users);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function tlsSocket(ctx: KoaContextWithOIDC): import('node:tls').TLSSocket | undefined {
  const socket = ctx.req.socket;
  return 'getPeerX509Certificate' in socket ? (socket as import('node:tls').TLSSocket) : undefined;
}

function peerCertificate(ctx: KoaContextWithOIDC): import('node:crypto').X509Certificate | undefined {
  return tlsSocket(ctx)?.getPeerX509Certificate();
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > 64 * 1024) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
