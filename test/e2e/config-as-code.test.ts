/**
 * Config as code end to end, over real SQLite data directories: a realm with one of everything
 * (scripts, journeys, a provider and a client with secrets, SMTP settings with a password, a page
 * theme, an SMS webhook token) is exported, imported into a fresh data directory and exported again
 * byte for byte; secrets never reach the files; a bad file changes nothing; --dry-run writes nothing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readConfigDirectory } from '../../src/config-as-code/config-directory.ts';
import { runCli } from '../../src/cli/cli-main.ts';
import type { CliContext } from '../../src/cli/command.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { createOAuth2ClientStore } from '../../src/oauth2/oauth2-client-store.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import { configScriptStore } from '../../src/scripting/script-store.ts';
import { decodeMasterKey } from '../../src/secrets/master-key.ts';
import { createSecretSealer } from '../../src/secrets/secret-sealer.ts';
import { createEmailConfigAdmin } from '../../src/selfservice/email/email-config-admin.ts';
import { createEmailSecrets } from '../../src/selfservice/email/email-secrets.ts';
import { createSocialProviderService } from '../../src/social/providers/social-provider-service.ts';
import type { Store } from '../../src/store/store.ts';

const PROVIDER_SECRET = 'provider-secret-3f9a1c';
const CLIENT_SECRET = 'client-secret-77be20';
const SMTP_PASSWORD = 'smtp-password-51d0e4';
const SMS_TOKEN = 'Bearer sms-token-a81c2f';
const MASTER_KEY = randomBytes(32).toString('base64url');

let root: string;

function envOf(dataDir: string): Record<string, string> {
  return { ARBOR_DATA_DIR: dataDir, ARBOR_MASTER_KEY: MASTER_KEY };
}

function open(dataDir: string): Promise<Store> {
  return openPlatformStore(loadServerSettings(envOf(dataDir), root), () => undefined);
}

async function cli(dataDir: string, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { env: envOf(dataDir), out: (line) => out.push(line), err: (line) => err.push(line), openStore: () => open(dataDir) };
  const code = await runCli(args, ctx);
  return { code, out, err };
}

/** Everything the store holds that config as code covers, as text: configuration documents, alpha's journeys and realm. */
async function snapshot(dataDir: string): Promise<string> {
  const store = await open(dataDir);
  try {
    const configs: Record<string, unknown> = {};
    for (const id of await store.configs.list('')) configs[id] = await store.configs.get(id);
    const journeys: Record<string, unknown> = {};
    for (const name of await store.journeys.list('alpha')) journeys[name] = await store.journeys.get('alpha', name);
    return JSON.stringify({ configs, journeys, realm: await store.realms.get('alpha') });
  } finally {
    await store.close();
  }
}

const SCRIPT_SOURCE = "// decides\nif (nodeState.get('username')) { outcome = 'true'; } else { outcome = 'false'; }\n";

async function setUpRealm(dataDir: string): Promise<void> {
  const store = await open(dataDir);
  try {
    const sealer = createSecretSealer(decodeMasterKey(MASTER_KEY, 'ARBOR_MASTER_KEY'));
    const now = Date.UTC(2025, 0, 2);
    await configScriptStore(store.configs).put('alpha', {
      _id: 'b1c2d3e4-0000-4000-8000-000000000001', name: 'Has username', description: 'é and ✓', script: Buffer.from(SCRIPT_SOURCE).toString('base64'),
      language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0', default: false,
      createdBy: 'admin', creationDate: now, lastModifiedBy: 'admin', lastModifiedDate: now,
    });
    await createSocialProviderService({ configs: store.configs, sealer }).put('alpha', 'oidcConfig', 'google', {
      clientId: 'google-client', clientSecret: PROVIDER_SECRET, authorizationEndpoint: 'https://accounts.example.com/auth', tokenEndpoint: 'https://accounts.example.com/token',
      userInfoEndpoint: 'https://accounts.example.com/userinfo', issuer: 'https://accounts.example.com', redirectURI: 'https://arbor.example.com/login', scopes: ['openid', 'email'],
    }, { discovery: false });
    await createOAuth2ClientStore({ configs: store.configs, sealer }).put('alpha', 'shop', {
      coreOAuth2ClientConfig: { userpassword: CLIENT_SECRET, redirectionUris: ['https://shop.example.com/cb'], scopes: ['openid', 'profile'] },
    });
    await createEmailConfigAdmin(store.configs, createEmailSecrets(sealer)).putSettings({ host: 'smtp.example.com', port: 587, from: 'no-reply@example.com', auth: { enable: true, username: 'mailer', password: SMTP_PASSWORD } });
    const realm = await store.realms.get('alpha');
    assert.ok(realm);
    await store.realms.put({ ...realm, pages: { theme: { primaryColor: '#1a4d8f' } }, sms: { webhookUrl: 'https://sms.example.com/send', headers: { Authorization: SMS_TOKEN } } });
  } finally {
    await store.close();
  }
}

describe('arbor config export and import', () => {
  let source: string;
  let exported: string;
  let secretsFile: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'arbor-config-as-code-'));
    source = join(root, 'source');
    exported = join(root, 'exported');
    await setUpRealm(source);
    const result = await cli(source, ['config', 'export', exported]);
    assert.equal(result.code, 0, result.err.join('\n'));
    secretsFile = join(root, 'secrets.json');
    await writeFile(secretsFile, JSON.stringify({
      'social-providers/oidcConfig/google/clientSecret': PROVIDER_SECRET,
      'oauth2-clients/shop/userpassword': CLIENT_SECRET,
      'global/email/auth.password': SMTP_PASSWORD,
      'realm/sms/headers/Authorization': SMS_TOKEN,
    }));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes every kind of object, its secrets as references only', async () => {
    const files = await readConfigDirectory(exported);
    for (const path of ['realm.json', 'self-service.json', 'journeys/Login.json', 'scripts/b1c2d3e4-0000-4000-8000-000000000001.json', 'scripts/b1c2d3e4-0000-4000-8000-000000000001.js', 'social-providers/oidcConfig/google.json', 'oauth2-clients/shop.json', 'global/email.json', 'global/kba.json', 'global/terms.json']) {
      assert.ok(files.has(path), `${path} exported`);
    }
    assert.equal(files.get('scripts/b1c2d3e4-0000-4000-8000-000000000001.js'), SCRIPT_SOURCE);
    const all = [...files.values()].join('\n');
    for (const secret of [PROVIDER_SECRET, CLIENT_SECRET, SMTP_PASSWORD, 'sms-token-a81c2f', '$crypto']) assert.ok(!all.includes(secret), `${secret} not exported`);
    assert.deepEqual(JSON.parse(files.get('social-providers/oidcConfig/google.json') ?? '{}').clientSecret, { $secret: 'social-providers/oidcConfig/google/clientSecret' });
  });

  it('imports into a fresh data directory and exports the same files byte for byte', async () => {
    const fresh = join(root, 'fresh');
    const imported = await cli(fresh, ['config', 'import', exported, '--secrets', secretsFile]);
    assert.equal(imported.code, 0, imported.err.join('\n'));
    assert.ok(imported.out.includes('+ social-providers/oidcConfig/google.json'), imported.out.join('\n'));
    assert.ok(imported.out.includes('~ realm.json'), imported.out.join('\n'));
    const again = join(root, 'again');
    assert.equal((await cli(fresh, ['config', 'export', again])).code, 0);
    assert.deepEqual(await readConfigDirectory(again), await readConfigDirectory(exported));
    // The secrets came through: the provider's opens to the value given.
    const store = await open(fresh);
    try {
      const sealer = createSecretSealer(decodeMasterKey(MASTER_KEY, 'ARBOR_MASTER_KEY'));
      const provider = await createSocialProviderService({ configs: store.configs, sealer }).providerForJourney('alpha', 'google');
      assert.equal(provider?.clientSecret, PROVIDER_SECRET);
      assert.equal((await store.realms.get('alpha'))?.sms?.headers?.Authorization, SMS_TOKEN);
    } finally {
      await store.close();
    }
    // A second import of the same files changes nothing.
    const second = await cli(fresh, ['config', 'import', exported]);
    assert.deepEqual([second.code, second.out], [0, []]);
  });

  it('refuses a reference to a secret that is neither stored nor given', async () => {
    const fresh = join(root, 'no-secrets');
    const before = await snapshotAfterOpen(fresh);
    const result = await cli(fresh, ['config', 'import', exported]);
    assert.equal(result.code, 1);
    assert.ok(result.err.includes('error: social-providers/oidcConfig/google.json: clientSecret: no secret social-providers/oidcConfig/google/clientSecret is stored and none is given (--secrets)'), result.err.join('\n'));
    assert.equal(await snapshot(fresh), before);
  });

  it('changes nothing when one journey among several is bad, or a file is not JSON', async () => {
    const broken = join(root, 'broken');
    await cp(exported, broken, { recursive: true });
    const login = JSON.parse(await readFile(join(broken, 'journeys/Login.json'), 'utf8'));
    login.tree.entryNodeId = 'no-such-node';
    await writeFile(join(broken, 'journeys/Login.json'), JSON.stringify(login));
    await writeFile(join(broken, 'oauth2-clients/shop.json'), '{ not json');
    const before = await snapshot(source);
    const result = await cli(source, ['config', 'import', broken]);
    assert.equal(result.code, 1);
    assert.ok(result.err.some((line) => line.startsWith('error: journeys/Login.json: ')), result.err.join('\n'));
    assert.ok(result.err.some((line) => line.startsWith('error: oauth2-clients/shop.json: is not JSON')), result.err.join('\n'));
    assert.equal(await snapshot(source), before);
  });

  it('prints the changes of --dry-run and writes nothing', async () => {
    const edited = join(root, 'edited');
    await cp(exported, edited, { recursive: true });
    const realm = JSON.parse(await readFile(join(edited, 'realm.json'), 'utf8'));
    realm.sessions.maxIdleMinutes = 45;
    await writeFile(join(edited, 'realm.json'), JSON.stringify(realm));
    await rm(join(edited, 'oauth2-clients/shop.json'));
    const before = await snapshot(source);
    const dry = await cli(source, ['config', 'import', edited, '--dry-run', '--prune']);
    assert.deepEqual([dry.code, dry.out], [0, ['- oauth2-clients/shop.json', '~ realm.json']]);
    assert.equal(await snapshot(source), before);
  });
});

async function snapshotAfterOpen(dataDir: string): Promise<string> {
  return snapshot(dataDir);
}
