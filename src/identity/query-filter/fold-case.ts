/**
 * The case folding every `_queryFilter` string comparison uses, in memory and in the SQL stores
 * (SQLite's `lower` is replaced by it): one code point at a time, so it never depends on context.
 */

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Lower-cases `text` code point by code point (simple case mapping, as PostgreSQL's `lower` does
 * on a UTF-8 database): `Élodie` → `élodie`, `ΣΑΣ` → `σασ`, `İ` → `i`.
 */
export function foldCase(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let folded = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    // A few code points lower-case to several (U+0130 → i + U+0307): keep the first, as simple mapping does.
    folded += lower.length === ch.length ? lower : String.fromCodePoint(lower.codePointAt(0) ?? 0);
  }
  return folded;
}

/** Compares strings by Unicode code point (the order of SQLite's BINARY and PostgreSQL's "C" collation). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 orders surrogates (astral code points) below U+E000–U+FFFF; code points do not.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
