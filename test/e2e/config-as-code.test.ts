/**
 * Config as code end to end, over real SQLite data directories: a realm with one of everything
 * (scripts, journeys, a provider and a client with secrets, SMTP settings with a password, a page
 * theme, an SMS webhook token) is exported, imported into a fresh data directory and exported again
 * byte for byte; secrets never reach the files; a bad file changes nothing; --dry-run writes nothing.
 * The imported realm runs: a server started on the fresh data directory answers a journey's first
 * step. Managed object schemas (`global/managed.json`) import on SQLite, and on PostgreSQL when
 * ARBOR_TEST_POSTGRES_URL is set.
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
import { startTestServer } from '../helpers/test-server.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;

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

  it('runs the imported realm: a server on the fresh data directory answers the first step of a journey with callbacks', async () => {
    const dataDir = join(root, 'served');
    const imported = await cli(dataDir, ['config', 'import', exported, '--secrets', secretsFile]);
    assert.equal(imported.code, 0, imported.err.join('\n'));
    const server = await startTestServer({ env: envOf(dataDir) });
    try {
      const response = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
        body: '{}',
      });
      assert.equal(response.status, 200);
      const step = (await response.json()) as { authId?: unknown; callbacks?: { type: string; output: { name: string; value: unknown }[] }[] };
      assert.equal(typeof step.authId, 'string');
      assert.deepEqual(step.callbacks?.map((callback) => callback.type), ['NameCallback', 'PasswordCallback', 'SelectIdPCallback']);
      // The imported social provider is offered by the running realm.
      const providers = step.callbacks?.[2]?.output.find((output) => output.name === 'providers')?.value;
      assert.ok(JSON.stringify(providers).includes('"provider":"google"'), JSON.stringify(providers));
      // Starting the server left every imported object as it was (it only adds its sample journeys).
      assert.equal((await server.cli(['config', 'export', join(root, 'served-export')])).code, 0);
      const served = await readConfigDirectory(join(root, 'served-export'));
      for (const [path, text] of await readConfigDirectory(exported)) assert.equal(served.get(path), text, path);
    } finally {
      await server.close();
    }
  });

  it('imports the managed object schemas (global/managed.json) on SQLite', async () => {
    const data = join(root, 'managed-data');
    assert.equal((await cli(data, ['config', 'import', exported, '--secrets', secretsFile])).code, 0);
    const dir = join(root, 'managed');
    await cp(exported, dir, { recursive: true });
    await addNickname(dir);
    const result = await cli(data, ['config', 'import', dir]);
    assert.deepEqual([result.code, result.out], [0, ['~ global/managed.json']], result.err.join('\n'));
    const again = join(root, 'managed-again');
    assert.equal((await cli(data, ['config', 'export', again])).code, 0);
    assert.deepEqual(JSON.parse(await readFile(join(again, 'global/managed.json'), 'utf8')), JSON.parse(await readFile(join(dir, 'global/managed.json'), 'utf8')));
    assert.deepEqual((await cli(data, ['config', 'import', dir])).out, []);
  });

  it('imports the managed object schemas (global/managed.json) on PostgreSQL', { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, async () => {
    const server = await startTestServer({ postgresUrl: POSTGRES_URL ?? '', env: { ARBOR_MASTER_KEY: MASTER_KEY } });
    try {
      const dir = join(root, 'managed-postgres');
      assert.equal((await server.cli(['config', 'export', dir])).code, 0);
      await addNickname(dir);
      const result = await server.cli(['config', 'import', dir]);
      assert.deepEqual([result.code, result.out], [0, '~ global/managed.json\n'], result.err);
      const again = join(root, 'managed-postgres-again');
      assert.equal((await server.cli(['config', 'export', again])).code, 0);
      assert.deepEqual(JSON.parse(await readFile(join(again, 'global/managed.json'), 'utf8')), JSON.parse(await readFile(join(dir, 'global/managed.json'), 'utf8')));
      assert.equal((await server.cli(['config', 'import', dir])).out, '');
    } finally {
      await server.close();
    }
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

/** Adds a `nickname` string to the alpha user schema of `dir`'s global/managed.json. */
async function addNickname(dir: string): Promise<void> {
  const path = join(dir, 'global/managed.json');
  const managed = JSON.parse(await readFile(path, 'utf8')) as { objects: { name: string; schema: { order?: string[]; properties: Record<string, unknown> } }[] };
  const user = managed.objects.find((object) => object.name === 'alpha_user');
  assert.ok(user, 'alpha_user in managed.json');
  user.schema.properties.nickname = { type: 'string', title: 'Nickname', viewable: true, searchable: true, userEditable: true };
  user.schema.order?.push('nickname');
  await writeFile(path, JSON.stringify(managed));
}

async function snapshotAfterOpen(dataDir: string): Promise<string> {
  return snapshot(dataDir);
}
