/**
 * Names for PostgreSQL prepared statements, by SQL text. A statement sent with a name is parsed
 * and planned once per connection (pg sends `Parse` the first time, then only `Bind`/`Execute`),
 * where an unnamed one is parsed and planned on every run: on the sign-in path this takes about a
 * third off PostgreSQL's CPU per statement (docs/operations.md, "PostgreSQL").
 *
 * Bounded, because every named statement stays prepared on each connection that ran it: only data
 * statements (`select`, `insert`, `update`, `delete`, `with`) are named, at most `limit` distinct
 * texts per process, the first ones seen (Arbor's own statements, which repeat; `_queryFilter`
 * queries can make texts without end, and once the limit is reached further texts run unnamed).
 * A name is never given to another text (pg refuses to reuse a name for a different statement).
 */

/** Names statements by their text. */
export interface PreparedStatementNames {
  /** The name `sql` runs under, or undefined to run it unnamed. */
  nameOf(sql: string): string | undefined;
}

/** Distinct texts named per process by default: far more than Arbor's own statements. */
export const DEFAULT_PREPARED_STATEMENT_LIMIT = 200;

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

/** Names for at most `limit` distinct data statements. */
export function preparedStatementNames(limit = DEFAULT_PREPARED_STATEMENT_LIMIT): PreparedStatementNames {
  const names = new Map<string, string>();
  return {
    nameOf(sql) {
      const known = names.get(sql);
      if (known !== undefined || names.size >= limit || !DATA_STATEMENT.test(sql)) return known;
      const name = `arbor_${names.size + 1}`;
      names.set(sql, name);
      return name;
    },
  };
}
