/**
 * A GitHub-like plain OAuth 2.0 provider on 127.0.0.1 port 0, for tests: `/login/oauth/authorize`
 * redirects straight back with a code and the state; `/login/oauth/access_token` answers
 * form-encoded, or JSON with `Accept: application/json`, and reports errors with HTTP 200 and an
 * `error` member, as GitHub does; `/user` and `/user/emails` need the bearer token. The user's
 * email is private (null in `/user`), so the primary verified one comes from `/user/emails`.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { listenOnLoopback, readRequestBody } from './loopback-server.ts';

/** A running provider. */
export interface GitHubLikeProvider {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Token requests received so far. */
  readonly tokenRequests: number;
  close(): Promise<void>;
}

/** GitHub's shape of the test user. */
export const GITHUB_TEST_USER = { login: 'octo-jan', id: 583231, node_id: 'MDQ6VXNlcjU4MzIzMQ==', type: 'User', site_admin: false, name: 'Jan Octo', company: null, email: null };
export const GITHUB_TEST_EMAILS = [
  { email: 'old@example.org', primary: false, verified: true, visibility: null },
  { email: 'jan@example.org', primary: true, verified: true, visibility: 'private' },
];

/** AM's REST body (`gitHubConfig`) of an enabled provider at `provider` that sends the browser back to `redirectURI`; the preset fills the rest. */
export function gitHubLikeProviderBody(provider: GitHubLikeProvider, redirectURI: string): Record<string, unknown> {
  return {
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    authorizationEndpoint: `${provider.baseUrl}/login/oauth/authorize`,
    tokenEndpoint: `${provider.baseUrl}/login/oauth/access_token`,
    userInfoEndpoint: `${provider.baseUrl}/user`,
    redirectURI,
    enabled: true,
  };
}

/** Starts the provider. */
export async function startGitHubLikeProvider(): Promise<GitHubLikeProvider> {
  const clientId = 'Iv1.arbortest';
  const clientSecret = randomBytes(20).toString('hex');
  const codes = new Map<string, string>();
  const tokens = new Set<string>();
  let tokenRequests = 0;

  /** The token endpoint: form-encoded, or JSON when asked; errors with HTTP 200, as GitHub answers them. */
  async function token(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    tokenRequests += 1;
    const body = new URLSearchParams(await readRequestBody(req));
    const code = body.get('code') ?? '';
    const json = (req.headers.accept ?? '').includes('application/json');
    let answer: Record<string, string>;
    if (body.get('client_id') !== clientId || body.get('client_secret') !== clientSecret) {
      answer = { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.' };
    } else if (!codes.has(code) || codes.get(code) !== body.get('redirect_uri')) {
      answer = { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' };
    } else {
      codes.delete(code);
      const token = `gho_${randomBytes(18).toString('hex')}`;
      tokens.add(token);
      answer = { access_token: token, scope: 'read:user,user:email', token_type: 'bearer' };
    }
    if (json) res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
    else res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }).end(new URLSearchParams(answer).toString());
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const redirect = url.searchParams.get('redirect_uri') ?? '';
      if (url.searchParams.get('client_id') !== clientId || redirect === '') return void res.writeHead(400).end();
      const code = randomBytes(10).toString('hex');
      codes.set(code, redirect);
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      token(req, res).catch(() => res.writeHead(500).end());
      return;
    }
    if (req.method === 'GET' && (url.pathname === '/user' || url.pathname === '/user/emails')) {
      const token = /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (token === undefined || !tokens.has(token)) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Bad credentials"}');
      const payload = url.pathname === '/user' ? GITHUB_TEST_USER : GITHUB_TEST_EMAILS;
      return void res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
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
    close,
  };
}
