/**
 * Chooses how to encode an answer from the request's `Accept-Encoding` (RFC 9110 §12.5.3): `br`,
 * `gzip` or `identity`, the coding with the highest q-value the client accepts. On a tie Brotli
 * wins over gzip (smaller) and both over `identity`. `*` gives its q-value to every coding the
 * header does not name; `q=0` refuses a coding; `identity`, unless named, ranks with the least
 * wanted coding the header names (as the `negotiator` package of Express does). No header, an empty one, or one that accepts
 * neither Brotli nor gzip gets `identity`, which is also the answer when the client refuses every
 * coding (an uncompressed body beats a 406 for a page). The header comes from the client: one
 * longer than `MAX_ACCEPT_ENCODING` characters, or an entry whose q-value is not a number between
 * 0 and 1, is not trusted (the whole header, or that entry, is ignored).
 */

/** The codings an answer can have. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** Longer `Accept-Encoding` headers are ignored (browsers send about 30 characters). */
export const MAX_ACCEPT_ENCODING = 1000;

const PREFERENCE: readonly ContentCoding[] = ['br', 'gzip', 'identity'];
const Q_VALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** The q-value of each coding the header names (lower case), `*` included; malformed entries left out. */
function qValues(header: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [coding = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (coding === '') continue;
    let q = 1;
    let valid = true;
    for (const parameter of parameters) {
      const [key = '', value = ''] = parameter.split('=').map((part) => part.trim());
      if (key.toLowerCase() !== 'q') continue;
      if (Q_VALUE.test(value)) q = Number(value);
      else valid = false;
    }
    const name = coding.toLowerCase();
    // A coding named twice keeps its first q-value.
    if (valid && !values.has(name)) values.set(name, q);
  }
  return values;
}

/** The coding to answer with, given the request's `Accept-Encoding` (absent: `undefined`). */
export function negotiateEncoding(header: string | undefined): ContentCoding {
  if (header === undefined || header.length > MAX_ACCEPT_ENCODING) return 'identity';
  const values = qValues(header);
  const wildcard = values.get('*');
  const qOf = (coding: ContentCoding): number => {
    const named = values.get(coding);
    if (named !== undefined) return named;
    // `identity` is acceptable unless refused by name or by `*;q=0` (RFC 9110 §12.5.3), but a
    // client that names codings prefers them: unnamed, it ranks with the least wanted of them.
    if (coding === 'identity') return wildcard === 0 ? 0 : Math.min(1, ...[...values.values()].filter((q) => q > 0));
    return wildcard ?? 0;
  };
  let best: ContentCoding = 'identity';
  let bestQ = 0;
  for (const coding of PREFERENCE) {
    const q = qOf(coding);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}
