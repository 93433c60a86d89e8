/**
 * The live preview of terms Markdown: shortly after the text stops changing, the server renders it
 * (`POST /openidm/selfservice/terms?_action=preview`) to the same sanitized HTML users read, and
 * the preview shows that HTML. Only the server's sanitized output is ever put into the page.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { previewTerms } from './terms-client.ts';
import { ConfigRequestError } from './terms-kba-request.ts';

/** How long the text must rest before it is rendered (milliseconds). */
const QUIET_MS = 300;

/** The rendered `markdown` of `locale`, labelled "Preview (<locale>)". */
export function TermsPreview(props: { markdown: string; locale: string; onError: (error: unknown) => void }): ReactElement {
  const [html, setHtml] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewTerms(props.markdown).then(
        (rendered) => {
          if (!current) return;
          setHtml(rendered);
          setProblem('');
        },
        (error: unknown) => {
          if (!current) return;
          if (error instanceof ConfigRequestError && error.status === 400) setProblem(error.message);
          else props.onError(error);
        },
      );
    }, QUIET_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [props.markdown, props.onError]);

  const label = `Preview (${props.locale})`;
  if (problem !== '') return h('p', { className: 'error terms-preview-problem', role: 'alert' }, problem);
  if (html === undefined) return h('div', { className: 'terms-preview', role: 'region', 'aria-label': label, 'aria-busy': true }, h('p', { className: 'notice' }, 'Rendering…'));
  if (props.markdown.trim() === '') return h('div', { className: 'terms-preview', role: 'region', 'aria-label': label }, h('p', { className: 'notice' }, 'Nothing written yet.'));
  // The server's sanitizer removed scripts, styles, event handlers and unsafe links: this HTML is what users are shown.
  return h('div', { className: 'terms-preview', role: 'region', 'aria-label': label, dangerouslySetInnerHTML: { __html: html } });
}
