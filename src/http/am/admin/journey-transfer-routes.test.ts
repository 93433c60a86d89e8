/**
 * Journey export and import through the trees collection (`_action=export|import`), on the real
 * platform: administrators of the realm only (anonymous 401, users 403, a realm administrator on
 * another realm 403); bad bodies and files that are not journeys are 400s with their reasons;
 * an import is all or nothing (a good journey beside a bad one is not imported either); a good
 * file is imported with its scripts; an export carries the inner trees, scripts and email
 * templates, and imports back.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform } from '../../../platform/testing/in-memory-platform.ts';
import type { TestPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { alphaPeople, personOf } from '../../testing/alpha-people.ts';
import { injectCall, injectSignIn } from '../../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const ALPHA = '/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees';
const ROOT = '/am/json/realms/root/realm-config/authentication/authenticationtrees';
/** A real Frodo export with three scripts and a page (test/fixtures/NOTICE.md). */
const FRODO_WITH_SCRIPTS = new URL('../../../../test/fixtures/forgerock/frodo-lib/FrodoTestJourney3-scripts.journey.json', import.meta.url);
const CHECK_USERNAME_SCRIPT = '739bdc48-fd24-4c52-b353-88706d75558a';

/** An AM REST journey whose only node is of a type Arbor does not have. */
function brokenJourney(name: string): unknown {
  const node = 'b0000000-0000-4000-8000-000000000001';
  return {
    tree: { _id: name, entryNodeId: node, nodes: { [node]: { nodeType: 'NoSuchNode', displayName: 'Mystery', connections: { outcome: '70e691a5-1e33-4ac3-a356-e7b6d60d92e0' } } } },
    nodes: { [node]: { _id: node, _type: { _id: 'NoSuchNode', name: 'No Such Node' } } },
  };
}

interface Imported {
  imported: boolean;
  trees: { name: string; warnings: string[] }[];
  scripts: { id: string; name: string }[];
}

interface Refused {
  message: string;
  detail: { problems: string[] };
}

describe('journey export and import REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let realmAdmin: Record<string, string>;
  let user: Record<string, string>;
  let frodo: unknown;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD);
    const people = await alphaPeople(arbor, admin, 'ada', ['paul']);
    realmAdmin = personOf(people, 'ada').session;
    user = personOf(people, 'paul').session;
    frodo = JSON.parse(await readFile(FRODO_WITH_SCRIPTS, 'utf8'));
  });
  after(async () => arbor?.close());

  it('refuses anonymous callers (401), users (403) and administrators of another realm (403)', async () => {
    const exportBody = { names: ['Login'] };
    const importBody = { files: [{ name: 'j.json', content: frodo }] };
    for (const [url, body] of [
      [`${ALPHA}/trees?_action=export`, exportBody],
      [`${ALPHA}/trees?_action=import`, importBody],
    ] as const) {
      assert.equal((await call('POST', url, {}, body)).statusCode, 401, url);
      assert.equal((await call('POST', url, user, body)).statusCode, 403, url);
    }
    assert.equal((await call('POST', `${ROOT}/trees?_action=export`, realmAdmin, exportBody)).statusCode, 403);
    assert.equal((await call('POST', `${ROOT}/trees?_action=import`, realmAdmin, importBody)).statusCode, 403);
    assert.equal((await call('GET', `${ROOT}/trees/FrodoTestJourney3`, admin)).statusCode, 404, 'nothing imported into root');
    // Their own realm is theirs.
    assert.equal((await call('POST', `${ALPHA}/trees?_action=export`, realmAdmin, exportBody)).statusCode, 200);
  });

  it('checks the caller before reading the body: an anonymous body is never parsed', async () => {
    // Not JSON at all: a parsed body would be a 400; the anonymous caller is refused first.
    assert.equal((await call('POST', `${ALPHA}/trees?_action=import`, {}, `{"files": [${'x'.repeat(100_000)}`)).statusCode, 401);
    assert.equal((await call('POST', `${ALPHA}/trees?_action=import`, user, '{"files": [')).statusCode, 403);
    assert.equal((await call('POST', `${ALPHA}/trees?_action=import`, admin, '{"files": [')).statusCode, 400, 'an administrator gets the parse error');
  });

  it('answers bad bodies with a 400 that says what is wrong', async () => {
    const cases: [string, unknown, RegExp][] = [
      [`${ALPHA}/trees?_action=explode`, { names: ['Login'] }, /Action explode is not supported here; use export, import/],
      [`${ALPHA}/trees`, { names: ['Login'] }, /Action \(none\)/],
      [`${ALPHA}/trees?_action=export`, [], /The body must be an object/],
      [`${ALPHA}/trees?_action=export`, { names: [] }, /names must list 1 to 100/],
      [`${ALPHA}/trees?_action=export`, { names: [7] }, /Each name must be a text/],
      [`${ALPHA}/trees?_action=export`, { names: ['Login'], innerTrees: 'yes' }, /innerTrees must be true or false/],
      [`${ALPHA}/trees?_action=import`, { files: [] }, /files must list 1 to 50 files/],
      [`${ALPHA}/trees?_action=import`, { files: [{ content: frodo }] }, /files\[0\]\.name must be a text/],
      [`${ALPHA}/trees?_action=import`, { files: [{ name: 'x.json' }] }, /files\[0\]\.content must be the file’s JSON/],
      [`${ALPHA}/trees?_action=import`, '{"files": [', /Malformed JSON body/],
    ];
    for (const [url, body, message] of cases) {
      const answer = await call('POST', url, admin, body);
      assert.equal(answer.statusCode, 400, `${url} ${answer.body}`);
      assert.match(answer.json<{ message: string }>().message, message);
    }
  });

  it('refuses a file that is not a journey export, naming the file', async () => {
    const answer = await call('POST', `${ALPHA}/trees?_action=import`, admin, { files: [{ name: 'notes.json', content: { hello: 'world' } }] });
    assert.equal(answer.statusCode, 400, answer.body);
    const refused = answer.json<Refused>();
    assert.match(refused.message, /Nothing was imported/);
    assert.ok(refused.detail.problems.some((problem) => problem.includes('notes.json') && problem.includes('not a journey export')), refused.detail.problems.join('\n'));
  });

  it('imports nothing when one journey of the files is refused, and says why', async () => {
    const answer = await call('POST', `${ALPHA}/trees?_action=import`, admin, {
      files: [
        { name: 'good.journey.json', content: frodo },
        { name: 'bad.json', content: brokenJourney('Broken') },
      ],
    });
    assert.equal(answer.statusCode, 400, answer.body);
    const problems = answer.json<Refused>().detail.problems;
    assert.ok(problems.some((problem) => problem.startsWith('Broken: ') && problem.includes('NoSuchNode')), problems.join('\n'));
    assert.equal((await call('GET', `${ALPHA}/trees/FrodoTestJourney3`, admin)).statusCode, 404, 'the good journey is not imported either');
    assert.equal((await call('GET', `${ALPHA}/trees/Broken`, admin)).statusCode, 404);
    assert.equal((await call('GET', `/am/json/realms/root/realms/alpha/scripts/${CHECK_USERNAME_SCRIPT}`, admin)).statusCode, 404, 'nor its scripts');
  });

  it('imports nothing when a social identity provider of the file is not valid', async () => {
    const withProvider = { ...Object(frodo), socialIdentityProviders: { mystery: { _id: 'mystery', _type: { _id: 'noSuchProviderConfig' } } } };
    const answer = await call('POST', `${ALPHA}/trees?_action=import`, admin, { files: [{ name: 'p.journey.json', content: withProvider }] });
    assert.equal(answer.statusCode, 400, answer.body);
    assert.ok(answer.json<Refused>().detail.problems.some((problem) => problem.startsWith('social identity provider mystery: unknown provider type')), answer.body);
    assert.equal((await call('GET', `${ALPHA}/trees/FrodoTestJourney3`, admin)).statusCode, 404);
  });

  it('imports a Frodo export with its scripts, then exports it back with them', async () => {
    const answer = await call('POST', `${ALPHA}/trees?_action=import`, admin, { files: [{ name: 'FrodoTestJourney3.journey.json', content: frodo }] });
    assert.equal(answer.statusCode, 200, answer.body);
    const imported = answer.json<Imported>();
    assert.equal(imported.imported, true);
    assert.deepEqual(imported.trees.map((tree) => tree.name), ['FrodoTestJourney3']);
    assert.ok(imported.scripts.some((script) => script.id === CHECK_USERNAME_SCRIPT && script.name === 'Check Username'), answer.body);
    const tree = await call('GET', `${ALPHA}/trees/FrodoTestJourney3`, admin);
    assert.equal(tree.statusCode, 200);
    assert.equal(Object.keys(tree.json<{ nodes: Record<string, unknown> }>().nodes).length, 2);

    const exported = await call('POST', `${ALPHA}/trees?_action=export`, admin, { names: ['FrodoTestJourney3'] });
    assert.equal(exported.statusCode, 200, exported.body);
    const file = exported.json<{ meta: { exportTool: string }; trees: Record<string, { scripts: Record<string, unknown>; innerNodes: Record<string, unknown> }> }>();
    assert.equal(file.meta.exportTool, 'arbor');
    assert.deepEqual(Object.keys(file.trees), ['FrodoTestJourney3']);
    assert.ok(Object.hasOwn(file.trees.FrodoTestJourney3?.scripts ?? {}, CHECK_USERNAME_SCRIPT));
    assert.equal(Object.keys(file.trees.FrodoTestJourney3?.innerNodes ?? {}).length, 2, 'the page’s children');
  });

  it('exports the inner trees a journey runs, at every depth, when asked', async () => {
    const alone = await call('POST', `${ALPHA}/trees?_action=export`, admin, { names: ['ForgottenUsername'] });
    assert.deepEqual(Object.keys(alone.json<{ trees: Record<string, unknown> }>().trees), ['ForgottenUsername']);
    const withInner = await call('POST', `/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees/trees?_action=export`, admin, { names: ['ForgottenUsername'], innerTrees: true });
    assert.equal(withInner.statusCode, 200, withInner.body);
    const file = withInner.json<{ trees: Record<string, { emailTemplates: Record<string, { _id: string }> }> }>();
    assert.deepEqual(Object.keys(file.trees).sort(), ['ForgottenUsername', 'Login', 'ProgressiveProfile']);
    assert.equal(file.trees.ForgottenUsername?.emailTemplates.forgottenUsername?._id, 'emailTemplate/forgottenUsername', 'the email template it sends');
    // What it exports, it imports back.
    const back = await call('POST', `${ALPHA}/trees?_action=import`, admin, { files: [{ name: 'ForgottenUsername.journey.json', content: file }] });
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual(back.json<Imported>().trees.map((tree) => tree.name).sort(), ['ForgottenUsername', 'Login', 'ProgressiveProfile']);
  });

  it('answers 404 for a journey the realm does not have', async () => {
    const answer = await call('POST', `${ALPHA}/trees?_action=export`, admin, { names: ['Login', 'Nowhere'] });
    assert.equal(answer.statusCode, 404, answer.body);
    assert.match(answer.json<{ message: string }>().message, /No journey named 'Nowhere' in this realm/);
  });
});
