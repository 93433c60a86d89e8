/**
 * The CAPTCHA nodes end to end, over AM's REST callbacks: a running Arbor (`arbor start`, its log
 * read from standard output) and a small verification endpoint on loopback standing in for the
 * provider, as an operator would point a self-hosted or enterprise endpoint at it (`captchaUri`).
 * A journey sends the ReCaptchaCallback with the node's site key and script; a token the endpoint
 * accepts takes the true outcome (success), one it rejects the false outcome (401), both verified
 * with the node's secret and the caller's address. The secret is imported in clear and stored
 * sealed with the master key (nowhere in clear in the data directory, never answered by the admin
 * node GET nor exported), so every verification here opens it on the way to the endpoint. The endpoint down, slow or answering an error
 * gives the false outcome too, never a 500, with the reason in the log: a warning naming the
 * verify URL, never the secret or the token.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import { buildJourney } from '../helpers/self-service.ts';
import type { ArborChild } from '../helpers/start-arbor-child.ts';
import { freePort, startArborChild } from '../helpers/start-arbor-child.ts';

const ADMIN_PASSWORD = 'Admin-Captcha-Passw0rd!';
const SECRET = 'stub-verify-secret-7731';
const GOOD = 'good-token-4417';
const BAD = 'bad-token-9902';
const SITE_KEY = 'site-key-e2e';
const AM = '/am/json/realms/root/realms/alpha';
const HEADERS = { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' };

interface WireCallback {
  type: string;
  output: { name: string; value: unknown }[];
  input: { name: string; value: unknown }[];
}
interface Answer {
  status: number;
  json: { authId?: string; callbacks?: WireCallback[]; successUrl?: string; tokenId?: string; message?: string; code?: number };
}

/** What the verification endpoint received. */
interface Verification {
  path: string;
  form: Record<string, string>;
}

/** A CAPTCHA journey checked at `captchaUri`: the node, then success (true) or failure (false). */
function captchaJourney(name: string, type: 'CaptchaNode' | 'product-CaptchaNode', captchaUri: string): { tree: Record<string, unknown>; nodes: Record<string, Record<string, unknown>> } {
  return buildJourney(name, 'managed/alpha_user', [
    {
      key: 'captcha',
      type,
      config: { siteKey: SITE_KEY, secretKey: SECRET, captchaUri, apiUri: 'https://www.google.com/recaptcha/api.js', divClass: 'g-recaptcha', reCaptchaV3: false, scoreThreshold: '0.0', disableSubmission: true },
      connections: { true: 'success', false: 'failure' },
    },
  ]);
}

describe('the CAPTCHA nodes against a verification endpoint on loopback', () => {
  let arbor: ArborChild;
  let dataDir: string;
  let endpoint: Server;
  let verifyBase = '';
  let downUrl = '';
  let adminCookie = '';
  let captchaNodeId = '';
  const verifications: Verification[] = [];
  const hanging: ServerResponse[] = [];

  before(async () => {
    endpoint = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        const pathname = new URL(request.url ?? '/', 'http://stub').pathname;
        verifications.push({ path: pathname, form });
        if (pathname === '/siteverify-slow') return void hanging.push(response);
        if (pathname === '/siteverify-broken') return void response.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
        const success = form.secret === SECRET && form.response === GOOD;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(success ? { success, hostname: 'localhost' } : { success, 'error-codes': ['invalid-input-response'] }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    verifyBase = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
    downUrl = `http://127.0.0.1:${await freePort()}/siteverify?key=never-logged`;
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-captcha-'));
    arbor = await startArborChild({ ARBOR_DATA_DIR: dataDir, ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_LOG: 'true' });

    const signIn = await fetch(`${arbor.baseUrl}/am/json/realms/root/authenticate`, { method: 'POST', headers: { 'x-openam-username': 'amadmin', 'x-openam-password': ADMIN_PASSWORD } });
    const { tokenId } = (await signIn.json()) as { tokenId: string };
    adminCookie = `iPlanetDirectoryPro=${tokenId}`;
    const journeys = {
      Captcha: captchaJourney('Captcha', 'CaptchaNode', `${verifyBase}/siteverify`),
      CaptchaDown: captchaJourney('CaptchaDown', 'CaptchaNode', downUrl),
      CaptchaSlow: captchaJourney('CaptchaSlow', 'product-CaptchaNode', `${verifyBase}/siteverify-slow`),
      CaptchaBroken: captchaJourney('CaptchaBroken', 'product-CaptchaNode', `${verifyBase}/siteverify-broken`),
    };
    const imported = await fetch(`${arbor.baseUrl}${AM}/realm-config/authentication/authenticationtrees/trees?_action=import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=1.0', cookie: adminCookie },
      body: JSON.stringify({ files: Object.entries(journeys).map(([name, content]) => ({ name: `${name}.journey.json`, content })) }),
    });
    assert.equal(imported.status, 200, await imported.text());
    captchaNodeId = Object.keys(journeys.Captcha.nodes)[0] ?? '';
  });
  after(async () => {
    await arbor?.stop();
    for (const response of hanging) response.destroy();
    endpoint?.closeAllConnections();
    await new Promise<void>((resolve) => (endpoint === undefined ? resolve() : endpoint.close(() => resolve())));
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  const post = async (target: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${arbor.baseUrl}${target}`, { method: 'POST', headers: HEADERS, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, json: (await response.json()) as Answer['json'] };
  };
  /** The journey's first step: its ReCaptchaCallback. */
  const start = async (journey: string): Promise<Answer['json']> => {
    const first = await post(`${AM}/authenticate?authIndexType=service&authIndexValue=${journey}&noSession=true`);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json.callbacks?.map((callback) => callback.type), ['ReCaptchaCallback']);
    return first.json;
  };
  /** Answers the step's ReCaptchaCallback with `token`. */
  const answer = async (step: Answer['json'], token: string): Promise<Answer> => {
    const callback = step.callbacks?.[0];
    const input = callback?.input[0];
    assert.ok(input !== undefined);
    input.value = token;
    return post(`${AM}/authenticate?noSession=true`, step);
  };
  /** The log's CAPTCHA warnings so far, parsed. */
  const warnings = (): { level: number; reason: string; verifyUrl: string; msg: string; reqId?: string }[] =>
    arbor
      .output()
      .split('\n')
      .filter((line) => line.includes('a CAPTCHA could not be verified'))
      .map((line) => JSON.parse(line) as { level: number; reason: string; verifyUrl: string; msg: string; reqId?: string });
  /** Waits (a little) for a warning whose reason matches `reason`. */
  const warningAbout = async (reason: RegExp): Promise<{ level: number; reason: string; verifyUrl: string; msg: string; reqId?: string }> => {
    const deadline = Date.now() + 5_000;
    let found = warnings().find((entry) => reason.test(entry.reason));
    while (found === undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = warnings().find((entry) => reason.test(entry.reason));
    }
    assert.ok(found !== undefined, `no warning matching ${reason} in:\n${arbor.output()}`);
    return found;
  };

  it('sends the ReCaptchaCallback with the node’s site key and script, and asks again for an empty answer', async () => {
    const step = await start('Captcha');
    const outputs = Object.fromEntries(step.callbacks?.[0]?.output.map((entry) => [entry.name, entry.value]) ?? []);
    assert.deepEqual(outputs, { recaptchaSiteKey: SITE_KEY, captchaApiUri: 'https://www.google.com/recaptcha/api.js', captchaDivClass: 'g-recaptcha', reCaptchaV3: false, disableSubmission: true });
    assert.equal(JSON.stringify(step).includes(SECRET), false, 'the secret never reaches the client');
    const again = await answer(step, '  ');
    assert.equal(again.status, 200);
    assert.deepEqual(again.json.callbacks?.map((callback) => callback.type), ['ReCaptchaCallback']);
    assert.equal(verifications.length, 0, 'nothing to verify');
  });

  it('takes the true outcome for a token the endpoint accepts, verified with the secret and the caller’s address', async () => {
    verifications.length = 0;
    const done = await answer(await start('Captcha'), GOOD);
    assert.equal(done.status, 200, JSON.stringify(done.json));
    assert.equal(typeof done.json.successUrl, 'string');
    assert.deepEqual(verifications, [{ path: '/siteverify', form: { secret: SECRET, response: GOOD, remoteip: '127.0.0.1' } }]);
  });

  it('stores the secret sealed: nowhere in clear in the data directory, not answered by the node GET nor exported', async () => {
    for (const name of await readdir(dataDir, { recursive: true })) {
      const content = await readFile(path.join(dataDir, name)).catch(() => undefined);
      assert.equal(content?.includes(SECRET) ?? false, false, `${name} does not hold the secret in clear`);
    }
    const admin = { 'accept-api-version': 'protocol=2.1,resource=1.0', cookie: adminCookie };
    const trees = `${arbor.baseUrl}${AM}/realm-config/authentication/authenticationtrees`;
    const node = await fetch(`${trees}/nodes/CaptchaNode/${captchaNodeId}`, { headers: admin });
    assert.equal(node.status, 200);
    const shown = (await node.json()) as Record<string, unknown>;
    assert.equal(shown.siteKey, SITE_KEY);
    assert.equal(Object.hasOwn(shown, 'secretKey'), false);
    const exported = await fetch(`${trees}/trees?_action=export`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ names: ['Captcha'] }) });
    assert.equal(exported.status, 200);
    const text = await exported.text();
    assert.equal(text.includes(SITE_KEY), true);
    assert.equal(text.includes('secretKey'), false, 'the export leaves the key out');
  });

  it('takes the false outcome for a token the endpoint rejects: a 401, and nothing to warn the operator about', async () => {
    verifications.length = 0;
    const refused = await answer(await start('Captcha'), BAD);
    assert.equal(refused.status, 401, JSON.stringify(refused.json));
    assert.equal(refused.json.message, 'Login failure');
    assert.deepEqual(verifications, [{ path: '/siteverify', form: { secret: SECRET, response: BAD, remoteip: '127.0.0.1' } }]);
    assert.deepEqual(warnings(), [], 'a rejected token is the endpoint’s answer, not a failure to verify');
  });

  it('takes the false outcome when the endpoint is down, and logs why (without the URL’s query)', async () => {
    const refused = await answer(await start('CaptchaDown'), GOOD);
    assert.equal(refused.status, 401, JSON.stringify(refused.json));
    const warning = await warningAbout(/could not be reached/);
    assert.equal(warning.level, 40, 'a warning');
    assert.match(warning.reason, /^the provider could not be reached \(ECONNREFUSED\)$/);
    assert.equal(warning.verifyUrl, downUrl.replace('?key=never-logged', ''));
    assert.equal(typeof warning.reqId, 'string', 'tied to the request');
  });

  it('takes the false outcome when the endpoint answers an error, and logs its status', async () => {
    const refused = await answer(await start('CaptchaBroken'), GOOD);
    assert.equal(refused.status, 401, JSON.stringify(refused.json));
    const warning = await warningAbout(/HTTP 503/);
    assert.equal(warning.reason, 'the provider answered HTTP 503');
    assert.equal(warning.verifyUrl, `${verifyBase}/siteverify-broken`);
  });

  it('takes the false outcome when the endpoint does not answer in time (product-CaptchaNode), and logs the timeout', async () => {
    const began = Date.now();
    const refused = await answer(await start('CaptchaSlow'), GOOD);
    assert.equal(refused.status, 401, JSON.stringify(refused.json));
    assert.ok(Date.now() - began >= 4_500, 'after the time limit');
    assert.equal(hanging.length, 1, 'the endpoint got the request and never answered');
    const warning = await warningAbout(/did not answer/);
    assert.equal(warning.reason, 'the provider did not answer within 5000 ms');
  });

  it('never logs the secret or a token, and never failed with a 500', () => {
    const log = arbor.output();
    for (const secret of [SECRET, GOOD, BAD, 'never-logged']) assert.equal(log.includes(secret), false, `${secret} is not in the log`);
    const statuses = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { res?: { statusCode?: number } }).res?.statusCode)
      .filter((status) => status !== undefined);
    assert.ok(statuses.length > 0, 'requests are logged');
    assert.equal(statuses.filter((status) => status >= 500).length, 0);
  });
});
