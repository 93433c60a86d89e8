/**
 * The pages' one stylesheet, served from Arbor's own origin (`/login/pages.css`): small,
 * mobile-first, light and dark (`prefers-color-scheme`), with colours that meet WCAG 2.2 AA in both
 * (text 4.5:1 on the card and the page, field borders 3:1; `page-stylesheet.test.ts` checks them)
 * and a visible focus ring. Colours and the font are custom properties, so a realm's theme
 * (`page-theme.ts`) restyles the pages by setting a few of them.
 */

/** The colours of one scheme (`#rrggbb`). */
export interface Palette {
  /** The page behind the card. */
  bg: string;
  card: string;
  /** Inside text fields. */
  field: string;
  text: string;
  /** Secondary text (descriptions, the language links). */
  muted: string;
  /** Links, buttons, the focus ring. */
  accent: string;
  /** Text on an accent button. */
  onAccent: string;
  error: string;
  warning: string;
  /** Field borders (3:1 against the card: they show where a field is). */
  border: string;
  /** Decorative lines (the card's edge). */
  line: string;
}

export const LIGHT: Palette = {
  bg: '#f2f4f7',
  card: '#ffffff',
  field: '#ffffff',
  text: '#101828',
  muted: '#475467',
  accent: '#0b57c2',
  onAccent: '#ffffff',
  error: '#b42318',
  warning: '#8a4a00',
  border: '#6b7588',
  line: '#d5dae1',
};

export const DARK: Palette = {
  bg: '#0c1117',
  card: '#161b22',
  field: '#0c1117',
  text: '#e6edf3',
  muted: '#b1bac4',
  accent: '#7cb7ff',
  onAccent: '#0c1117',
  error: '#ff9b94',
  warning: '#e8b84a',
  border: '#8b949e',
  line: '#30363d',
};

/** `--bg:…;--card:…` for a palette. */
export function paletteProperties(palette: Palette): string {
  return Object.entries(palette)
    .map(([name, value]) => `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}:${value}`)
    .join(';');
}

/** The system font stack the pages use unless a realm's theme names another. */
export const SYSTEM_FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';

export const PAGE_STYLESHEET = `:root{${paletteProperties(LIGHT)};--font:${SYSTEM_FONTS};color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{${paletteProperties(DARK)}}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;min-height:100vh;background:var(--bg);color:var(--text);font:16px/1.5 var(--font)}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;max-width:30rem;margin:0 auto;padding:1rem 1rem 0}
.logo{display:block;width:auto;height:auto;max-height:2.5rem;max-width:12rem}
.languages{margin-left:auto}
.languages ul{display:flex;flex-wrap:wrap;align-items:center;list-style:none;margin:0;padding:0;font-size:.875rem}
.languages li+li::before{content:"·";color:var(--muted);padding:0 .125rem}
.languages a{display:inline-block;min-height:1.5rem;padding:.25rem;color:var(--muted);text-decoration:none;border-radius:.25rem}
.languages a:hover{text-decoration:underline}
.languages a[aria-current]{color:var(--text);font-weight:600}
main{max-width:30rem;margin:0 auto;padding:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.5rem 1.25rem;box-shadow:0 1px 2px rgb(16 24 40/.06)}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem;letter-spacing:-.01em}
.description{color:var(--muted);margin:0 0 1.25rem}
a{color:var(--accent);text-underline-offset:.15em}
.field{margin:0 0 1rem;border:0;padding:0;min-width:0}
label,legend{display:block;font-weight:600;margin:0 0 .375rem;padding:0}
.check{display:flex;gap:.625rem;align-items:flex-start}
.check input{flex:none;width:1.25rem;height:1.25rem;margin:.15rem 0 0;accent-color:var(--accent)}
.check label{font-weight:400;margin:0}
input[type=text],input[type=password],input[type=email],input[type=number],select{display:block;width:100%;min-height:2.75rem;padding:.625rem .75rem;border:1px solid var(--border);border-radius:.5rem;background:var(--field);color:var(--text);font:inherit}
[aria-invalid=true]{border-color:var(--error)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button{min-height:2.75rem;padding:.625rem 1.25rem;border:1px solid var(--accent);border-radius:.5rem;background:var(--accent);color:var(--on-accent);font:inherit;font-weight:600;cursor:pointer}
button:hover{text-decoration:underline}
button:disabled{opacity:.6;cursor:not-allowed;text-decoration:none}
.actions{display:flex;flex-direction:column;gap:.5rem;margin-top:1.25rem}
.providers{margin-top:1.5rem;border-top:1px solid var(--line)}
.providers>p{color:var(--muted);margin:1rem 0 0}
.providers button{display:inline-flex;align-items:center;justify-content:center;gap:.5rem;background:var(--card);color:var(--text);border-color:var(--border)}
.message{padding:.75rem 1rem;border:1px solid var(--line);border-radius:.5rem;margin:0 0 1rem}
.message.error{color:var(--error);border-color:var(--error)}
.message.warning{color:var(--warning);border-color:var(--warning)}
.field-errors{color:var(--error);margin:.375rem 0 0;padding-left:1.25rem}
.button{display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;padding:.625rem 1.25rem;border-radius:.5rem;background:var(--accent);color:var(--on-accent);font-weight:600;text-decoration:none}
button.secondary{background:transparent;color:var(--accent);border-color:var(--border);min-height:2.25rem;padding:.25rem .75rem;font-weight:400;margin-top:.375rem}
.count{font-weight:400;color:var(--muted)}
.hint{color:var(--muted);font-size:.9375rem;margin:.25rem 0 .5rem}
.password-rules{color:var(--muted);font-size:.9375rem;margin:.5rem 0 0}
.password-rules p{margin:0}
.password-rules ul{margin:.25rem 0 0;padding-left:1.25rem}
.password-rules li[data-state=met]{color:var(--text);list-style-type:"✓ "}
.password-rules li[data-state=unmet]{list-style-type:"✗ "}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.description a+a{margin-left:1rem}
.terms{max-height:20rem;overflow:auto;border:1px solid var(--line);border-radius:.5rem;padding:0 1rem;margin:0 0 1rem}
.terms-title{font-size:1.1rem;margin:1rem 0 .25rem}.terms-purpose{margin:0 0 .75rem}
@media (min-width:40rem){.top{padding-top:2.5rem}main{padding:1.5rem 1rem 3rem}.card{padding:2rem}.actions{flex-direction:row;flex-wrap:wrap}}
`;
