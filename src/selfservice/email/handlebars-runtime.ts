/**
 * The one Handlebars environment email templates run in: its own instance (nothing registered
 * globally leaks in), the built-in helpers only (`if`, `unless`, `each`, `with`, `lookup`), no
 * partials, HTML-escaping of `{{…}}` unless the text is plain, prototype access off (the default).
 */
import Handlebars from 'handlebars';
import { createLruMap } from '../../cache/lru-map.ts';
import { emailError } from './errors.ts';

const runtime = Handlebars.create();
// `log` writes to the console: a template has no business there.
runtime.unregisterHelper('log');

const KNOWN_HELPERS = { if: true, unless: true, each: true, with: true, lookup: true } as const;

/** A compiled template: context in, text out. */
export type CompiledTemplate = (context: Record<string, unknown>) => string;

function failure(error: unknown): Error {
  const message = error instanceof Error ? error.message.split('\n').filter((line) => line.trim() !== '').join(' ') : String(error);
  return emailError('TEMPLATE_RENDER_FAILED', message);
}

/** Throws TEMPLATE_RENDER_FAILED when `source` does not compile (syntax, unknown helper). */
export function checkTemplateSyntax(source: string): void {
  try {
    runtime.precompile(source, { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, strict: false });
  } catch (error) {
    throw failure(error);
  }
}

/** Compiled templates by text (a template's text never changes meaning): each mail of a template compiles nothing. */
const compiled = createLruMap<string, CompiledTemplate>(200);

/** Compiles `source`; `escape: false` for plain text (no HTML entities in a subject or a text mail). */
export function compileTemplate(source: string, options: { escape: boolean }): CompiledTemplate {
  const key = `${options.escape ? 'html' : 'text'}:${source}`;
  const known = compiled.get(key);
  if (known !== undefined) return known;
  const template = compileUncached(source, options);
  compiled.set(key, template);
  return template;
}

function compileUncached(source: string, options: { escape: boolean }): CompiledTemplate {
  let template: Handlebars.TemplateDelegate;
  try {
    template = runtime.compile(source, { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, strict: false, noEscape: !options.escape });
  } catch (error) {
    throw failure(error);
  }
  return (context) => {
    try {
      // Explicitly off (it is the default): inherited properties render as nothing, without a console warning.
      return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (error) {
      throw failure(error);
    }
  };
}
