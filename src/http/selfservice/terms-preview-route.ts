/**
 * `POST /openidm/selfservice/terms?_action=preview` (administrators): renders draft terms Markdown
 * to the same sanitized HTML the public terms endpoint and the journey pages serve, so the admin
 * app's editor previews exactly what users will read. Nothing is stored. The body is
 * `{"terms": "<Markdown>"}` (at most 200,000 characters); anything else is a 400 saying why.
 */
import type { FastifyInstance } from 'fastify';
import { renderTermsHtml } from '../../selfservice/terms/render-terms-html.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { selfServiceRoute } from './self-service-route.ts';

/** The longest Markdown the preview renders. */
export const MAX_PREVIEW_LENGTH = 200_000;

/** The Markdown of a preview request body; a 400 naming the problem otherwise. */
export function previewMarkdownOf(body: unknown, action: unknown): string {
  if (action !== 'preview') throw httpError(400, 'Unknown action: use ?_action=preview');
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, 'terms')) {
    throw httpError(400, 'The body must be {"terms": "<Markdown>"}', { field: 'terms' });
  }
  const terms: unknown = (body as Record<string, unknown>).terms;
  if (typeof terms !== 'string') throw httpError(400, 'terms must be a string of Markdown', { field: 'terms' });
  if (terms.length > MAX_PREVIEW_LENGTH) throw httpError(400, `terms must be at most ${MAX_PREVIEW_LENGTH} characters`, { field: 'terms' });
  return terms;
}

/** Registers the terms preview route. */
export function registerTermsPreviewRoute(app: FastifyInstance, deps: AppDeps): void {
  app.post(
    '/openidm/selfservice/terms',
    { bodyLimit: 1_048_576 },
    selfServiceRoute(deps, 'admin', async (request, reply) => {
      const query = request.query as Record<string, unknown> | undefined;
      const markdown = previewMarkdownOf(request.body, query !== undefined && Object.hasOwn(query, '_action') ? query._action : undefined);
      return reply.send({ termsHtml: renderTermsHtml(markdown) });
    }),
  );
}
