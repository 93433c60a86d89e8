/**
 * A PageNode's header or description as HTML, safely: everything is escaped text, except line
 * breaks (`<br>`) and links to another journey (`<a href="#/service/<Tree>">…</a>`, as the
 * sample trees write them), which become links to that journey's page in the same realm.
 */
import { escapeHtml } from './html-escape.ts';

const MARKUP = /<a\s+href\s*=\s*(["'])#\/service\/([A-Za-z0-9 _.-]{1,200})\1\s*>([^<]{0,500})<\/a\s*>|<br\s*\/?>/gi;

/** The page of journey `tree` in the realm at `realmPath` (`/alpha`). */
export function journeyPageUrl(realmPath: string, tree: string): string {
  const query = new URLSearchParams({ realm: realmPath, authIndexType: 'service', authIndexValue: tree });
  return `/login?${query.toString()}`;
}

/** `text` (a header or description) as HTML for the realm at `realmPath`. */
export function pageTextHtml(text: string, realmPath: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(MARKUP)) {
    html += escapeHtml(text.slice(last, match.index));
    const tree = match[2];
    html += tree === undefined ? '<br>' : `<a href="${escapeHtml(journeyPageUrl(realmPath, tree))}">${escapeHtml((match[3] ?? '').trim())}</a>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}
