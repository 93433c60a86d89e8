/**
 * Arbitraries the fuzz targets share: nasty strings (NUL, lone surrogates, huge, unicode, numbers
 * as text, `__proto__`), hostile JSON values (wrong types, deep nesting, dangerous keys), JSON text
 * with `__proto__`/`constructor` keys or duplicate keys spliced in, and mutations of real tokens
 * (truncated, bit-flipped, segments swapped, re-encoded).
 */
import fc from 'fast-check';

/** Strings that broke, or could break, something somewhere. */
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udc00x', '\uffff', '\u202e', '𝔘𝔫𝔦', 'é', 'Ω≈ç√', '%', '%00', '%E0%A4%A', '\\', '"', "'", '`', '\t', '\r\n',
  'true', 'false', 'null', 'undefined', '0', '-1', '1e400', '-0', 'NaN', 'Infinity', '99999999999999999999999', '9007199254740993', '0x10', '[]', '{}',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', '../../etc/passwd', '/', '*', '${7*7}', '{{7*7}}', '<script>alert(1)</script>',
  "' or 1=1 --", 'amadmin', 'fuzzy', 'fuzzy@example.com', 'Quiet-Harbour-Lamp-42', 'IDToken1', 'authId', 'https://evil.example/', 'javascript:alert(1)',
];

/** Short strings of any kind: nasty ones, random unicode, random binary. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
);

/** A long string: past field limits, sometimes past the body limit. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'é', '\u0000', '😀', '\ud800', '%', '"', 'ab'), fc.constantFrom(300, 2_000, 70_000, 300_000))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/** Numbers JSON can carry that code does not expect. */
export const oddNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, 5e-324), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

/** Any JSON value with hostile leaves, a few levels deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    oddNumber,
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('name', 'value', 'type', 'input', 'output', '_id', 'operation', 'field')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A value of a wrong or extreme kind for a field: hostile, huge, numbers as strings, deep. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileValue },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: oddNumber.map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map((depth) => deepValue(depth)) },
);

/** An array (or object) nested `depth` levels. */
export function deepValue(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** JSON text nested `depth` levels, written directly (a value that deep overflows JSON.stringify's stack only much later). */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

const SPLICES = ['"__proto__":{"polluted":"yes","isAdmin":true}', '"constructor":{"prototype":{"polluted":"yes"}}', '"prototype":{"polluted":"yes"}', '"__proto__":null', '"__proto__":[1]'];

/**
 * Splices a dangerous key (`__proto__`, `constructor.prototype`) or a duplicate of an existing key
 * into the `index`-th object of JSON `text` (JSON.stringify cannot write either).
 */
export function spliceKey(text: string, index: number, kind: number): string {
  const opens = [...text.matchAll(/\{/g)].map((match) => match.index);
  if (opens.length === 0) return text;
  const at = opens[index % opens.length] ?? 0;
  const rest = text.slice(at + 1);
  const duplicate = /^"((?:[^"\\]|\\.)*)":/.exec(rest);
  const splice = kind % (SPLICES.length + 1) === SPLICES.length && duplicate !== null ? `"${duplicate[1]}":"duplicate",` : `${SPLICES[kind % SPLICES.length] ?? ''}${rest.startsWith('}') ? '' : ','}`;
  return `${text.slice(0, at + 1)}${splice}${rest}`;
}

/** `text` with a dangerous or duplicate key spliced in somewhere. */
export function withSplicedKey(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text, fc.nat(), fc.nat()).map(([json, index, kind]) => spliceKey(json, index, kind));
}

/** Mutations of a real token (JWT or opaque): truncated, bit-flipped, cut, doubled, swapped segments, other alphabets. */
export function mutatedToken(real: readonly string[]): fc.Arbitrary<string> {
  const token = fc.constantFrom(...real);
  return fc.oneof(
    fc.tuple(token, fc.nat()).map(([value, cut]) => value.slice(0, cut % Math.max(1, value.length))),
    fc.tuple(token, fc.nat(), fc.integer({ min: 0, max: 7 })).map(([value, position, bit]) => {
      const index = position % Math.max(1, value.length);
      return `${value.slice(0, index)}${String.fromCharCode((value.charCodeAt(index) || 65) ^ (1 << bit))}${value.slice(index + 1)}`;
    }),
    fc.tuple(token, fc.nat(), nastyString).map(([value, position, insert]) => {
      const index = position % Math.max(1, value.length + 1);
      return `${value.slice(0, index)}${insert}${value.slice(index)}`;
    }),
    token.map((value) => value.split('.').reverse().join('.')),
    token.map((value) => `${value}.${value}`),
    token.map((value) => value.replace(/-/g, '+').replace(/_/g, '/')),
    token.map((value) => `${value.split('.').slice(0, 2).join('.')}.`),
    token.map((value) => value.toUpperCase()),
    fc.tuple(token, token).map(([a, b]) => `${a.split('.')[0] ?? ''}.${b.split('.')[1] ?? ''}.${a.split('.')[2] ?? ''}`),
  );
}

/** A base64url JSON segment. */
export function segment(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null')).toString('base64url');
}

/** Random strings shaped like JWTs: three or more segments of hostile JSON or junk, unsigned or `alg: none`. */
export const randomJwt: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(hostileValue, hostileValue, fc.string({ maxLength: 40 })).map(([header, payload, signature]) => `${segment(header)}.${segment(payload)}.${signature}`),
  fc.tuple(fc.dictionary(fc.constantFrom('alg', 'kid', 'typ', 'crit', 'jku', 'x5u', 'jwk', 'enc', 'zip', 'b64', 'cty'), hostileValue), hostileValue).map(([header, payload]) => `${segment(header)}.${segment(payload)}.`),
  fc.tuple(fc.constantFrom('none', 'HS256', 'RS256', 'ES256', 'dir', 'RSA-OAEP', 'PS512', ''), hostileValue).map(([alg, payload]) => `${segment({ alg, typ: 'JWT' })}.${segment(payload)}.${segment('sig')}`),
  fc.array(fc.string({ unit: 'binary-ascii', maxLength: 20 }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
  nastyString,
);

/** Percent-encodes the UTF-8 bytes of `value` (lone surrogates become U+FFFD, as a client's encoder would). */
export function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
