/**
 * `npm run bench:oauth2 [-- --seconds 3 --rounds 5 --connections 16]`: what Arbor's OpenID provider
 * sustains at its token endpoint, in client-credentials grants/s and refresh grants/s, beside the
 * minimal Fastify JSON route (bench/login/echo-server.ts) in the same run, as a ratio. Arbor runs
 * as in production in its own process (`bin/arbor.js start`, SQLite in a temporary directory, no
 * request logs), so do the Fastify route and the load generator (this same file, forked with
 * `--generator`: raw keep-alive HTTP/1.1 connections, bench/login/http-connection.ts), so the
 * generator is never what limits a figure. Each round measures the route, client credentials and
 * refresh in turn; the report gives min / median / max over the rounds, Arbor's CPU per grant (so
 * grants/s per core), and Keycloak's published figure (about 120/s per vCPU for each). A refresh
 * rotates the refresh token: each connection carries its own chain, seeded by a sign-in and an
 * authorization code. A benchmark, not a test: it prints numbers and asserts nothing.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ArborServer, startArbor } from './login/arbor-server.ts';
import { firstMessage, forkScript, stopChild } from './login/child-processes.ts';
import { HttpConnection, postRequest } from './login/http-connection.ts';
import type { ListeningMessage } from './login/messages.ts';
import { measureWindow, type Outcome, type WindowResult } from './login/measure-window.ts';
import { prepareProcStats } from './login/proc-stats.ts';
import { type Spread, spread } from './login/statistics.ts';

const HOST = '127.0.0.1';
const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64url');
const CLIENT_ID = 'bench-app';
const CLIENT_SECRET = 'Bench-Client-S3cret-Value';
const REDIRECT = 'https://bench.example/callback';
const USER = { userName: 'bench-user', password: 'Quiet-Harbour-Lamp-42' };
const ISSUER_PATH = '/am/oauth2/realms/root/realms/alpha';
const KEYCLOAK_PER_VCPU = 120;

/** One measured phase, as the generator runs it. */
interface PhaseJob {
  kind: 'route' | 'client-credentials' | 'refresh';
  port: number;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  cpuPid: number;
  /** Refresh only: the current refresh token of each connection's chain. */
  refreshTokens?: (string | null)[];
}

interface PhaseReply {
  id: number;
  result?: WindowResult;
  /** Refresh only: where each chain is now (null: broken by a failure). */
  refreshTokens?: (string | null)[];
  error?: string;
}

const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

/** `POST <path>` with a form body and the client's Basic credentials. */
function formRequest(host: string, requestPath: string, form: Record<string, string>): Buffer {
  const body = Buffer.from(new URLSearchParams(form).toString(), 'latin1');
  const head = `POST ${requestPath} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${basic}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function tokenAnswer(status: number, body: Buffer): { ok: true; json: Record<string, unknown> } | { ok: false; error: string } {
  const text = body.toString('utf8');
  if (status !== 200) return { ok: false, error: `HTTP ${status} ${text.slice(0, 120)}` };
  const json = JSON.parse(text) as Record<string, unknown>;
  return typeof json.access_token === 'string' ? { ok: true, json } : { ok: false, error: `no access_token: ${text.slice(0, 120)}` };
}

/** The generator's side: runs one phase on its own connections. */
async function runPhase(job: PhaseJob): Promise<{ result: WindowResult; refreshTokens?: (string | null)[] }> {
  const host = `${HOST}:${job.port}`;
  const connections = Array.from({ length: job.connections }, () => new HttpConnection(HOST, job.port));
  const chains: (string | null)[] = [...(job.refreshTokens ?? [])];
  const echo = postRequest(host, '/echo', JSON.stringify({ hello: 'world' }));
  const clientCredentials = formRequest(host, `${ISSUER_PATH}/access_token`, { grant_type: 'client_credentials' });
  const iteration = async (loop: number): Promise<Outcome> => {
    const connection = connections[loop] as HttpConnection;
    if (job.kind === 'route') {
      const answer = await connection.send(echo);
      return answer.status === 200 ? { ok: true } : { ok: false, error: `echo: HTTP ${answer.status}` };
    }
    if (job.kind === 'client-credentials') {
      const answer = await connection.send(clientCredentials);
      const read = tokenAnswer(answer.status, answer.body);
      return read.ok ? { ok: true } : { ok: false, error: `client credentials: ${read.error}` };
    }
    const current = chains[loop];
    if (current === undefined || current === null) return { ok: false, error: 'refresh: this chain is broken' };
    const answer = await connection.send(formRequest(host, `${ISSUER_PATH}/access_token`, { grant_type: 'refresh_token', refresh_token: current }));
    const read = tokenAnswer(answer.status, answer.body);
    if (!read.ok) {
      chains[loop] = null;
      return { ok: false, error: `refresh: ${read.error}` };
    }
    if (typeof read.json.refresh_token === 'string') chains[loop] = read.json.refresh_token;
    return { ok: true };
  };
  try {
    const result = await measureWindow(iteration, { loops: job.connections, warmupSeconds: job.warmupSeconds, seconds: job.seconds, cpuPids: [job.cpuPid] });
    return job.kind === 'refresh' ? { result, refreshTokens: chains } : { result };
  } finally {
    for (const connection of connections) connection.close();
  }
}

function generatorMain(): void {
  prepareProcStats();
  process.on('message', (message: { id: number; job: PhaseJob }) => {
    runPhase(message.job).then(
      (done) => process.send?.({ id: message.id, ...done } satisfies PhaseReply),
      (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies PhaseReply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

/** Follows redirects on Arbor with a cookie jar; resolves to the first address elsewhere. */
async function follow(base: string, start: string, cookies: Map<string, string>): Promise<URL> {
  let next = new URL(start, base);
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetch(next, { redirect: 'manual', headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (location === null) throw new Error(`no redirect from ${next.pathname}: HTTP ${response.status}`);
    next = new URL(location, next);
    if (next.origin !== new URL(base).origin) return next;
  }
  throw new Error('too many redirects');
}

/** Signs the bench user in (AM's REST), then gets a refresh token by code + PKCE with `prompt=none`. */
async function seedRefreshToken(base: string): Promise<string> {
  const url = `${base}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`;
  const headers = { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' };
  let body: Record<string, unknown> | undefined;
  let tokenId: string | undefined;
  for (let step = 0; step < 6 && tokenId === undefined; step += 1) {
    const answer = (await (await fetch(url, { method: 'POST', headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json()) as Record<string, unknown>;
    if (typeof answer.tokenId === 'string') tokenId = answer.tokenId;
    else {
      for (const callback of (answer.callbacks ?? []) as { type: string; input?: { value: unknown }[] }[]) {
        const input = callback.input?.[0];
        if (input === undefined) continue;
        input.value = callback.type === 'NameCallback' ? USER.userName : callback.type === 'PasswordCallback' ? USER.password : callback.type === 'TermsAndConditionsCallback';
      }
      body = answer;
    }
  }
  if (tokenId === undefined) throw new Error('the bench user could not sign in');
  const verifier = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString('base64url');
  const query = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid profile', prompt: 'none', state: 'bench', code_challenge: challenge, code_challenge_method: 'S256' });
  const back = await follow(base, `${ISSUER_PATH}/authorize?${query}`, new Map([['iPlanetDirectoryPro', tokenId]]));
  const code = back.searchParams.get('code');
  if (code === null) throw new Error(`no code: ${back.href}`);
  const response = await fetch(`${base}${ISSUER_PATH}/access_token`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }) });
  const tokens = (await response.json()) as { refresh_token?: string };
  if (tokens.refresh_token === undefined) throw new Error(`no refresh token: HTTP ${response.status}`);
  return tokens.refresh_token;
}

async function admin(base: string, method: string, url: string, body: unknown): Promise<void> {
  const response = await fetch(`${base}${url}`, { method, headers: { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD, 'accept-api-version': 'resource=1.0', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${method} ${url}: HTTP ${response.status} ${await response.text()}`);
}

const rateOf = (window: WindowResult): number => window.completed / window.seconds;
const perCore = (window: WindowResult): number => (window.cpuMs <= 0 ? Number.NaN : window.completed / (window.cpuMs / 1000));
const show = (value: Spread, digits = 0): string => `${value.median.toFixed(digits)} (${value.min.toFixed(digits)} … ${value.max.toFixed(digits)})`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '5' }, connections: { type: 'string', default: '16' }, warmup: { type: 'string', default: '1' } } });
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const warmupSeconds = Number(values.warmup);
  if (![seconds, rounds, connections].every((value) => Number.isInteger(value) && value > 0) || !(warmupSeconds >= 0)) {
    console.error('usage: npm run bench:oauth2 [-- --seconds 3 --rounds 5 --connections 16 --warmup 1]');
    process.exit(2);
  }
  const cores = os.availableParallelism();
  console.log(`bench/oauth2: Node ${process.version}, ${cores} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'})`);
  console.log(`${rounds} rounds × 3 phases × ${seconds} s (+${warmupSeconds} s warm-up), ${connections} keep-alive connections, SQLite; Arbor, the Fastify route and the load generator each in their own process`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'arbor-bench-oauth2-'));
  const echoProcess = forkScript('echo-server.ts');
  const generator = fork(import.meta.filename, ['--generator'], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let arbor: ArborServer | undefined;
  try {
    arbor = await startArbor({ ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_MASTER_KEY: MASTER_KEY });
    const { port: echoPort } = await firstMessage<ListeningMessage>(echoProcess, 'the echo server');
    const base = `http://${HOST}:${arbor.port}`;
    await admin(base, 'POST', '/openidm/managed/alpha_user?_action=create', { ...USER, mail: 'bench@example.com', givenName: 'Bench', sn: 'User' });
    await admin(base, 'PUT', `/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client/${CLIENT_ID}`, {
      coreOAuth2ClientConfig: { userpassword: CLIENT_SECRET, redirectionUris: [REDIRECT], scopes: ['openid', 'profile'] },
      advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'], tokenEndpointAuthMethod: 'client_secret_basic', isConsentImplied: true },
    });
    let chains: (string | null)[] = [];
    for (let index = 0; index < connections; index += 1) chains.push(await seedRefreshToken(base));

    let next = 0;
    const run = (job: PhaseJob): Promise<PhaseReply> =>
      new Promise((resolve, reject) => {
        const id = next++;
        const onMessage = (message: PhaseReply): void => {
          if (message.id !== id) return;
          generator.off('message', onMessage);
          if (message.error !== undefined) reject(new Error(message.error));
          else resolve(message);
        };
        generator.on('message', onMessage);
        generator.send({ id, job });
      });
    if (echoProcess.pid === undefined) throw new Error('the echo server has no pid');
    const phase = { connections, warmupSeconds, seconds };
    const figures = { route: [] as WindowResult[], cc: [] as WindowResult[], refresh: [] as WindowResult[] };
    for (let round = 1; round <= rounds; round += 1) {
      const route = await run({ kind: 'route', port: echoPort, cpuPid: echoProcess.pid, ...phase });
      const cc = await run({ kind: 'client-credentials', port: arbor.port, cpuPid: arbor.pid, ...phase });
      const refresh = await run({ kind: 'refresh', port: arbor.port, cpuPid: arbor.pid, refreshTokens: chains, ...phase });
      chains = refresh.refreshTokens ?? [];
      const [r, c, f] = [route.result, cc.result, refresh.result] as WindowResult[];
      if (r === undefined || c === undefined || f === undefined) throw new Error('a phase gave no figures');
      figures.route.push(r);
      figures.cc.push(c);
      figures.refresh.push(f);
      const failures = [c, f].flatMap((window) => window.errors);
      console.log(
        `  round ${round}: route ${rateOf(r).toFixed(0)}/s, client credentials ${rateOf(c).toFixed(0)}/s (p50 ${c.p50Ms.toFixed(1)} ms), refresh ${rateOf(f).toFixed(0)}/s (p50 ${f.p50Ms.toFixed(1)} ms)` +
          (c.failures + f.failures > 0 ? `; ${c.failures + f.failures} failed: ${failures.join(' | ')}` : ''),
      );
    }
    const route = spread(figures.route.map(rateOf));
    const cc = spread(figures.cc.map(rateOf));
    const refresh = spread(figures.refresh.map(rateOf));
    const ccCore = spread(figures.cc.map(perCore));
    const refreshCore = spread(figures.refresh.map(perCore));
    const ratio = (value: Spread): string => `${((value.median / route.median) * 100).toFixed(1)} % of the route (1 : ${(route.median / value.median).toFixed(0)})`;
    console.log('');
    console.log('median (min … max) over the rounds');
    console.log(`  minimal Fastify route        ${show(route)} requests/s`);
    console.log(`  client credentials grants    ${show(cc)} /s, ${ratio(cc)}; ${show(ccCore)} per core of Arbor's CPU`);
    console.log(`  refresh grants (rotating)    ${show(refresh)} /s, ${ratio(refresh)}; ${show(refreshCore)} per core of Arbor's CPU`);
    console.log(`  Keycloak publishes about ${KEYCLOAK_PER_VCPU}/s per vCPU for each (its sizing guide); Arbor's per core: client credentials ×${(ccCore.median / KEYCLOAK_PER_VCPU).toFixed(1)}, refresh ×${(refreshCore.median / KEYCLOAK_PER_VCPU).toFixed(1)}`);
  } finally {
    await Promise.all([arbor?.stop(), stopChild(echoProcess), stopChild(generator)]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--generator')) generatorMain();
else await main();
