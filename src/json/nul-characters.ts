/**
 * U+0000 (NUL) in text from outside. PostgreSQL can store it in no `text` or `jsonb` value, so a
 * NUL that reached a query or a write would fail there (a 500) while SQLite took it; and no name,
 * address or answer needs one. Refused where JSON and filters come in, the same on every store.
 */

const NUL = '\u0000';

/** True when `text` holds U+0000. */
export function hasNul(text: string): boolean {
  return text.includes(NUL);
}

/**
 * The JSON pointer of the first string (or key) of `value` holding U+0000, or undefined.
 * Iterative: a deeply nested body cannot overflow the stack.
 */
export function findNul(value: unknown): string | undefined {
  const pending: { value: unknown; at: () => string }[] = [{ value, at: () => '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, at } = next;
    if (typeof current === 'string') {
      if (hasNul(current)) return at();
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const entries: [string, unknown][] = Array.isArray(current) ? current.map((item, index) => [String(index), item]) : Object.entries(current);
    for (const [key, item] of entries) {
      const path = () => `${at()}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (hasNul(key)) return path();
      pending.push({ value: item, at: path });
    }
  }
  return undefined;
}
