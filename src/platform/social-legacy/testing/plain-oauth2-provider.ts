/**
 * A plain OAuth 2.0 provider on 127.0.0.1 port 0, for tests of AM's legacy social nodes, answering
 * on the paths of the provider a sample tree names (Facebook's Graph API, Google's OAuth 2.0
 * endpoints) so that a test moves only the endpoints' origin to loopback: the authorization path
 * sends the browser straight back to the `redirect_uri` with a code and the state (the user signed
 * in and consented); the token path takes the client's credentials by HTTP Basic or in the body,
 * as configured, redeems a code once, for the same redirect URI, with the PKCE verifier of its
 * challenge, and answers JSON; the profile path answers the configured profile to the bearer token.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { listenOnLoopback, readRequestBody } from '../../../social/testing/loopback-server.ts';

/** Where the provider answers. */
export interface PlainOAuth2Paths {
  authorize: string;
  token: string;
  userInfo: string;
}

/** The provider's options. */
export interface PlainOAuth2ProviderOptions {
  /** The profile JSON the profile path answers. */
  profile: Record<string, unknown>;
  /** How the client must authenticate at the token path (default `basic`). */
  clientAuth?: 'basic' | 'post';
  paths?: Partial<PlainOAuth2Paths>;
}

/** A running provider. */
export interface PlainOAuth2Provider {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Token requests received so far (accepted or not). */
  readonly tokenRequests: number;
  /** Token requests refused for their client credentials so far. */
  readonly refusedClients: number;
  /** The `scope` of the last authorization request. */
  readonly lastScope: string | undefined;
  close(): Promise<void>;
}

interface Grant {
  redirectUri: string;
  challenge: string | undefined;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The client id and secret of an HTTP Basic header (form-encoded, RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): [string, string] | undefined {
  if (header === undefined || !header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  const form = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
  return [form(decoded.slice(0, separator)), form(decoded.slice(separator + 1))];
}

/** Starts the provider. */
export async function startPlainOAuth2Provider(options: PlainOAuth2ProviderOptions): Promise<PlainOAuth2Provider> {
  const paths: PlainOAuth2Paths = { authorize: '/authorize', token: '/token', userInfo: '/userinfo', ...options.paths };
  const clientAuth = options.clientAuth ?? 'basic';
  const clientId = `client-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(20).toString('base64url');
  const grants = new Map<string, Grant>();
  const tokens = new Set<string>();
  let tokenRequests = 0;
  let refusedClients = 0;
  let lastScope: string | undefined;

  async function token(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    tokenRequests += 1;
    const body = new URLSearchParams(await readRequestBody(req));
    const credentials = clientAuth === 'basic' ? basicCredentials(req.headers.authorization) : [body.get('client_id') ?? '', body.get('client_secret') ?? ''];
    if (credentials?.[0] !== clientId || credentials[1] !== clientSecret) {
      refusedClients += 1;
      return json(res, 401, { error: 'invalid_client' });
    }
    const code = body.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code);
    if (body.get('grant_type') !== 'authorization_code' || grant === undefined || grant.redirectUri !== body.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant' });
    if (grant.challenge !== undefined && createHash('sha256').update(body.get('code_verifier') ?? '').digest('base64url') !== grant.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    const accessToken = randomBytes(16).toString('hex');
    tokens.add(accessToken);
    return json(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: 3600 });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === paths.authorize) {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      if (url.searchParams.get('client_id') !== clientId || url.searchParams.get('response_type') !== 'code' || !/^https?:\/\//.test(redirectUri)) return void res.writeHead(400).end();
      const challenge = url.searchParams.get('code_challenge') ?? undefined;
      if (challenge !== undefined && url.searchParams.get('code_challenge_method') !== 'S256') return void res.writeHead(400).end();
      lastScope = url.searchParams.get('scope') ?? undefined;
      const code = randomBytes(12).toString('hex');
      grants.set(code, { redirectUri, challenge });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = url.searchParams.get('state');
      if (state !== null) back.searchParams.set('state', state);
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (req.method === 'POST' && url.pathname === paths.token) {
      token(req, res).catch(() => res.writeHead(500).end());
      return;
    }
    if (req.method === 'GET' && url.pathname === paths.userInfo) {
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer === undefined || !tokens.has(bearer)) return json(res, 401, { error: 'invalid_token' });
      return json(res, 200, options.profile);
    }
    res.writeHead(404).end();
  });
  const { baseUrl, close } = await listenOnLoopback(server);
  return {
    baseUrl,
    clientId,
    clientSecret,
    get tokenRequests() {
      return tokenRequests;
    },
    get refusedClients() {
      return refusedClients;
    },
    get lastScope() {
      return lastScope;
    },
    close,
  };
}
