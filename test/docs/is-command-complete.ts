/**
 * Tells whether shell text is a complete command, the way an interactive bash decides whether to
 * print its continuation prompt: no quote, `$( … )`, `( … )` or here-document left open, and no
 * trailing backslash, `|`, `&&` or `||`. Covers the shell a documentation page writes (quotes,
 * escapes, comments, command substitution, arrays, here-documents), not every corner of bash.
 */

type Context = 'code' | 'double';

const HEREDOC = /^<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

/** True when `text` could be run as it is, without a continuation line. */
export function isCommandComplete(text: string): boolean {
  const stack: Context[] = ['code'];
  let pending: { word: string; strip: boolean }[] = [];
  let last = '';
  let wordStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (stack.at(-1) === 'double') {
      if (c === '\\') i += 2;
      else if (c === '"') {
        stack.pop();
        i++;
      } else if (c === '$' && text[i + 1] === '(') {
        stack.push('code');
        i += 2;
      } else i++;
      continue;
    }
    if (c === '\n') {
      i++;
      for (const doc of pending) {
        let found = false;
        while (i < text.length && !found) {
          const end = text.indexOf('\n', i);
          const line = text.slice(i, end === -1 ? text.length : end);
          i = end === -1 ? text.length : end + 1;
          found = (doc.strip ? line.replace(/^\t+/, '') : line) === doc.word;
        }
        if (!found) return false;
      }
      pending = [];
      wordStart = true;
      continue;
    }
    if (c === ' ' || c === '\t') {
      wordStart = true;
      i++;
      continue;
    }
    if (c === '#' && wordStart) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    wordStart = ';|&()'.includes(c);
    if (c === '\\') {
      if (i + 1 >= text.length) return false;
      if (text[i + 1] === '\n') {
        if (i + 2 >= text.length) return false;
        i += 2;
        wordStart = true;
        continue;
      }
      i += 2;
      last = 'x';
      continue;
    }
    if (c === "'" || (c === '$' && text[i + 1] === "'")) {
      const start = c === '$' ? i + 2 : i + 1;
      let end = start;
      while (end < text.length && text[end] !== "'") end += c === '$' && text[end] === '\\' ? 2 : 1;
      if (end >= text.length) return false;
      i = end + 1;
      last = 'x';
      continue;
    }
    if (c === '"') {
      stack.push('double');
      i++;
      last = 'x';
      continue;
    }
    if (c === '(') stack.push('code');
    if (c === ')' && stack.length > 1) stack.pop();
    if (c === '<' && text.startsWith('<<', i) && !text.startsWith('<<<', i)) {
      const heredoc = HEREDOC.exec(text.slice(i));
      if (heredoc !== null) {
        pending.push({ word: heredoc[3] ?? '', strip: heredoc[1] === '-' });
        i += heredoc[0].length;
        last = 'x';
        continue;
      }
    }
    last = (last + c).slice(-2);
    i++;
  }
  if (stack.length > 1 || pending.length > 0) return false;
  return !(last.endsWith('|') || last === '&&');
}
