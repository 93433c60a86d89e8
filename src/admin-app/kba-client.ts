/**
 * The Security questions section's calls: the `selfservice.kba` document (read, replace: the
 * server validates it and answers 400 naming the field).
 */
import { idmRequest } from './terms-kba-request.ts';

const KBA_CONFIG = '/openidm/config/selfservice.kba';

/** The stored `selfservice.kba` document as the server answers it (parse with `kbaDocumentOf`). */
export function readKbaDocument(): Promise<unknown> {
  return idmRequest('GET', KBA_CONFIG);
}

/** Replaces the document; the server's answer (the stored document). */
export function writeKbaDocument(document: unknown): Promise<unknown> {
  return idmRequest('PUT', KBA_CONFIG, document);
}
