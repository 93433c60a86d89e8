/**
 * A query built and compiled once, run many times with new values: the statements on the hot path
 * (the ephemeral store's, several per journey step) skip Kysely's query building and compiling,
 * which costs more than SQLite takes to run them. The query is built with sentinel values in
 * place of the arguments; where each sentinel landed in the compiled parameters is where the
 * arguments go.
 */
import { CompiledQuery } from 'kysely';

/** The sentinel standing for argument `index` while the query is built. */
export function argument(index: number): string {
  return `\u0000arbor-argument-${index}\u0000`;
}

/** Runs-ready compiled queries of `compiled` (built with `argument(i)` for argument `i`). */
export function precompiled(compiled: CompiledQuery, argumentCount: number): (...args: unknown[]) => CompiledQuery {
  const slots = compiled.parameters.map((parameter) => {
    for (let index = 0; index < argumentCount; index++) if (parameter === argument(index)) return { index };
    return { constant: parameter };
  });
  const used = new Set(slots.flatMap((slot) => ('index' in slot ? [slot.index] : [])));
  if (used.size !== argumentCount) throw new Error(`precompiled query uses ${used.size} of its ${argumentCount} arguments: ${compiled.sql}`);
  const text = compiled.sql;
  return (...args) => CompiledQuery.raw(text, slots.map((slot) => ('index' in slot ? args[slot.index] : slot.constant)));
}
