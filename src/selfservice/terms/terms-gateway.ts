/**
 * The journeys' terms service: the active version of `selfservice.terms` in the request's best
 * locale, as Markdown and as sanitized HTML. Renders are cached per text (terms rarely change and
 * are read on every registration step that shows them). The Markdown renderer and the sanitizer
 * are loaded with the first render, not when Arbor starts.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import { localize } from '../../journeys/engine/localize.ts';
import type { ActiveTerms, TermsGateway } from '../../journeys/engine/node-context.ts';
import type { TermsConfig, TermsVersion } from './terms-config.ts';
import { readTermsConfig } from './terms-config.ts';

const MAX_CACHED_RENDERS = 50;

/** The active version, or undefined when none is (or none is stored). */
export function activeVersion(config: TermsConfig | undefined): TermsVersion | undefined {
  if (config?.active === undefined) return undefined;
  return config.versions.find((version) => version.version === config.active);
}

/** Builds the `TermsGateway` of the journey node services. */
export function createTermsGateway(deps: { configs: ConfigRepository }): TermsGateway & { document(): Promise<TermsConfig | undefined> } {
  const renders = new Map<string, string>();
  let renderer: Promise<(markdown: string) => string> | undefined;
  const render = async (markdown: string): Promise<string> => {
    const cached = renders.get(markdown);
    if (cached !== undefined) return cached;
    renderer ??= import('./render-terms-html.ts').then((module) => module.renderTermsHtml);
    const html = (await renderer)(markdown);
    if (renders.size >= MAX_CACHED_RENDERS) renders.delete(renders.keys().next().value ?? '');
    renders.set(markdown, html);
    return html;
  };
  return {
    document: () => readTermsConfig(deps.configs),
    async active(locales): Promise<ActiveTerms | undefined> {
      const version = activeVersion(await readTermsConfig(deps.configs));
      if (version === undefined) return undefined;
      const terms = localize(version.termsTranslations, locales) ?? '';
      return { version: version.version, terms, html: await render(terms), createDate: version.createDate };
    },
  };
}
