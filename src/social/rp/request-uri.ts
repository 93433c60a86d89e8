/**
 * The request_uri of a request object passed by reference:
 * `<realm OAuth2 base URL>/request_uri?requestObjectId=<id>`, as AM builds it. Built as a string,
 * never through WHATWG `URL`, which would drop an explicit `:443` — and itsme requires the port to
 * be written out.
 */
import { socialRpError } from './errors.ts';

/** The longest request_uri sent (AM's limit). */
export const MAX_REQUEST_URI_LENGTH = 512;

/** The request_uri for `requestObjectId` under `realmOAuth2BaseUrl` (kept verbatim, trailing slashes aside). */
export function requestUriFor(realmOAuth2BaseUrl: string, requestObjectId: string): string {
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(realmOAuth2BaseUrl)) {
    throw socialRpError('CONFIGURATION_INVALID', 'the realm OAuth2 base URL must be an http(s) URL without query or fragment');
  }
  const uri = `${realmOAuth2BaseUrl.replace(/\/+$/, '')}/request_uri?requestObjectId=${encodeURIComponent(requestObjectId)}`;
  if (uri.length > MAX_REQUEST_URI_LENGTH) {
    throw socialRpError('REQUEST_URI_TOO_LONG', `the request_uri would be ${uri.length} characters, more than ${MAX_REQUEST_URI_LENGTH}`);
  }
  return uri;
}
