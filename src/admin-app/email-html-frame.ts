/**
 * Shows rendered email HTML (a preview, an outbox message) in a sandboxed frame where nothing can
 * run (`sandbox` without `allow-scripts`; the frame's own policy loads nothing but data: images).
 * Mails carry inline `style` attributes and `<style>` elements, which the admin page's policy
 * (inherited by the frame) refuses as markup: they are taken out of the HTML before it is framed
 * and applied through the CSSOM once it is loaded, so the message looks as it will be read.
 */
import { createElement as h, useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { previewDocument } from './email-model.ts';

const MARK = 'data-arbor-style';

/** A `style` attribute inside a start tag: what precedes it in the tag, and its quoted value. */
const STYLE_ATTRIBUTE = /(<[A-Za-z][^<>]*?\s)style\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decodeEntities(text: string): string {
  return text.replace(/&(quot|apos|lt|gt|amp|#39|#x27);/g, (_entity: string, name: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', '#39': "'", '#x27': "'" })[name] ?? '');
}

interface Prepared {
  srcDoc: string;
  inline: string[];
  sheets: string[];
}

function prepare(html: string): Prepared {
  // The style attributes are taken out of the text before it is parsed at all: the page's policy
  // refuses them wherever they are parsed, an inert template included.
  const inline: string[] = [];
  const unstyled = html.replace(STYLE_ATTRIBUTE, (_match: string, before: string, double: string | undefined, single: string | undefined) => {
    inline.push(decodeEntities(double ?? single ?? ''));
    return `${before}${MARK}="${inline.length - 1}"`;
  });
  // A template's content is parsed into an inert document: nothing in it loads or runs.
  const parsed = document.createElement('template');
  parsed.innerHTML = unstyled;
  const sheets = Array.from(parsed.content.querySelectorAll('style')).map((style) => {
    style.remove();
    return style.textContent ?? '';
  });
  return { srcDoc: previewDocument(parsed.innerHTML), inline, sheets };
}

/** `html` framed, titled `title`. */
export function EmailHtmlFrame(props: { html: string; title: string }): ReactElement {
  const frame = useRef<HTMLIFrameElement | null>(null);
  const prepared = useMemo(() => prepare(props.html), [props.html]);

  const styleFrame = (): void => {
    const document = frame.current?.contentDocument;
    const view = frame.current?.contentWindow;
    if (document === null || document === undefined || view === null || view === undefined) return;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(`[${MARK}]`))) {
      element.style.cssText = prepared.inline[Number(element.getAttribute(MARK))] ?? '';
      element.removeAttribute(MARK);
    }
    if (prepared.sheets.length > 0) {
      try {
        // A sheet is adopted only by a document of the realm that constructed it: the frame's own.
        const sheet = new (view as Window & typeof globalThis).CSSStyleSheet();
        sheet.replaceSync(prepared.sheets.join('\n'));
        document.adoptedStyleSheets = [sheet];
      } catch {
        // A style sheet the browser cannot take is left out of the preview.
      }
    }
  };

  // Same origin so that this page may style it; no `allow-scripts`, so nothing in it runs.
  return h('iframe', { ref: frame, title: props.title, className: 'preview-frame', sandbox: 'allow-same-origin', referrerPolicy: 'no-referrer', srcDoc: prepared.srcDoc, onLoad: styleFrame });
}
