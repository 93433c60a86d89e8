/**
 * The script editor's model, without React: a script's source from and to the base64 that AM's
 * scripts REST carries (UTF-8), and the source cut into tokens (keywords, strings, comments,
 * numbers, the rest) for the highlighting drawn under the text area. The source is hostile input:
 * past `MAX_HIGHLIGHTED` characters it is left plain.
 */

/** The most characters highlighted; the rest of a longer script is drawn plain. */
export const MAX_HIGHLIGHTED = 200_000;

/** What a token is, for its colour. */
export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'plain';

/** A run of the source and its kind; the tokens' texts joined give the source back. */
export interface Token {
  kind: TokenKind;
  text: string;
}

/** Why a script's source cannot be read (stable code). */
export class ScriptSourceError extends Error {
  readonly code = 'SCRIPT_SOURCE_UNREADABLE';
}

/** The text of `base64` (a script's `script` field). */
export function decodeScript(base64: string): string {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new ScriptSourceError('The script is not valid base64');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    throw new ScriptSourceError('The script is not UTF-8 text');
  }
}

/** The base64 of `source`, as the scripts REST takes it. */
export function encodeScript(source: string): string {
  const bytes = new TextEncoder().encode(source);
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

const KEYWORDS = new Set(
  'break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof let new null return super switch this throw true try typeof undefined var void while with yield async await of'.split(' '),
);

/** Comments, strings (with escapes, template literals whole), numbers, words, anything else. */
const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?|`(?:[^`\\]|\\[\s\S])*`?)|(\b(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\b)|([A-Za-z_$][\w$]*)|(\s+|[^\w\s"'`/$]+|\/)/g;

/** The tokens of `source`, neighbours of one kind merged. */
export function highlight(source: string): Token[] {
  const head = source.slice(0, MAX_HIGHLIGHTED);
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string): void => {
    const last = tokens.at(-1);
    if (last !== undefined && last.kind === kind) last.text += text;
    else tokens.push({ kind, text });
  };
  for (const match of head.matchAll(TOKEN)) {
    const [text, comment, string, number, word] = match;
    if (comment !== undefined) push('comment', text);
    else if (string !== undefined) push('string', text);
    else if (number !== undefined) push('number', text);
    else if (word !== undefined) push(KEYWORDS.has(word) ? 'keyword' : 'plain', text);
    else push('plain', text);
  }
  if (source.length > head.length) push('plain', source.slice(head.length));
  return tokens;
}
