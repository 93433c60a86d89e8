/**
 * The CAPTCHA node's `secretKey` at rest, on the real platform and the real CLI: every journey
 * write seals it (the admin node and tree PUT, the REST import, `arbor journey import`), the admin
 * node GET and every export (`_action=export`, `arbor journey export`, `arbor config export`) leave
 * it out, and the journey verifies with it sealed. A journey stored before the key was sealed
 * (written straight into the store here) verifies with its clear key, and its next write seals
 * it with the master key, an import of its export (which carries no key) included, over the REST
 * and through `arbor config import`.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configExportCommand } from '../../cli/config-export-command.ts';
import { configImportCommand } from '../../cli/config-import-command.ts';
import { journeyExportCommand } from '../../cli/journey-export-command.ts';
import { journeyImportCommand } from '../../cli/journey-import-command.ts';
import { readSecretSealer } from '../../cli/read-secret-sealer.ts';
import { useUsersCliFixture } from '../../cli/users-cli-testing.ts';
import { injectCall, injectSignIn } from '../../http/testing/inject-client.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { isSealedText } from '../../secrets/secret-sealer.ts';
import { exportJourneys } from '../trees/export-journeys.ts';
import { secretConfigPurpose } from '../trees/secret-config.ts';
import { buildJourney, F, S } from '../trees/testing/build-journey.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const KEY = 'captcha-Secret-Key-4412';
const LEGACY_KEY = 'legacy-Clear-Key-9003';
const TOKEN = 'token-the-endpoint-accepts';
const NODE = 'c0000000-0000-4000-8000-000000000001';
const TREES = '/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees';
const TREE_API = { 'accept-api-version': 'protocol=2.1,resource=1.0' };

/** The CAPTCHA node's config, checked at `captchaUri`. */
function captchaConfig(captchaUri: string, secretKey?: string): Record<string, unknown> {
  return { siteKey: 'site-key', ...(secretKey === undefined ? {} : { secretKey }), captchaUri, apiUri: 'https://www.google.com/recaptcha/api.js', divClass: 'g-recaptcha', reCaptchaV3: false, scoreThreshold: '0.0', disableSubmission: true };
}

/** A journey of one CAPTCHA node: true to success, false to failure. */
function captchaJourney(name: string, captchaUri: string, secretKey?: string) {
  return buildJourney(name, NODE, { [NODE]: { type: 'CaptchaNode', connections: { true: S, false: F }, config: captchaConfig(captchaUri, secretKey) } });
}

/** What a stored journey holds in its CAPTCHA node's `secretKey`. */
function storedKey(definition: { nodes: Record<string, Record<string, unknown>> } | undefined): unknown {
  return definition?.nodes[NODE]?.secretKey;
}

describe('the CAPTCHA secret key at rest, over the admin REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let endpoint: Server;
  let verifyUrl = '';
  const secretsSeen: string[] = [];
  const call = injectCall(() => arbor.app);

  before(async () => {
    endpoint = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        secretsSeen.push(form.get('secret') ?? '');
        const success = [KEY, LEGACY_KEY].includes(form.get('secret') ?? '') && form.get('response') === TOKEN;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    verifyUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/siteverify`;
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = { ...(await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD)), ...TREE_API };
  });
  after(async () => {
    await arbor?.close();
    endpoint?.closeAllConnections();
    await new Promise<void>((resolve) => (endpoint === undefined ? resolve() : endpoint.close(() => resolve())));
  });

  /** Runs journey `name` with the token: the HTTP status of the answer (200 success, 401 failure). */
  const solve = async (name: string): Promise<number> => {
    const first = await call('POST', `/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=${name}&noSession=true`, {});
    assert.equal(first.statusCode, 200, first.body);
    const step = first.json<{ callbacks: { type: string; input: { value: unknown }[] }[] }>();
    assert.deepEqual(step.callbacks.map((callback) => callback.type), ['ReCaptchaCallback']);
    const input = step.callbacks[0]?.input[0];
    assert.ok(input);
    input.value = TOKEN;
    return (await call('POST', '/am/json/realms/root/realms/alpha/authenticate?noSession=true', {}, step)).statusCode;
  };
  const exported = async (name: string): Promise<string> => {
    const answer = await call('POST', `${TREES}/trees?_action=export`, admin, { names: [name] });
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.body;
  };

  it('the node and tree PUT store the key sealed, the node GET and the export leave it out, and the journey verifies with it', async () => {
    const journey = captchaJourney('CaptchaAdmin', verifyUrl, KEY);
    const node = journey.nodes[NODE];
    const written = await call('PUT', `${TREES}/nodes/CaptchaNode/${NODE}`, admin, node);
    assert.equal(written.statusCode, 201, written.body);
    assert.equal(written.body.includes(KEY), false);
    const put = await call('PUT', `${TREES}/trees/CaptchaAdmin`, admin, journey.tree);
    assert.equal(put.statusCode, 201, put.body);

    const stored = await arbor.store.journeys.get('alpha', 'CaptchaAdmin');
    assert.ok(isSealedText(String(storedKey(stored))), 'stored sealed');
    assert.equal(JSON.stringify(stored).includes(KEY), false, 'never in clear');
    const got = await call('GET', `${TREES}/nodes/CaptchaNode/${NODE}`, admin);
    assert.equal(got.statusCode, 200);
    assert.equal(Object.hasOwn(got.json<Record<string, unknown>>(), 'secretKey'), false, 'the node GET does not answer the key');
    assert.equal(got.json<Record<string, unknown>>().siteKey, 'site-key');
    const frodo = await exported('CaptchaAdmin');
    assert.equal(frodo.includes(KEY) || frodo.includes(String(storedKey(stored))), false, 'the export carries neither the key nor its sealed text');
    assert.match(frodo, /"siteKey":"site-key"/);

    secretsSeen.length = 0;
    assert.equal(await solve('CaptchaAdmin'), 200);
    assert.deepEqual(secretsSeen, [KEY], 'the provider gets the opened key');
  });

  it('a key stored in clear before keys were sealed still verifies; saving the tree again seals it', async () => {
    await arbor.store.journeys.put('alpha', captchaJourney('CaptchaLegacy', verifyUrl, LEGACY_KEY));
    secretsSeen.length = 0;
    assert.equal(await solve('CaptchaLegacy'), 200);
    assert.deepEqual(secretsSeen, [LEGACY_KEY]);

    const tree = await call('GET', `${TREES}/trees/CaptchaLegacy`, admin);
    assert.equal(tree.statusCode, 200);
    const saved = await call('PUT', `${TREES}/trees/CaptchaLegacy`, admin, tree.json());
    assert.equal(saved.statusCode, 200, saved.body);
    const stored = await arbor.store.journeys.get('alpha', 'CaptchaLegacy');
    assert.ok(isSealedText(String(storedKey(stored))), 'sealed by the save');
    assert.equal(JSON.stringify(stored).includes(LEGACY_KEY), false);
    secretsSeen.length = 0;
    assert.equal(await solve('CaptchaLegacy'), 200);
    assert.deepEqual(secretsSeen, [LEGACY_KEY]);
  });

  it('a key stored in clear is sealed by the import of the journey’s export, which carries none', async () => {
    await arbor.store.journeys.put('alpha', captchaJourney('CaptchaReimported', verifyUrl, LEGACY_KEY));
    const frodo = await exported('CaptchaReimported');
    assert.equal(frodo.includes(LEGACY_KEY), false);
    const imported = await call('POST', `${TREES}/trees?_action=import`, admin, { files: [{ name: 'CaptchaReimported.journey.json', content: JSON.parse(frodo) }] });
    assert.equal(imported.statusCode, 200, imported.body);
    const stored = await arbor.store.journeys.get('alpha', 'CaptchaReimported');
    assert.ok(isSealedText(String(storedKey(stored))), 'the kept key is sealed by the import');
    secretsSeen.length = 0;
    assert.equal(await solve('CaptchaReimported'), 200);
    assert.deepEqual(secretsSeen, [LEGACY_KEY]);
  });
});

describe('the CAPTCHA secret key at rest, through the CLI', () => {
  const fixture = useUsersCliFixture();

  it('arbor journey import seals it; arbor journey export and arbor config export leave it out', async () => {
    const file = await fixture().file('captcha.json', JSON.stringify(exportJourneys([captchaJourney('CaptchaCli', 'https://captcha.example/siteverify', KEY)], { format: 'frodo' })));
    const imported = await fixture().run(journeyImportCommand, [file]);
    assert.equal(imported.code, 0, imported.err.join('\n'));
    const store = await fixture().openStore();
    try {
      const stored = await store.journeys.get('alpha', 'CaptchaCli');
      assert.ok(isSealedText(String(storedKey(stored))), 'stored sealed');
      assert.equal(JSON.stringify(stored).includes(KEY), false);
    } finally {
      await store.close();
    }

    const journeyExport = await fixture().run(journeyExportCommand, ['CaptchaCli']);
    assert.equal(journeyExport.code, 0, journeyExport.err.join('\n'));
    const text = journeyExport.out.join('\n');
    assert.match(text, /"siteKey": ?"site-key"/);
    assert.equal(/secretKey"/.test(text), false, 'no secretKey in the journey export');

    const dir = join(fixture().dir, 'config');
    const configExport = await fixture().run(configExportCommand, [dir]);
    assert.equal(configExport.code, 0, configExport.err.join('\n'));
    const files = (await readdir(dir, { recursive: true })).filter((name) => name.includes('CaptchaCli'));
    assert.equal(files.length, 1, 'the journey is exported');
    const content = await readFile(join(dir, files[0] ?? ''), 'utf8');
    assert.match(content, /site-key/);
    assert.equal(content.includes('secretKey'), false, 'no secretKey in the configuration export');
  });

  it('arbor config import of a journey whose key an older Arbor stored in clear seals it with the master key', async () => {
    const store = await fixture().openStore();
    try {
      await store.journeys.put('alpha', captchaJourney('CaptchaConfigLegacy', 'https://captcha.example/siteverify', LEGACY_KEY));
    } finally {
      await store.close();
    }
    const dir = join(fixture().dir, 'legacy-config');
    assert.equal((await fixture().run(configExportCommand, [dir])).code, 0);
    const file = join(dir, 'journeys', 'CaptchaConfigLegacy.json');
    const text = await readFile(file, 'utf8');
    assert.equal(text.includes(LEGACY_KEY), false, 'the export leaves the clear key out too');
    await writeFile(file, text.replace('"site-key"', '"site-key-2"'));
    const imported = await fixture().run(configImportCommand, [dir]);
    assert.equal(imported.code, 0, imported.err.join('\n'));

    const sealer = await readSecretSealer({ ARBOR_DATA_DIR: fixture().dir });
    assert.ok(sealer);
    const after = await fixture().openStore();
    try {
      const stored = await after.journeys.get('alpha', 'CaptchaConfigLegacy');
      assert.equal(stored?.nodes[NODE]?.siteKey, 'site-key-2', 'the import was written');
      const key = String(storedKey(stored));
      assert.ok(isSealedText(key), 'sealed by the import');
      assert.equal(sealer.open(key, secretConfigPurpose('alpha', 'CaptchaNode', NODE, 'secretKey')), LEGACY_KEY, 'with the master key the server opens it with');
    } finally {
      await after.close();
    }
  });
});
