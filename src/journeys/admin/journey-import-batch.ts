/**
 * A journey import for the admin REST (`journey-transfer-routes.ts`), all or nothing: the files
 * are read and every tree validated as `arbor journey import` does (`importJourneys`), first
 * without writing; a file that cannot be read, a tree refused or a social identity provider of the
 * files that is not valid refuses the whole import, with every reason. Only then are the trees,
 * the scripts and node types they carry and the providers written, in one transaction: a change
 * of the realm between the two passes, or a provider refused late, writes nothing. Bad input is an answer, never
 * an exception.
 */
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import { completeProvider } from '../../social/providers/complete-provider.ts';
import { importExportProviders, providersInExport } from '../../social/providers/journey-providers.ts';
import { isProviderType } from '../../social/providers/provider-types.ts';
import { readProviderBody } from '../../social/providers/read-provider-body.ts';
import { isBlocking, type ValidateJourneyOptions } from '../engine/validate-journey.ts';
import { type ImportJourneysReport, importJourneys } from '../trees/import-journeys.ts';
import { createSocialProviderService } from '../../social/providers/social-provider-service.ts';
import type { JourneyImportStore } from '../trees/journey-store.ts';
import type { JourneyFile } from '../trees/read-journey-batch.ts';

/** What an import uses. */
export interface JourneyImportDeps {
  store: JourneyImportStore;
  registry: ValidateJourneyOptions['registry'];
  sealer: SecretSealer;
  now?: () => number;
}

/** What was imported: each tree with its warnings, the scripts and the providers stored with them. */
export interface JourneyImportSuccess {
  imported: true;
  trees: { name: string; warnings: string[] }[];
  scripts: { id: string; name: string }[];
  socialIdentityProviders: string[];
  /** What the files hold that Arbor does not import (themes, SAML entities…), one line each. */
  ignored: string[];
}

/** Why nothing was imported, one reason a line. */
export interface JourneyImportRefusal {
  imported: false;
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Thrown inside the import's transaction when a provider of the files is refused, so that nothing lands. */
class ProvidersRefused extends Error {}

/** The most reasons an answer lists. */
const MAX_PROBLEMS = 200;

/** The store as the validation pass sees it: reads go through, the final transaction writes nothing. */
function readOnly(store: JourneyImportStore): JourneyImportStore {
  return {
    journeys: store.journeys,
    configs: store.configs,
    // importJourneys ignores what its transaction resolves to.
    transaction: <T>(): Promise<T> => Promise.resolve(undefined as T),
  };
}

/** Every reason the report refuses something. */
function problemsOf(report: ImportJourneysReport): string[] {
  const problems = report.fileErrors.map((error) => error.message);
  for (const tree of report.trees) {
    if (tree.status === 'refused') for (const problem of tree.problems.filter(isBlocking)) problems.push(`${tree.name}: ${problem.message}`);
  }
  if (problems.length === 0 && report.trees.length === 0) problems.push('The files hold no journey.');
  return problems;
}

/** The social identity providers of the files that would be refused, one reason each. */
function providerProblems(files: readonly JourneyFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const [name, provider] of providersInExport(file.json)) {
      const typeRef = provider._type;
      const type = isRecord(typeRef) && Object.hasOwn(typeRef, '_id') ? typeRef._id : undefined;
      if (!isProviderType(type)) {
        problems.push(`social identity provider ${name}: unknown provider type ${JSON.stringify(type ?? null).slice(0, 80)}`);
        continue;
      }
      const read = readProviderBody(type, name, provider, { preset: true });
      const errors = [...read.errors, ...completeProvider(read.draft).errors.filter((error) => !read.errors.some((known) => known.field === error.field))];
      for (const error of errors) problems.push(`social identity provider ${name}: ${error.field}: ${error.reason}`);
    }
  }
  return problems;
}

/** Imports `files` into `realm`, every journey or none. */
export async function importJourneyBatch(deps: JourneyImportDeps, realm: string, files: readonly JourneyFile[]): Promise<JourneyImportSuccess | JourneyImportRefusal> {
  const sealer = (): Promise<SecretSealer> => Promise.resolve(deps.sealer);
  const base = { registry: deps.registry, realm, files, sealer, ...(deps.now === undefined ? {} : { now: deps.now }) };
  const trial = await importJourneys({ ...base, store: readOnly(deps.store) });
  const refused = [...problemsOf(trial), ...providerProblems(files)];
  if (refused.length > 0) return { imported: false, problems: refused.slice(0, MAX_PROBLEMS) };

  // The trees, their scripts and the providers land in one transaction, or none of them.
  const providers: string[] = [];
  const refusedProviders: string[] = [];
  let report: ImportJourneysReport;
  try {
    report = await importJourneys({
      ...base,
      store: deps.store,
      allOrNothing: true,
      alongside: async (tx) => {
        const service = createSocialProviderService({ configs: tx.configs, sealer: deps.sealer });
        for (const file of files) {
          for (const result of await importExportProviders(service, realm, file.json)) {
            if (result.status === 'imported') providers.push(result.name);
            else refusedProviders.push(`social identity provider ${result.name}: ${result.reason}`);
          }
        }
        if (refusedProviders.length > 0) throw new ProvidersRefused();
      },
    });
  } catch (error) {
    if (error instanceof ProvidersRefused) return { imported: false, problems: refusedProviders.slice(0, MAX_PROBLEMS) };
    throw error;
  }
  // The realm changed between the two passes (a journey deleted meanwhile): nothing was written; say what was refused.
  const late = problemsOf(report);
  if (late.length > 0) return { imported: false, problems: late.slice(0, MAX_PROBLEMS) };
  return {
    imported: true,
    trees: report.trees.map((tree) => ({ name: tree.name, warnings: tree.status === 'imported' ? tree.warnings.map((warning) => warning.message) : [] })),
    scripts: report.scripts.map((script) => ({ id: script.id, name: script.name })),
    socialIdentityProviders: providers,
    ignored: report.ignored.filter((item) => item.kind !== 'socialIdentityProvider').map((item) => `${item.kind} '${item.name}'${item.tree === undefined ? '' : ` of ${item.tree}`}`),
  };
}
