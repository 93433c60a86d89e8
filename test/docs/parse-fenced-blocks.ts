/**
 * Finds the fenced code blocks of a Markdown page (``` or ~~~, possibly indented inside a list
 * item), with their language, the line of the opening fence, whether they follow the previous
 * block directly (only blank lines between: an output block after the commands it shows) and the
 * `<!-- docs-test: … -->` comment written on the line right before the fence, if any.
 */

/** A fenced block of a Markdown page. */
export interface FencedBlock {
  /** The first word of the info string (`sh`, `json`, or `` for a bare fence). */
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The content lines, without the fence's indentation. */
  lines: string[];
  /** True when only blank lines separate this block from the previous block's closing fence. */
  followsPrevious: boolean;
  /** The text of a `<!-- docs-test: … -->` comment on the line right before the fence. */
  directive?: { text: string; line: number };
}

const OPENING = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)/;
const DIRECTIVE = /^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;

/** The fenced blocks of `markdown`, in order; an unclosed fence runs to the end of the page. */
export function parseFencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  let lastClose = -1;
  for (let i = 0; i < lines.length; i++) {
    const opening = OPENING.exec(lines[i] ?? '');
    if (opening === null) continue;
    const indent = opening[1]?.length ?? 0;
    const fence = opening[2] ?? '```';
    const content: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      const trimmed = line.trim();
      if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '' && trimmed[0] === fence[0]) break;
      content.push(line.slice(Math.min(indent, line.length - line.trimStart().length)));
    }
    const between = lines.slice(lastClose + 1, i);
    const followsPrevious = lastClose >= 0 && between.every((line) => line.trim() === '');
    const previous = i > 0 ? DIRECTIVE.exec(lines[i - 1] ?? '') : null;
    blocks.push({
      lang: (opening[3] ?? '').toLowerCase(),
      line: i + 1,
      lines: content,
      followsPrevious,
      ...(previous === null ? {} : { directive: { text: previous[1] ?? '', line: i } }),
    });
    lastClose = j;
    i = j;
  }
  return blocks;
}
