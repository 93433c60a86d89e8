/**
 * A realm's theme of the journey pages (the realm setting `pages.theme`): a logo, an accent, a
 * background and a text colour, and a font. Every value is checked strictly before use, since it
 * ends up in a stylesheet and an `<img>`: colours are `#rgb` or `#rrggbb` with enough contrast
 * (WCAG 2.2 AA) against the colours they meet, the font is a list of plain family names, and the
 * logo is a same-origin path or an https URL. A value that fails is refused (left out) and named.
 * The theme becomes a small stylesheet (`/login/theme.css?realm=…`) that only sets the pages'
 * custom properties, so the pages keep `style-src 'self'` and no inline style.
 */
import { createHash } from 'node:crypto';
import type { PageThemeSettings } from '../config/realm-config.ts';
import type { Palette } from './page-stylesheet.ts';
import { DARK, LIGHT, SYSTEM_FONTS } from './page-stylesheet.ts';

/** A checked theme: only values that passed. */
export interface PageTheme {
  /** A same-origin path (`/images/logo.svg`) or an https URL, normalized. */
  logoUrl?: string;
  primaryColor?: string;
  backgroundColor?: string;
  textColor?: string;
  /** Family names, each plain (letters, digits, spaces, hyphens). */
  fontFamily?: string[];
}

/** A theme and the settings refused from it (`primaryColor: …`). */
export interface CheckedTheme {
  theme: PageTheme;
  refused: string[];
}

const COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;
const FAMILY = /^[A-Za-z][A-Za-z0-9 -]{0,39}$/;
const OWN_PATH = /^\/(?![/\\])[A-Za-z0-9._~/-]{1,300}$/;
/** Never in any value: what could end a declaration, a rule or an element. */
const HOSTILE = /[;{}<>"'\\`\p{Cc}]/u;

/** The relative luminance of `#rgb`/`#rrggbb` (WCAG 2.x). */
export function luminance(color: string): number {
  const hex = color.length === 4 ? [...color.slice(1)].map((digit) => digit + digit).join('') : color.slice(1);
  const channel = (index: number): number => {
    const value = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** Black-ish or white text on `color`, whichever reads better. */
function textOn(color: string): string {
  return contrastRatio(color, '#ffffff') >= contrastRatio(color, DARK.bg) ? '#ffffff' : DARK.bg;
}

/** The Arbor palette a background is closest to (its error and warning colours are kept). */
function paletteFor(background: string): Palette {
  return contrastRatio(background, LIGHT.text) >= contrastRatio(background, DARK.text) ? LIGHT : DARK;
}

function checkLogo(value: string): string | undefined {
  if (OWN_PATH.test(value)) return value;
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.href.length > 500 || HOSTILE.test(url.href)) return undefined;
  return url.href;
}

function checkFont(value: string): string[] | undefined {
  const families = value.split(',').map((family) => family.trim());
  return families.length <= 6 && families.every((family) => FAMILY.test(family)) ? families : undefined;
}

/** The settings of `value` (a realm's `pages.theme`) that pass, and the refused ones. */
export function checkPageTheme(value: unknown): CheckedTheme {
  const theme: PageTheme = {};
  const refused: string[] = [];
  if (value === undefined) return { theme, refused };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { theme, refused: ['theme: must be an object'] };
  const settings = value as Record<string, unknown>;
  const text = (name: keyof PageThemeSettings): string | undefined => {
    if (!Object.hasOwn(settings, name) || settings[name] === undefined) return undefined;
    const given = settings[name];
    if (typeof given !== 'string' || given.length > 500 || HOSTILE.test(given)) {
      refused.push(`${name}: not allowed`);
      return undefined;
    }
    return given.trim();
  };
  const color = (name: 'primaryColor' | 'backgroundColor' | 'textColor'): string | undefined => {
    const given = text(name);
    if (given === undefined) return undefined;
    if (COLOR.test(given)) return given.toLowerCase();
    refused.push(`${name}: must be #rgb or #rrggbb`);
    return undefined;
  };
  for (const name of Object.keys(settings)) {
    if (!['logoUrl', 'primaryColor', 'backgroundColor', 'textColor', 'fontFamily'].includes(name)) refused.push(`${name}: unknown setting`);
  }

  const logo = text('logoUrl');
  if (logo !== undefined) {
    const checked = checkLogo(logo);
    if (checked === undefined) refused.push('logoUrl: must be a path on this site (/images/logo.svg) or an https URL');
    else theme.logoUrl = checked;
  }
  const font = text('fontFamily');
  if (font !== undefined) {
    const families = checkFont(font);
    if (families === undefined) refused.push('fontFamily: must be up to six family names (letters, digits, spaces, hyphens)');
    else theme.fontFamily = families;
  }

  const background = color('backgroundColor');
  const palette = background === undefined ? LIGHT : paletteFor(background);
  const surface = background ?? LIGHT.card;
  const textColor = color('textColor');
  if (textColor !== undefined) {
    const readable = [surface, background ?? LIGHT.bg].every((under) => contrastRatio(textColor, under) >= 4.5);
    if (readable) theme.textColor = textColor;
    else refused.push('textColor: contrast below 4.5:1 against the background');
  }
  if (background !== undefined) {
    const readable = [theme.textColor ?? palette.text, palette.muted, palette.error, palette.warning].every((over) => contrastRatio(over, background) >= 4.5);
    if (readable) theme.backgroundColor = background;
    else refused.push('backgroundColor: contrast below 4.5:1 with the text, error or warning colours');
  }
  const primary = color('primaryColor');
  if (primary !== undefined) {
    const under = theme.backgroundColor ?? LIGHT.card;
    if (contrastRatio(primary, under) >= 4.5 && contrastRatio(primary, textOn(primary)) >= 4.5) theme.primaryColor = primary;
    else refused.push('primaryColor: contrast below 4.5:1 against the background');
  }
  return { theme, refused };
}

/** The theme of `realm`'s pages (its checked settings), undefined when it has none. */
export function realmThemeOf(realm: { pages?: { theme?: PageThemeSettings } }): PageTheme | undefined {
  const { theme } = checkPageTheme(realm.pages?.theme);
  return Object.keys(theme).length === 0 ? undefined : theme;
}

/**
 * The theme's stylesheet: custom properties only. With a background the realm's colours hold in
 * both schemes (the page follows the background's lightness); without one they apply to the
 * light scheme, and the dark scheme keeps Arbor's colours.
 */
export function themeStylesheet(theme: PageTheme): string {
  const font = theme.fontFamily === undefined ? '' : `:root{--font:${theme.fontFamily.map((family) => (/^[A-Za-z-]+$/.test(family) ? family : `"${family}"`)).join(',')},${SYSTEM_FONTS}}\n`;
  const properties: string[] = [];
  if (theme.backgroundColor !== undefined) {
    const palette = paletteFor(theme.backgroundColor);
    const text = theme.textColor ?? palette.text;
    properties.push(`--bg:${theme.backgroundColor}`, `--card:${theme.backgroundColor}`, `--field:${theme.backgroundColor}`, `--text:${text}`, `--muted:${text}`);
    properties.push(`--error:${palette.error}`, `--warning:${palette.warning}`, `--border:color-mix(in srgb,${text} 65%,${theme.backgroundColor})`, `--line:color-mix(in srgb,${text} 25%,${theme.backgroundColor})`);
    if (theme.primaryColor === undefined) properties.push(`--accent:${text}`, `--on-accent:${theme.backgroundColor}`);
    properties.push(`color-scheme:${palette === LIGHT ? 'light' : 'dark'}`);
  } else if (theme.textColor !== undefined) {
    properties.push(`--text:${theme.textColor}`);
  }
  if (theme.primaryColor !== undefined) properties.push(`--accent:${theme.primaryColor}`, `--on-accent:${textOn(theme.primaryColor)}`);
  if (properties.length === 0) return font;
  const rule = `:root{${properties.join(';')}}`;
  return font + (theme.backgroundColor === undefined ? `@media (prefers-color-scheme:light){${rule}}\n` : `${rule}\n`);
}

/** A short hash of a theme's stylesheet, so that its URL changes with it (and may be cached). */
export function themeVersion(css: string): string {
  return createHash('sha256').update(css).digest('base64url').slice(0, 12);
}

/** The origin the pages' `img-src` must allow for the theme's logo: an https logo's, else none. */
export function logoOrigin(theme: Pick<PageTheme, 'logoUrl'> | undefined): string | undefined {
  const logo = theme?.logoUrl;
  return logo !== undefined && logo.startsWith('https://') ? new URL(logo).origin : undefined;
}
