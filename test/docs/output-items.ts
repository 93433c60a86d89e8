/**
 * Cuts an output (documented or actual) into the items it is compared by: JSON values, which may
 * span lines (pretty-printed) or share a line (`curl -s` prints no newline after a body, so two
 * answers can end up on one line), and text lines. A documented line holding only `…` is a gap:
 * any number of items. Trailing spaces and blank lines at either end never count.
 */

/** One unit of output. */
export type OutputItem<Json> = { kind: 'text'; text: string; line: number } | { kind: 'json'; value: Json; text: string; line: number } | { kind: 'gap'; line: number };

/** Where the JSON value starting at `lines[line][column]` ends (line and column after it), if its brackets close. */
function jsonEnd(lines: string[], line: number, column: number): { line: number; column: number } | undefined {
  let depth = 0;
  let inString = false;
  for (let i = line; i < lines.length && i < line + 5000; i++) {
    const text = lines[i] ?? '';
    for (let j = i === line ? column : 0; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return { line: i, column: j + 1 };
      }
    }
    if (inString) return undefined;
  }
  return undefined;
}

function slice(lines: string[], from: { line: number; column: number }, to: { line: number; column: number }): string {
  if (from.line === to.line) return (lines[from.line] ?? '').slice(from.column, to.column);
  return [(lines[from.line] ?? '').slice(from.column), ...lines.slice(from.line + 1, to.line), (lines[to.line] ?? '').slice(0, to.column)].join('\n');
}

/** The items of `output`; `parse` reads a JSON value (throwing when it cannot); `gaps` reads `…` lines as gaps. */
export function outputItems<Json>(output: string, parse: (text: string) => Json, gaps: boolean): OutputItem<Json>[] {
  const lines = output.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  let first = 0;
  while (first < lines.length && lines[first] === '') first++;
  const items: OutputItem<Json>[] = [];
  let line = first;
  let column = 0;
  while (line < lines.length) {
    const text = lines[line] ?? '';
    const rest = text.slice(column);
    if (column === 0 && gaps && rest.trim() === '…') {
      items.push({ kind: 'gap', line: line + 1 });
      line++;
      continue;
    }
    const start = column + (rest.length - rest.trimStart().length);
    if (text[start] === '{' || text[start] === '[') {
      const from = { line, column: start };
      const end = jsonEnd(lines, line, start);
      if (end !== undefined) {
        const source = slice(lines, from, end);
        try {
          items.push({ kind: 'json', value: parse(source), text: source, line: line + 1 });
          line = end.line;
          column = end.column;
          if ((lines[line] ?? '').slice(column).trim() === '') {
            line++;
            column = 0;
          }
          continue;
        } catch {
          // not JSON after all: a text line
        }
      }
    }
    items.push({ kind: 'text', text: rest, line: line + 1 });
    line++;
    column = 0;
  }
  return items;
}
