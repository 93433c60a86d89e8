import { randomBytes } from 'node:crypto';
/**
 * Every journey export among the test fixtures (ForgeRock's samples in test/fixtures/forgerock/, and
 * Arbor's own Frodo single-tree files in test/fixtures/arbor/frodo-single/): the wrapper is recognised, every
 * tree reads and exports back unchanged, and import with the real node types gives exactly the
 * result in the tables below (change them on purpose when node types are added).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { storeWithJourneys } from '../../store/memory/testing/store-with-journeys.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { platformNodeRegistry } from '../../cli/platform-node-registry.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import type { JourneyFileErrorCode } from './errors.ts';
import { isJourneyFileError } from './errors.ts';
import { exportJourneys } from './export-journeys.ts';
import { importJourneys } from './import-journeys.ts';
import { innerTreeNamesOf } from './inner-tree-names.ts';
import type { JourneyFileFormat } from './journey-file-content.ts';
import { readJourneyFile } from './read-journey-file.ts';
import { buildJourney, F, S } from './testing/build-journey.ts';
import { sourceObjects, withoutRev } from './testing/sample-sources.ts';

const SAMPLES = new URL('../../../test/fixtures/', import.meta.url);
/** The fixture folders of journey exports and related configuration files. */
const SAMPLE_FOLDERS = ['forgerock/am-sample-trees', 'forgerock/frodo-export-am-classic', 'forgerock/idm-selfservice-config', 'forgerock/platform-ui-e2e-fixtures', 'arbor/frodo-single'];
// Every node type a running Arbor knows: the built-in ones and the capabilities' (social sign-in).
const registry = await platformNodeRegistry();
// The legacy social nodes carry a client secret: imports seal it with the master key's sealer.
const sealer = async () => createSecretSealer(randomBytes(32));

/** A tree imports, or is refused naming exactly these unsupported types (and other problem codes). */
type TreeResult = 'imports' | { unsupported: string[]; other: string[] };
type FileExpectation = { format: JourneyFileFormat; trees: Record<string, TreeResult>; ignored?: string[] } | { error: JourneyFileErrorCode };

const refused = (unsupported: string[], other: string[] = []): TreeResult => ({ unsupported, other });

function platformSet(dir: string, suffix: string, format: JourneyFileFormat, update: TreeResult): Record<string, FileExpectation> {
  const one = (name: string, result: TreeResult): [string, FileExpectation] => [`${dir}/${name}${suffix}`, { format, trees: { [name]: result } }];
  return Object.fromEntries([
    one('Facebook-ProvisionIDMAccount', 'imports'),
    one('Google-AnonymousUser', 'imports'),
    one('Google-DynamicAccountCreation', 'imports'),
    one('PlatformForgottenUsername', 'imports'),
    one('PlatformLogin', 'imports'),
    one('PlatformProgressiveProfile', 'imports'),
    one('PlatformRegistration', 'imports'),
    one('PlatformResetPassword', 'imports'),
    one('PlatformUpdatePassword', update),
  ]);
}

/** Each file imported on its own into a realm that holds a stand-in for every inner tree it runs from outside. */
const EXPECTED: Record<string, FileExpectation> = {
  // The Amster PlatformUpdatePassword lists a ValidatedPasswordNode no connection leads to (README
  // "Quirk"): AM runs it, so it imports with a warning.
  ...platformSet('forgerock/am-sample-trees', '.json', 'amster-grouped', 'imports'),
  ...platformSet('forgerock/frodo-export-am-classic', '.journey.json', 'frodo-multi', 'imports'),
  'arbor/frodo-single/ForgottenUsername.journey.json': { format: 'frodo-single', trees: { ForgottenUsername: 'imports' }, ignored: ['emailTemplate:forgottenUsername'] },
  'arbor/frodo-single/Login.journey.json': { format: 'frodo-single', trees: { Login: 'imports' } },
  'arbor/frodo-single/ProgressiveProfile.journey.json': { format: 'frodo-single', trees: { ProgressiveProfile: 'imports' } },
  'arbor/frodo-single/Registration.journey.json': { format: 'frodo-single', trees: { Registration: 'imports' } },
  'arbor/frodo-single/ResetPassword.journey.json': { format: 'frodo-single', trees: { ResetPassword: 'imports' }, ignored: ['emailTemplate:resetPassword'] },
  'arbor/frodo-single/UpdatePassword.journey.json': { format: 'frodo-single', trees: { UpdatePassword: 'imports' }, ignored: ['emailTemplate:updatePassword'] },
  'forgerock/idm-selfservice-config/am-selfservicetrees-default.json': { format: 'amster-entity', trees: {}, ignored: ['amster:selfServiceTrees:default'] },
  'forgerock/idm-selfservice-config/emailTemplate-forgottenUsername.json': { error: 'JOURNEY_FILE_UNRECOGNISED' },
  'forgerock/idm-selfservice-config/emailTemplate-registration.json': { error: 'JOURNEY_FILE_UNRECOGNISED' },
  'forgerock/idm-selfservice-config/emailTemplate-resetPassword.json': { error: 'JOURNEY_FILE_UNRECOGNISED' },
  'forgerock/idm-selfservice-config/emailTemplate-updatePassword.json': { error: 'JOURNEY_FILE_UNRECOGNISED' },
  'forgerock/idm-selfservice-config/emailTemplate-welcome.json': { error: 'JOURNEY_FILE_UNRECOGNISED' },
  'forgerock/idm-selfservice-config/selfservice.kba.json': { error: 'JOURNEY_FILE_UNRECOGNISED' },
  'forgerock/idm-selfservice-config/selfservice.terms.json': { error: 'JOURNEY_FILE_UNRECOGNISED' },
  'forgerock/platform-ui-e2e-fixtures/QA-Accept_Terms_and_Conditions_ForgeOps.json': {
    format: 'platform-admin',
    trees: {
      'QA - ProgressiveProfile for Accept Terms and Conditions': 'imports',
      // Its inner tree is the one above, imported from the same file.
      'QA - Accept Terms and Conditions': 'imports',
    },
  },
  'forgerock/platform-ui-e2e-fixtures/QA-Password_reset_by_KBA_template.json': {
    format: 'platform-admin',
    // Page "User does not exist" leaves its MessageNode's `false` outcome unwired: AM runs it (that
    // answer ends the journey in failure), so it imports with a warning.
    trees: { 'QA - Password reset by KBA': 'imports' },
  },
  'forgerock/platform-ui-e2e-fixtures/QA-Registration_without_email_template.json': { format: 'platform-admin', trees: { 'QA - Registration without email': 'imports' }, ignored: ['theme:QA - Security questions ON'] },
  'forgerock/platform-ui-e2e-fixtures/Registration_translated_journey_template.json': {
    format: 'platform-admin',
    trees: { 'Registration - Translated': 'imports' },
    ignored: ['emailTemplate:registrationTranslated', 'theme:Registration - Translated'],
  },
};

/** AM's legacy social samples (the social capability's nodes; their null client secrets read as unset). */
const LEGACY_SOCIAL_SAMPLES = ['Facebook-ProvisionIDMAccount', 'Google-AnonymousUser', 'Google-DynamicAccountCreation'];

/** Whole folders imported as one batch: the trees imported, and those refused for running a refused tree. */
const FOLDER_BATCHES: Record<string, { imported: string[]; innerTreeRefused: string[] }> = {
  'forgerock/am-sample-trees': {
    imported: [...LEGACY_SOCIAL_SAMPLES, 'PlatformForgottenUsername', 'PlatformLogin', 'PlatformProgressiveProfile', 'PlatformRegistration', 'PlatformResetPassword', 'PlatformUpdatePassword'],
    innerTreeRefused: [],
  },
  'forgerock/frodo-export-am-classic': {
    imported: [...LEGACY_SOCIAL_SAMPLES, 'PlatformForgottenUsername', 'PlatformLogin', 'PlatformProgressiveProfile', 'PlatformRegistration', 'PlatformResetPassword', 'PlatformUpdatePassword'],
    innerTreeRefused: [],
  },
  'arbor/frodo-single': { imported: ['ForgottenUsername', 'Login', 'ProgressiveProfile', 'Registration', 'ResetPassword', 'UpdatePassword'], innerTreeRefused: [] },
  'forgerock/platform-ui-e2e-fixtures': {
    imported: ['QA - Accept Terms and Conditions', 'QA - Password reset by KBA', 'QA - ProgressiveProfile for Accept Terms and Conditions', 'QA - Registration without email', 'Registration - Translated'],
    innerTreeRefused: [],
  },
};

function load(path: string): unknown {
  const folder = fileURLToPath(SAMPLES);
  if (!existsSync(folder)) throw new Error(`test fixtures not found: looked for ${folder}`);
  return JSON.parse(readFileSync(new URL(path, SAMPLES), 'utf8')) as unknown;
}

/** A valid stand-in for an inner tree a sample runs from outside its file. */
const standIn = (name: string): JourneyDefinition => buildJourney(name, 'd', { d: { type: 'DataStoreDecisionNode', connections: { true: S, false: F } } });

describe('ForgeRock sample trees', () => {
  it('the table covers every sample file', () => {
    const files = SAMPLE_FOLDERS.flatMap((dir) => readdirSync(new URL(`${dir}/`, SAMPLES)).map((name) => `${dir}/${name}`));
    assert.deepEqual(files.sort(), Object.keys(EXPECTED).sort());
  });

  for (const [path, expected] of Object.entries(EXPECTED)) {
    it(`${path}: ${'error' in expected ? expected.error : Object.keys(expected.trees).join(', ') || 'no tree'}`, async () => {
      const json = load(path);
      if ('error' in expected) {
        assert.throws(() => readJourneyFile(json, path), (error: unknown) => isJourneyFileError(error) && error.code === expected.error && error.message.startsWith(`${path}: `));
        return;
      }
      const content = readJourneyFile(json, path);
      assert.equal(content.format, expected.format);
      assert.deepEqual(content.ignored.map((item) => `${item.kind}:${item.name}`), expected.ignored ?? []);
      assert.deepEqual(content.reconstructedTypes, []);
      assert.deepEqual(content.journeys.map((journey) => journey.tree._id), Object.keys(expected.trees));

      // Reading then writing gives the source back, without `_rev`.
      const sources = sourceObjects(json, content.format);
      for (const journey of content.journeys) {
        const source = sources[journey.tree._id];
        assert.ok(source, journey.tree._id);
        const exported = exportJourneys([journey], { format: 'frodo' }).trees[journey.tree._id];
        assert.deepEqual(exported?.tree, withoutRev(source.tree));
        assert.deepEqual(exported && { ...exported.nodes, ...exported.innerNodes }, source.nodes);
        if (source.directNodes !== undefined) assert.deepEqual(exported?.nodes, source.directNodes);
        assert.deepEqual(exportJourneys([journey], { format: 'am' }), { tree: withoutRev(source.tree), nodes: source.nodes });
      }

      const inFile = new Set(content.journeys.map((journey) => journey.tree._id));
      const outside = [...new Set(content.journeys.flatMap(innerTreeNamesOf))].filter((name) => !inFile.has(name));
      const store = await storeWithJourneys(outside.map((name) => ({ realm: 'alpha', journey: standIn(name) })));
      const report = await importJourneys({ store, registry, realm: 'alpha', files: [{ name: path, json }], sealer });
      assert.deepEqual(report.fileErrors, []);
      const results = Object.fromEntries(
        report.trees.map((tree): [string, TreeResult] => {
          if (tree.status === 'imported') return [tree.name, 'imports'];
          const unsupported = [...new Set(tree.problems.filter((p) => p.code === 'NODE_TYPE_UNSUPPORTED').map((p) => p.nodeType ?? '?'))].sort();
          return [tree.name, refused(unsupported, [...new Set(tree.problems.filter((p) => p.code !== 'NODE_TYPE_UNSUPPORTED').map((p) => p.code))].sort())];
        }),
      );
      assert.deepEqual(results, expected.trees);

      // What was imported exports back equal to the source.
      for (const name of Object.keys(expected.trees).filter((tree) => expected.trees[tree] === 'imports')) {
        const stored = await store.journeys.get('alpha', name);
        const source = sources[name];
        assert.ok(stored && source);
        const exported = exportJourneys([stored], { format: 'frodo' }).trees[name];
        assert.deepEqual(exported?.tree, withoutRev(source.tree));
        assert.deepEqual(exported && { ...exported.nodes, ...exported.innerNodes }, source.nodes);
      }
    });
  }

  for (const [folder, expected] of Object.entries(FOLDER_BATCHES)) {
    it(`${folder} imported as one batch`, async () => {
      const files = Object.keys(EXPECTED)
        .filter((path) => path.startsWith(`${folder}/`))
        .map((path) => ({ name: path, json: load(path) }));
      const store = await storeWithJourneys();
      const report = await importJourneys({ store, registry, realm: 'alpha', files, sealer });
      assert.deepEqual(report.fileErrors, []);
      assert.deepEqual(report.trees.filter((t) => t.status === 'imported').map((t) => t.name).sort(), expected.imported);
      const runners = report.trees.filter((t) => t.status === 'refused' && t.problems.some((p) => p.code === 'INNER_TREE_REFUSED'));
      assert.deepEqual(runners.map((t) => t.name).sort(), expected.innerTreeRefused);
      assert.deepEqual(await store.journeys.list('alpha'), expected.imported);
    });
  }
});
