/**
 * Unpaired UTF-16 surrogates (`"\ud800"` in JSON): text that is no Unicode at all. PostgreSQL's
 * jsonb refuses the escape (a write would fail there, a 500, while SQLite kept it), and no name,
 * address or answer needs one. Refused in JSON bodies, the same on every store.
 */

/** The JSON pointer of the first string (or key) of `value` holding an unpaired surrogate, or undefined. Iterative. */
export function findUnpairedSurrogate(value: unknown): string | undefined {
  const pending: { value: unknown; at: string }[] = [{ value, at: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, at } = next;
    if (typeof current === 'string') {
      if (!current.isWellFormed()) return at;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const entries: [string, unknown][] = Array.isArray(current) ? current.map((item, index) => [String(index), item]) : Object.entries(current);
    for (const [key, item] of entries) {
      const path = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!key.isWellFormed()) return path;
      pending.push({ value: item, at: path });
    }
  }
  return undefined;
}
