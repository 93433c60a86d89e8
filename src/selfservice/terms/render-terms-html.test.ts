/** Terms Markdown → sanitized HTML: ForgeRock's header ids (the seed's table, exactly) and nothing executable. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTermsHtml } from './render-terms-html.ts';
import { termsHeaderId } from './terms-header-id.ts';

describe('terms header ids', () => {
  it('follow the seed’s table exactly', () => {
    const table: [string, string, string][] = [
      ['# Example 123', 'example123', '<h1 id="example123">Example 123</h1>'],
      ['# Example!', 'example', '<h1 id="example">Example!</h1>'],
      ['# Example -/=()%^&\\*@£', 'example', '<h1 id="example">Example -/=()%^&amp;*@£</h1>'],
      ['# Example_1', 'example_1', '<h1 id="example_1">Example_1</h1>'],
      ['# Example -/=()%^&\\*@£_ Example', 'example_example', '<h1 id="example_example">Example -/=()%^&amp;*@£_ Example</h1>'],
    ];
    for (const [markdown, id, html] of table) {
      assert.equal(termsHeaderId(markdown.slice(2).replace('\\', '')), id, markdown);
      assert.equal(renderTermsHtml(markdown).trim(), html, markdown);
    }
  });

  it('use the visible text of every heading level, numbering repeats', () => {
    const html = renderTermsHtml('## Privacy **Policy**\n\n### [Cookies](https://example.com/c) & `Tracking`\n\nSetext\n------\n\n## Privacy Policy\n\n# !!!');
    assert.match(html, /<h2 id="privacypolicy">Privacy <strong>Policy<\/strong><\/h2>/);
    assert.match(html, /<h3 id="cookiestracking"><a href="https:\/\/example.com\/c">Cookies<\/a> &amp; <code>Tracking<\/code><\/h3>/);
    assert.match(html, /<h2 id="setext">Setext<\/h2>/);
    assert.match(html, /<h2 id="privacypolicy-1">Privacy Policy<\/h2>/);
    assert.match(html, /<h1>!!!<\/h1>/, 'no id when nothing is left');
  });

  it('drop ids written by hand, as ForgeRock’s editor does', () => {
    const html = renderTermsHtml('<h2 id="mine">Hand</h2>\n\n<p id="para">x</p>\n\n## Generated');
    assert.doesNotMatch(html, /mine|para/);
    assert.match(html, /<h2>Hand<\/h2>/);
    assert.match(html, /<h2 id="generated">Generated<\/h2>/);
  });
});

describe('terms sanitizing', () => {
  it('removes scripts, styles, frames, forms and event handlers', () => {
    const html = renderTermsHtml(
      '# Terms\n\n<script>alert(1)</script>\n\n<style>body{display:none}</style>\n\n<iframe src="https://evil.example"></iframe>\n\n' +
        '<form action="https://evil.example"><input name="p"></form>\n\n<img src="https://example.com/a.png" onerror="alert(2)">\n\n<p onclick="alert(3)" style="color:red">Text</p>',
    );
    for (const banned of ['<script', 'alert', '<style', 'display:none', '<iframe', '<form', '<input', 'onerror', 'onclick', 'style=']) {
      assert.equal(html.toLowerCase().includes(banned), false, `${banned} in ${html}`);
    }
    assert.match(html, /<img src="https:\/\/example.com\/a.png" \/>/);
    assert.match(html, /<p>Text<\/p>/);
  });

  it('removes javascript:, data: and vbscript: URLs but keeps http(s), mailto and tel links', () => {
    const html = renderTermsHtml(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) <a href="java&#x09;script:alert(1)">c</a> [d](data:text/html;base64,PHNjcmlwdD4=) <a href="vbscript:msgbox(1)">e</a>\n\n' +
        '[web](https://example.com/terms) [mail](mailto:privacy@example.com) [call](tel:+3221234567) <a href="https://example.com" target="_blank">new tab</a>',
    );
    assert.doesNotMatch(html, /javascript|data:|vbscript/i);
    for (const kept of ['href="https://example.com/terms"', 'href="mailto:privacy@example.com"', 'href="tel:+3221234567"']) assert.ok(html.includes(kept), kept);
    assert.match(html, /<a href="https:\/\/example.com" target="_blank" rel="noopener noreferrer">new tab<\/a>/);
  });

  it('renders ordinary Markdown: paragraphs, lists, tables, emphasis, code', () => {
    const html = renderTermsHtml('Intro *text*.\n\n1. one\n2. two\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```');
    assert.match(html, /<p>Intro <em>text<\/em>.<\/p>/);
    assert.match(html, /<ol>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ol>/);
    assert.match(html, /<th align="left">a<\/th>/);
    assert.match(html, /<code class="language-js">const x = 1;\n<\/code>/);
  });
});
