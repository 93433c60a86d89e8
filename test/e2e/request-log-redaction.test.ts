/**
 * The request log of a running Arbor (`arbor start` with `ARBOR_LOG=true`, read from its standard
 * output) never holds a credential that came in a URL: `suspendedId` from an emailed link,
 * `authId`, `tokenId`, the session cookie's name as a parameter, and anything named like a
 * password, whatever its case or encoding. The parameter names stay, with `REDACTED` for a value;
 * other parameters are logged as they came.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import type { ArborChild } from '../helpers/start-arbor-child.ts';
import { startArborChild } from '../helpers/start-arbor-child.ts';

/** Requests carrying a credential in their query; each secret is unique so the log can be searched for it. */
const REQUESTS: { method: string; target: string; secret: string }[] = [
  { method: 'POST', target: '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=ResetPassword&suspendedId=SUSPENDED-7f3a', secret: 'SUSPENDED-7f3a' },
  { method: 'POST', target: '/am/json/realms/root/authenticate?authId=AUTHID-91bc', secret: 'AUTHID-91bc' },
  { method: 'POST', target: '/am/json/realms/root/sessions?_action=validate&tokenId=TOKEN-2d4e', secret: 'TOKEN-2d4e' },
  { method: 'GET', target: '/openidm/info/login?iPlanetDirectoryPro=COOKIE-5a6b', secret: 'COOKIE-5a6b' },
  { method: 'GET', target: '/openidm/info/login?arbor_sid=COOKIE-NAMED-8c9d', secret: 'COOKIE-NAMED-8c9d' },
  { method: 'GET', target: '/health/live?Password=PASSWORD-1e2f&keep=visible-value', secret: 'PASSWORD-1e2f' },
  { method: 'GET', target: '/health/live?new%5Fpass%77ord=PASSWORD-ENCODED-3a4b', secret: 'PASSWORD-ENCODED-3a4b' },
  { method: 'GET', target: '/health/live?client_secret=SECRET-5c6d', secret: 'SECRET-5c6d' },
  // A social provider's answer coming back into the journey, and a request object fetched by reference.
  { method: 'POST', target: '/am/json/realms/root/realms/alpha/authenticate?code=CODE-6e7f&state=STATE-8a9b', secret: 'CODE-6e7f' },
  { method: 'POST', target: '/am/json/realms/root/realms/alpha/authenticate?form_post_entry=ENTRY-0c1d', secret: 'ENTRY-0c1d' },
  { method: 'GET', target: '/am/oauth2/realms/root/realms/alpha/request_uri?requestObjectId=REQOBJ-2e3f', secret: 'REQOBJ-2e3f' },
];

describe('the request log redacts credentials in URLs', () => {
  let arbor: ArborChild;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-log-'));
    arbor = await startArborChild({ ARBOR_DATA_DIR: dataDir, ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ARBOR_LOG: 'true', ARBOR_COOKIE_NAME: 'arbor_sid' });
  });
  after(async () => {
    await arbor?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('logs every request with its parameter names, never the secret values', async () => {
    for (const { method, target } of REQUESTS) {
      await fetch(`${arbor.baseUrl}${target}`, { method, headers: method === 'POST' ? { 'content-type': 'application/json' } : {}, body: method === 'POST' ? '{}' : null });
    }
    const deadline = Date.now() + 10_000;
    while (!arbor.output().includes('client_secret=') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const log = arbor.output();
    for (const { secret } of REQUESTS) assert.ok(!log.includes(secret), `${secret} is in the log:\n${log.split('\n').filter((line) => line.includes(secret)).join('\n')}`);
    const urls = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url)
      .filter((url): url is string => url !== undefined);
    for (const expected of [
      '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=ResetPassword&suspendedId=REDACTED',
      '/am/json/realms/root/authenticate?authId=REDACTED',
      '/am/json/realms/root/sessions?_action=validate&tokenId=REDACTED',
      '/openidm/info/login?iPlanetDirectoryPro=REDACTED',
      '/openidm/info/login?arbor_sid=REDACTED',
      '/health/live?Password=REDACTED&keep=visible-value',
      '/health/live?new%5Fpass%77ord=REDACTED',
      '/health/live?client_secret=REDACTED',
    ]) {
      assert.ok(urls.includes(expected), `${expected} not among the logged URLs:\n${urls.join('\n')}`);
    }
  });
});
