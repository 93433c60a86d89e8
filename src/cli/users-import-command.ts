/**
 * `arbor users import <file.jsonl|file.csv> [--realm alpha] [--format jsonl|csv] [--batch 1000] [--dry-run]`:
 * bulk-imports users through the realm's schema and policies, streaming the file.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isBulkError } from '../identity/bulk/errors.ts';
import type { BulkFormat, ImportRecord } from '../identity/bulk/import-record.ts';
import type { ImportProgress } from '../identity/bulk/import-users.ts';
import { importUsers } from '../identity/bulk/import-users.ts';
import { readCsvRecords } from '../identity/bulk/read-csv-records.ts';
import { readJsonlRecords } from '../identity/bulk/read-jsonl-records.ts';
import { readOnceConfigs } from '../identity/bulk/read-once-configs.ts';
import type { PasswordHasher } from '../identity/password-hasher.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { schemaForType } from '../identity/schema-for-type.ts';
import { kbaStorageFor } from '../platform/kba-storage-for.ts';
import { createPolicyService } from '../policy/policy-service.ts';
import { createKbaAnswerHasher } from '../selfservice/kba/kba-answer-hasher.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { integerOption } from './integer-option.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const USAGE = `Usage: arbor users import <file.jsonl|file.csv> [--realm alpha] [--format jsonl|csv] [--batch 1000] [--dry-run]

Imports users into a realm from JSON Lines (one JSON object per line) or CSV (a header row of
property names, nested ones as preferences/marketing). Every record is checked against the
realm's schema and policies, userNames must be unique in the file and in the realm; valid users
are written in batches, one transaction each. A record may carry either "password" (plaintext,
hashed with argon2id on import: slow) or "passwordHash" (argon2, bcrypt or PBKDF2 in passlib,
Django or ForgeRock DS encoding: stored as is and upgraded to argon2id at the next sign-in).
Clear security answers (kbaInfo[].answer strings) are hashed with argon2id; hashed ones
({"$crypto": …}, as "users export --include-password-hashes" writes them) are kept as they are.

Options:
  --realm <name>       realm to import into: alpha, /alpha, root or / (default: alpha)
  --format jsonl|csv   file format (default: from the extension: .jsonl/.ndjson or .csv)
  --batch <n>          users per transaction (default: 1000)
  --dry-run            check every record, write nothing
  -h, --help           show this help

Prints progress to standard error, each rejected record as "line N: reasons" and a summary.
Exit status: 0 all imported, 1 some records rejected, 2 usage error, unknown realm or unreadable file.`;

/** What the command uses besides its context; tests pass a fast hasher and small progress steps. */
export interface UsersImportDeps {
  hasher?: PasswordHasher;
  progressEvery?: number;
  clock?: { now(): number };
}

function formatOf(file: string, given: string | undefined): BulkFormat | undefined {
  const format = given ?? { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv' }[extname(file).toLowerCase()];
  return format === 'jsonl' || format === 'csv' ? format : undefined;
}

const number = (value: number): string => value.toLocaleString('en-US');

/** A progress line: `imported 50,000 / rejected 3 (12,345 users/s)`. */
export function progressLine(progress: ImportProgress, dryRun: boolean): string {
  return `${dryRun ? 'checked' : 'imported'} ${number(progress.imported)} / rejected ${number(progress.rejected)} (${number(progress.rate)} users/s)`;
}

/** Makes the `users import` command. */
export function createUsersImportCommand(deps: UsersImportDeps = {}): CliCommand {
  /** A failure that is not a usage error: exit 2 without the usage text. */
  const unreadable = (message: string) => cliError('INVALID_INPUT', message, 2);
  return defineCommand({
    path: ['users', 'import'],
    summary: 'Bulk-import users from JSON Lines or CSV',
    usage: USAGE,
    async run(args, ctx) {
      const { values, positionals } = parseCommandArgs({
        args,
        options: { realm: { type: 'string', default: 'alpha' }, format: { type: 'string' }, batch: { type: 'string', default: '1000' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
      });
      if (values.help === true) {
        ctx.out(USAGE);
        return 0;
      }
      const [file] = positionals;
      if (file === undefined || positionals.length > 1) throw usageError(file === undefined ? 'name the file to import' : `name exactly one file, got ${positionals.length}`);
      const format = formatOf(file, values.format);
      if (format === undefined) throw usageError(values.format === undefined ? `cannot tell the format of ${file}: use --format jsonl|csv` : `--format must be jsonl or csv, got "${values.format}"`);
      const batchSize = integerOption('batch', values.batch, 1, 100_000);
      realmOption(values.realm);
      let isFile: boolean;
      try {
        isFile = (await stat(file)).isFile();
      } catch (error) {
        throw unreadable(`${file}: cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!isFile) throw unreadable(`${file}: not a file`);

      const dryRun = values['dry-run'];
      const clock = deps.clock ?? { now: () => Date.now() };
      const store = await ctx.openStore();
      const input = createReadStream(file);
      try {
        const realm = await resolveRealm(store.realms, values.realm);
        const configs = readOnceConfigs(store.configs, { managedType: realm.userType });
        const { schema } = await schemaForType(configs, realm.userType);
        const records: AsyncIterable<ImportRecord> = format === 'csv' ? readCsvRecords(input, schema, realm.userType) : readJsonlRecords(input);
        const hasher = deps.hasher ?? createPasswordHasher();
        const kbaAnswers = createKbaAnswerHasher(hasher);
        const report = await importUsers({
          type: realm.userType,
          schema,
          records,
          store,
          policy: createPolicyService({ objects: store.managedObjects, configs }),
          hasher,
          ...kbaStorageFor(configs, kbaAnswers),
          clock,
          newId: randomUUID,
          batchSize,
          dryRun,
          progressEvery: deps.progressEvery ?? 10_000,
          onProgress: (progress) => ctx.err(progressLine(progress, dryRun)),
          onReject: ({ line, reasons }) => ctx.out(`line ${line}: ${reasons.join('; ')}`),
        });
        const seconds = (report.elapsedMs / 1000).toFixed(1);
        const what = dryRun ? `dry run: ${number(report.imported)} users would be imported` : `imported ${number(report.imported)} users`;
        ctx.out(`${what} into realm ${realm.name}, rejected ${number(report.rejected)} of ${number(report.processed)} records in ${seconds} s (${number(report.rate)} users/s)`);
        return report.rejected === 0 ? 0 : 1;
      } catch (error) {
        if (isBulkError(error)) {
          const written = error.code === 'INVALID_CSV_HEADER' || dryRun ? 'nothing imported' : 'the batches before it were imported';
          throw unreadable(`${file}: ${error.message}; ${written}`);
        }
        if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E') && 'syscall' in error) {
          throw unreadable(`${file}: cannot be read: ${error.message}`);
        }
        throw error;
      } finally {
        input.destroy();
        await store.close();
      }
    },
  });
}

/** `arbor users import`, with OWASP's argon2id parameters for plaintext passwords. */
export const usersImportCommand: CliCommand = createUsersImportCommand();
