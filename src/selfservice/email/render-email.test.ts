import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseLocale } from './choose-locale.ts';
import { defaultEmailTemplates } from './default-email-templates.ts';
import type { EmailTemplate } from './email-template.ts';
import { parseEmailTemplate } from './email-template.ts';
import { isEmailError } from './errors.ts';
import { htmlToText } from './html-to-text.ts';
import { renderEmail } from './render-email.ts';

function template(fields: Partial<EmailTemplate>): EmailTemplate {
  return parseEmailTemplate({ subject: { en: 'Hello {{object.givenName}}' }, message: { en: '<p>Hi {{object.givenName}}</p>' }, ...fields });
}

const MULTI = template({
  subject: { en: 'Reset', fr: 'Réinitialiser', 'nl-BE': 'Herstellen' },
  message: { en: '<p>en</p>', fr: '<p>fr</p>', 'nl-BE': '<p>nl-BE</p>' },
  defaultLocale: 'fr',
});

describe('renderEmail', () => {
  it('escapes {{object.x}} in HTML messages and leaves {{{object.x}}} raw, as Handlebars does', () => {
    const t = template({ message: { en: '<p>{{object.name}}</p><div>{{{object.name}}}</div><a href="{{object.url}}">go</a>' } });
    const rendered = renderEmail(t, { name: '<script>alert("x")</script>&', url: 'https://x.test/?a=1&b="2"' }, []);
    assert.equal(
      rendered.html,
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</p><div><script>alert("x")</script>&</div><a href="https://x.test/?a&#x3D;1&amp;b&#x3D;&quot;2&quot;">go</a>',
    );
  });

  it('renders the subject with the same context, without HTML escaping and on one line', () => {
    const rendered = renderEmail(template({ subject: { en: "{{object.givenName}}'s <account>" } }), { givenName: "O'Brien &\r\nBcc: evil@x.test" }, []);
    assert.equal(rendered.subject, "O'Brien & Bcc: evil@x.test's <account>");
  });

  it('renders missing variables as nothing, and #if takes the else branch', () => {
    const t = template({ message: { en: '<p>[{{object.missing}}][{{object.deep.er.path}}]{{#if object.userName}}yes{{else}}no{{/if}}</p>' } });
    assert.equal(renderEmail(t, {}, []).html, '<p>[][]no</p>');
    assert.equal(renderEmail(t, { userName: 'ann' }, []).html, '<p>[][]yes</p>');
  });

  it('does not read inherited properties (prototype access stays off)', () => {
    const t = template({ message: { en: '<p>[{{object.constructor}}][{{object.__proto__}}][{{object.toString}}]</p>' } });
    assert.equal(renderEmail(t, {}, []).html, '<p>[][][]</p>');
  });

  it('text/plain messages are neither escaped nor given an HTML part', () => {
    const rendered = renderEmail(template({ mimeType: 'text/plain', message: { en: 'Hi {{object.givenName}} & co <3' } }), { givenName: 'A&B' }, []);
    assert.deepEqual(rendered, { locale: 'en', subject: 'Hello A&B', text: 'Hi A&B & co <3' });
  });

  it('derives a plain-text alternative from HTML, keeping link targets', () => {
    const rendered = renderEmail(defaultEmailTemplates().resetPassword, { resumeURI: 'https://id.example/login?suspendedId=abc&realm=%2Falpha' }, ['en']);
    assert.equal(
      rendered.text,
      'Someone asked to reset the password of your account. Use this link to choose a new one:\n\nChoose a new password (https://id.example/login?suspendedId=abc&realm=%2Falpha)\n\nIf it was not you, ignore this email: your password stays as it is.',
    );
  });

  it('reports a template that fails at render time as TEMPLATE_RENDER_FAILED', () => {
    const t = template({ message: { en: '{{#each object.items}}{{> row}}{{/each}}' } });
    assert.throws(() => renderEmail(t, { items: [1] }, []), (error) => isEmailError(error, 'TEMPLATE_RENDER_FAILED') && /partial row/i.test(error.message));
  });

  describe('locale choice', () => {
    it("the user's preferred locale comes first, then Accept-Language, then defaultLocale", () => {
      assert.equal(renderEmail(MULTI, { preferredLocale: 'en' }, ['fr']).locale, 'en');
      assert.equal(renderEmail(MULTI, { locale: 'nl_BE' }, ['fr']).locale, 'nl-BE', 'object.locale, Java-style underscore');
      assert.equal(renderEmail(MULTI, { preferredLocale: 'ja' }, ['de', 'en-GB', 'fr']).locale, 'en', 'the first Accept-Language that matches, by language');
      assert.equal(renderEmail(MULTI, {}, ['nl']).locale, 'nl-BE', 'a language matches a regional variant');
      assert.equal(renderEmail(MULTI, {}, ['de']).locale, 'fr', 'nothing matches: the default locale');
      const rendered = renderEmail(MULTI, {}, ['FR-be']);
      assert.deepEqual([rendered.locale, rendered.subject, rendered.html], ['fr', 'Réinitialiser', '<p>fr</p>']);
    });

    it('falls back to the first locale when the default one is missing; a subject without the locale uses its own fallback', () => {
      const t = template({ subject: { en: 'Subject en' }, message: { de: '<p>de</p>', fr: '<p>fr</p>' }, defaultLocale: 'en' });
      const rendered = renderEmail(t, {}, ['it']);
      assert.deepEqual([rendered.locale, rendered.subject], ['de', 'Subject en']);
    });

    it('chooseLocale prefers an exact match over a sibling region', () => {
      assert.equal(chooseLocale(['fr-CA'], ['fr-BE', 'fr', 'fr-CA'], 'en'), 'fr-CA');
      assert.equal(chooseLocale(['fr-LU'], ['fr-BE', 'fr'], 'en'), 'fr');
      assert.equal(chooseLocale(['fr-LU'], ['fr-BE', 'en'], 'en'), 'fr-BE');
      assert.equal(chooseLocale([], [], 'en'), undefined);
    });
  });
});

describe('htmlToText', () => {
  it('turns blocks into lines, list items into dashes, drops head and styles, decodes entities', () => {
    const html = '<html><head><title>T</title><style>p{color:red}</style></head><body><h1>Title</h1><p>A&nbsp;&amp;&#39;B&#x2014;C</p><ul><li>one</li><li>two</li></ul>line<br>break<!-- note --></body></html>';
    assert.equal(htmlToText(html), 'Title\n\nA &\'B—C\n\n- one\n- two\n\nline\nbreak');
  });

  it('writes a link as its label and target, or the target alone when they are the same', () => {
    assert.equal(htmlToText('<a href="https://a.test/x?y=1&amp;z=2">Open</a>'), 'Open (https://a.test/x?y=1&z=2)');
    assert.equal(htmlToText("<a href='https://a.test'>https://a.test</a>"), 'https://a.test');
    assert.equal(htmlToText('<a href="#top">Top</a>'), 'Top');
  });
});
