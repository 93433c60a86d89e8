/** The pages' colours meet WCAG 2.2 AA in the light and the dark scheme, and the stylesheet keeps a visible focus. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Palette } from './page-stylesheet.ts';
import { DARK, LIGHT, PAGE_STYLESHEET } from './page-stylesheet.ts';
import { contrastRatio } from './page-theme.ts';

function assertReadable(name: string, palette: Palette): void {
  for (const surface of [palette.card, palette.bg, palette.field]) {
    for (const text of ['text', 'muted', 'accent', 'error', 'warning'] as const) {
      const ratio = contrastRatio(palette[text], surface);
      assert.ok(ratio >= 4.5, `${name} ${text} on ${surface}: ${ratio.toFixed(2)}`);
    }
    assert.ok(contrastRatio(palette.border, surface) >= 3, `${name} field border on ${surface}`);
  }
  assert.ok(contrastRatio(palette.onAccent, palette.accent) >= 4.5, `${name} button text`);
}

describe('the pages’ stylesheet', () => {
  it('has AA contrast for every text, link, button and field border, light and dark', () => {
    assertReadable('light', LIGHT);
    assertReadable('dark', DARK);
  });

  it('switches to the dark palette with the system, shows the focus and stays small', () => {
    assert.match(PAGE_STYLESHEET, /@media \(prefers-color-scheme:dark\)\{:root\{--bg:#0c1117;/);
    assert.match(PAGE_STYLESHEET, /:focus-visible\{outline:3px solid var\(--accent\)/);
    assert.doesNotMatch(PAGE_STYLESHEET, /url\(|@import/);
    assert.ok(PAGE_STYLESHEET.length < 6000, `${PAGE_STYLESHEET.length} characters`);
  });
});
