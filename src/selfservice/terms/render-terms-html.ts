/**
 * Terms Markdown → HTML for pages: rendered by `marked` (GitHub-flavoured), headings given
 * ForgeRock's ids, then sanitized: no scripts, styles, event handlers, frames or forms, and only
 * http(s), mailto and tel links. Ids written by hand in HTML are dropped, as ForgeRock's editor
 * drops them; only the generated heading ids survive (they carry a per-render nonce until the
 * sanitizer checks them).
 */
import { randomBytes } from 'node:crypto';
import { Marked } from 'marked';
import type { Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { termsHeaderIds } from './terms-header-id.ts';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** The visible text of inline tokens (link targets and raw HTML left out). */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'html') return '';
      if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) return plainText(token.tokens as Token[]);
      return 'text' in token && typeof token.text === 'string' ? token.text : '';
    })
    .join('');
}

function sanitizeOptions(nonce: string): sanitizeHtml.IOptions {
  const keepGeneratedId = (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const id = attribs.id;
    return { tagName, attribs: id !== undefined && id.startsWith(nonce) && id.length > nonce.length ? { id: id.slice(nonce.length) } : {} };
  };
  return {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 'ins'],
    allowedAttributes: {
      a: ['href', 'name', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      ol: ['start'],
      th: ['align', 'colspan', 'rowspan'],
      td: ['align', 'colspan', 'rowspan'],
      code: ['class'],
      ...Object.fromEntries(HEADINGS.map((tag) => [tag, ['id']])),
    },
    allowedClasses: { code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    disallowedTagsMode: 'discard',
    transformTags: {
      ...Object.fromEntries(HEADINGS.map((tag) => [tag, keepGeneratedId])),
      a: (tagName, attribs) => ({ tagName, attribs: attribs.target === undefined ? attribs : { ...attribs, rel: 'noopener noreferrer' } }),
    },
  };
}

/** Renders terms Markdown to sanitized HTML with ForgeRock's heading ids. */
export function renderTermsHtml(markdown: string): string {
  const nonce = `n${randomBytes(12).toString('hex')}-`;
  const ids = termsHeaderIds();
  const marked = new Marked({
    gfm: true,
    async: false,
    renderer: {
      heading({ tokens, depth }) {
        const id = ids.next(plainText(tokens));
        return `<h${depth}${id === '' ? '' : ` id="${nonce}${id}"`}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  return sanitizeHtml(marked.parse(markdown, { async: false }), sanitizeOptions(nonce));
}
