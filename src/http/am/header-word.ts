/** Decodes AM's zero-page login headers, which may be RFC 2047 encoded words for UTF-8. */
import { httpError } from '../errors.ts';

/** The header's text, decoding `=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`; undefined when absent. */
export function decodeHeaderWord(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw httpError(400, 'X-OpenAM-Username and X-OpenAM-Password must appear once');
  const decoded = decodeWord(value);
  // An encoded word can spell what a header cannot carry: U+0000, which PostgreSQL stores nowhere.
  if (decoded.includes('\u0000')) throw httpError(400, 'X-OpenAM-Username and X-OpenAM-Password must not hold U+0000 (NUL)');
  return decoded;
}

function decodeWord(value: string): string {
  const match = /^=\?utf-8\?([bq])\?(.*)\?=$/i.exec(value.trim());
  if (match === null) return value;
  const [, encoding = '', text = ''] = match;
  if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
  const bytes = text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
