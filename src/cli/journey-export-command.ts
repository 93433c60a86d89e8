/**
 * `arbor journey export <name…> [--realm alpha] [--format frodo|am] [--inner-trees] [--out file]`:
 * writes journeys of a realm as a Frodo export (default) or in the AM REST `{tree, nodes}` shape.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { JourneyDefinition } from '../journeys/engine/tree-model.ts';
import type { JourneyRepository } from '../journeys/ports.ts';
import { exportJourneys } from '../journeys/trees/export-journeys.ts';
import { innerTreeNamesOf } from '../journeys/trees/inner-tree-names.ts';
import type { CliCommand, CliContext } from './command.ts';

const USAGE = `Usage: arbor journey export <name…> [--realm alpha] [--format frodo|am] [--inner-trees] [--out file]

Writes journeys as JSON: a Frodo multi-tree export (default; what \`frodo journey import\` reads)
or the AM REST {tree, nodes} shape (a list when several trees are named).

Options:
  --realm <name>      realm to export from (default: alpha)
  --format frodo|am   output format (default: frodo)
  --inner-trees       also export the trees the named ones run as inner trees, at any depth
  --out <file>        write to this file instead of standard output
  -h, --help          show this help

Exit status: 0 exported, 1 a named tree does not exist, 2 usage error or unwritable file.`;

/** The named journeys plus, with `inner`, every inner tree they reach; missing names come back apart. */
async function collect(repo: JourneyRepository, realm: string, names: readonly string[], inner: boolean, ctx: CliContext): Promise<{ found: JourneyDefinition[]; missing: string[] }> {
  const found: JourneyDefinition[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const journey = await repo.get(realm, name);
    if (journey === undefined) missing.push(name);
    else found.push(journey);
  }
  if (!inner) return { found, missing };
  for (let index = 0; index < found.length; index += 1) {
    const runner = found[index];
    if (runner === undefined) continue;
    for (const name of innerTreeNamesOf(runner)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const journey = await repo.get(realm, name);
      if (journey === undefined) ctx.err(`inner tree '${name}' of '${runner.tree._id}' does not exist in realm ${realm}; exported without it`);
      else found.push(journey);
    }
  }
  return { found, missing };
}

/** `arbor journey export`. */
export const journeyExportCommand: CliCommand = {
  path: ['journey', 'export'],
  summary: 'Export journeys as a Frodo export or in the AM REST shape',
  usage: USAGE,
  async run(args, ctx) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          realm: { type: 'string', default: 'alpha' },
          format: { type: 'string', default: 'frodo' },
          'inner-trees': { type: 'boolean', default: false },
          out: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        allowPositionals: true,
      });
    } catch (error) {
      ctx.err(`arbor journey export: ${error instanceof Error ? error.message : String(error)}`);
      ctx.err(USAGE);
      return 2;
    }
    const { values, positionals } = parsed;
    if (values.help === true) {
      ctx.out(USAGE);
      return 0;
    }
    const format = values.format;
    const problem =
      positionals.length === 0 ? 'name at least one tree' : format !== 'frodo' && format !== 'am' ? `--format must be frodo or am, not "${format}"` : values.realm === '' ? '--realm needs a realm name' : undefined;
    if (problem !== undefined || (format !== 'frodo' && format !== 'am')) {
      ctx.err(`arbor journey export: ${problem ?? 'bad format'}`);
      ctx.err(USAGE);
      return 2;
    }
    const store = await ctx.openStore();
    let result;
    try {
      result = await collect(store.journeys, values.realm, positionals, values['inner-trees'], ctx);
    } finally {
      await store.close();
    }
    for (const name of result.missing) ctx.err(`tree '${name}' does not exist in realm ${values.realm}`);
    if (result.missing.length > 0) return 1;
    const origin = ctx.env.ARBOR_PUBLIC_URL || 'arbor';
    const text = JSON.stringify(exportJourneys(result.found, { format, origin }), null, 2);
    if (values.out === undefined) {
      ctx.out(text);
    } else {
      try {
        await writeFile(values.out, `${text}\n`, 'utf8');
      } catch (error) {
        ctx.err(`${values.out}: cannot be written: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
      ctx.err(`wrote ${result.found.map((journey) => journey.tree._id).join(', ')} to ${values.out}`);
    }
    return 0;
  },
};
