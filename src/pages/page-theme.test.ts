/** A realm's theme: good values become custom properties only; hostile or unreadable ones are refused and named. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPageTheme, contrastRatio, logoOrigin, realmThemeOf, themeStylesheet } from './page-theme.ts';

describe('page themes', () => {
  it('turns a good theme into a stylesheet of custom properties only', () => {
    const { theme, refused } = checkPageTheme({ logoUrl: 'https://cdn.example.com/brand/logo.svg', primaryColor: '#0B5CAD', fontFamily: 'Open Sans, Arial, sans-serif' });
    assert.deepEqual(refused, []);
    assert.deepEqual(theme, { logoUrl: 'https://cdn.example.com/brand/logo.svg', primaryColor: '#0b5cad', fontFamily: ['Open Sans', 'Arial', 'sans-serif'] });
    const css = themeStylesheet(theme);
    assert.match(css, /^:root\{--font:"Open Sans",Arial,sans-serif,system-ui/);
    assert.match(css, /@media \(prefers-color-scheme:light\)\{:root\{--accent:#0b5cad;--on-accent:#ffffff\}\}/);
    for (const rule of css.split('\n').filter(Boolean)) assert.match(rule, /^(@media \(prefers-color-scheme:light\)\{)?:root\{[^{}<>]*\}\}?$/);
    assert.equal(logoOrigin(theme), 'https://cdn.example.com');
  });

  it('keeps a realm palette in both colour schemes when it sets the background', () => {
    const { theme, refused } = checkPageTheme({ backgroundColor: '#102a43', textColor: '#fff', primaryColor: '#9fd3ff' });
    assert.deepEqual(refused, []);
    const css = themeStylesheet(theme);
    assert.match(css, /^:root\{--bg:#102a43;--card:#102a43;--field:#102a43;--text:#fff;.*--accent:#9fd3ff;--on-accent:#0c1117\}\n$/);
    assert.match(css, /color-scheme:dark/);
  });

  it('refuses hostile values: anything that could leave a declaration, a rule or an element', () => {
    const hostile = {
      primaryColor: 'red;background:url(https://evil.example/x)',
      backgroundColor: '#fff}body{display:none',
      textColor: 'expression(alert(1))',
      fontFamily: 'Arial; } * { display:none } /*',
      logoUrl: 'javascript:alert(1)',
      extra: '#000',
    };
    const { theme, refused } = checkPageTheme(hostile);
    assert.deepEqual(theme, {});
    assert.deepEqual(refused.map((entry) => entry.split(':')[0]).sort(), ['backgroundColor', 'extra', 'fontFamily', 'logoUrl', 'primaryColor', 'textColor']);
    for (const logoUrl of ['http://cdn.example.com/logo.png', '//evil.example/logo.png', 'https://user:pw@cdn.example.com/l.png', 'https://cdn.example.com/a"onerror="x', 'data:image/svg+xml,<svg>', '/\\evil.example/x']) {
      assert.equal(checkPageTheme({ logoUrl }).theme.logoUrl, undefined, logoUrl);
    }
    for (const fontFamily of ['"Arial"', 'Arial</style>', 'a,b,c,d,e,f,g', 'url(x)']) assert.equal(checkPageTheme({ fontFamily }).theme.fontFamily, undefined, fontFamily);
    for (const color of ['#12345', 'rgb(0,0,0)', 'red', '#1234567', ' #fff;']) assert.equal(checkPageTheme({ primaryColor: color }).theme.primaryColor, undefined, color);
    assert.deepEqual(checkPageTheme('#fff').refused, ['theme: must be an object']);
    assert.equal(checkPageTheme({ logoUrl: '/images/logo.svg' }).theme.logoUrl, '/images/logo.svg');
  });

  it('refuses colours people could not read (WCAG 2.2 AA)', () => {
    assert.equal(contrastRatio('#000', '#fff').toFixed(1), '21.0');
    assert.match(checkPageTheme({ primaryColor: '#ffeb3b' }).refused[0] ?? '', /^primaryColor: contrast/);
    assert.match(checkPageTheme({ textColor: '#bbbbbb' }).refused[0] ?? '', /^textColor: contrast/);
    assert.match(checkPageTheme({ backgroundColor: '#808080' }).refused[0] ?? '', /^backgroundColor: contrast/);
    assert.deepEqual(checkPageTheme({ backgroundColor: '#fff8e7', textColor: '#2b2b2b' }).refused, []);
  });

  it('gives no theme to a realm without one, or with nothing usable in it', () => {
    assert.equal(realmThemeOf({}), undefined);
    assert.equal(realmThemeOf({ pages: { theme: { primaryColor: 'red' } } }), undefined);
    assert.deepEqual(realmThemeOf({ pages: { theme: { logoUrl: '/logo.png' } } }), { logoUrl: '/logo.png' });
    assert.equal(themeStylesheet({ logoUrl: '/logo.png' }), '');
  });
});
