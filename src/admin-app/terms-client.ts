/**
 * The Terms section's calls: the `selfservice.terms` document (read, replace: the server checks
 * the lifecycle rules and answers 400/409 with its reason) and the preview of a draft's Markdown
 * as the sanitized HTML users will read (`POST /openidm/selfservice/terms?_action=preview`).
 */
import { isRecord, own } from './am-client.ts';
import { idmRequest } from './terms-kba-request.ts';

const TERMS_CONFIG = '/openidm/config/selfservice.terms';

/** The stored `selfservice.terms` document as the server answers it (parse with `termsDocumentOf`). */
export function readTermsDocument(): Promise<unknown> {
  return idmRequest('GET', TERMS_CONFIG);
}

/** Replaces the document; the server's answer (the stored document). */
export function writeTermsDocument(document: unknown): Promise<unknown> {
  return idmRequest('PUT', TERMS_CONFIG, document);
}

/** The sanitized HTML of `markdown`, rendered by the server as users will see it. */
export async function previewTerms(markdown: string): Promise<string> {
  const answer = await idmRequest('POST', '/openidm/selfservice/terms?_action=preview', { terms: markdown });
  const html = isRecord(answer) ? own(answer, 'termsHtml') : undefined;
  return typeof html === 'string' ? html : '';
}
