/**
 * AM's native-SDK consent form (Frodo, the Android SDK): `POST <base>/authorize` with the form
 * fields `decision=allow` and `csrf=<the SSO token>`, the authorization parameters (in the form or
 * the query) and the session cookie. oidc-provider takes no POST at its authorization endpoint
 * (it would need `SameSite=None` cookies), so Arbor's route reads the form first: `csrf` must be
 * the token of the request's live Arbor session of the realm (compared in constant time), then
 * the request goes on to the provider as the GET authorization it stands for, with
 * `prompt=none` (a native client shows no page) and the decision attached to the request:
 * `allow` grants the client the scopes asked for this authorization (a 302 to the redirect URI with
 * the code, as AM answers); any other decision is `access_denied`; a wrong or missing csrf (or no
 * session) gives no code: `access_denied`, or `login_required` without a session, as redirect
 * errors of the provider (its own 400 for an unknown client or redirect URI).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ArborLogin } from './arbor-login.ts';

/** What the form decided: allowed, denied by the user, or refused (csrf wrong or missing, no session). */
export type FormDecision = 'allow' | 'deny' | 'refused';

/** The largest form read (oidc-provider's own limit). */
const FORM_LIMIT = 56 * 1024;

/** The most read of a larger body before the connection is dropped. */
const DRAIN_LIMIT = 1024 * 1024;

/** The fields of the form that are AM's, not authorization parameters. */
const FORM_FIELDS = new Set(['decision', 'csrf', 'save_consent']);

const decisions = new WeakMap<IncomingMessage, FormDecision>();

/** The decision of the form `request` came with, when it came with one. */
export function formDecisionOf(request: IncomingMessage): FormDecision | undefined {
  return decisions.get(request);
}

/** Reads a urlencoded body of at most FORM_LIMIT bytes; undefined when larger, of another type, or cut off. */
export async function readFormBody(request: IncomingMessage, limit = FORM_LIMIT): Promise<URLSearchParams | undefined> {
  const type = request.headers['content-type'];
  const isForm = typeof type === 'string' && type.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      // A body somewhat too large is read to its end (the answer can still be sent); a huge one is cut off.
      if (size > DRAIN_LIMIT) return undefined;
      if (size <= limit) chunks.push(buffer);
    }
  } catch {
    return undefined;
  }
  return isForm && size <= limit ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : undefined;
}

/** True when `given` is `token` (constant time in the value). */
export function sameToken(given: string, token: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return given !== '' && timingSafeEqual(digest(given), digest(token));
}

function single(form: URLSearchParams, name: string): string | undefined {
  const values = form.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}

/**
 * Turns the decision form `request` (at `path`, the provider's authorization path) into the
 * provider's GET authorization, the decision attached; `login` is the request's Arbor sign-in of
 * this realm, if any.
 */
export async function acceptDecisionForm(request: IncomingMessage, path: string, login: ArborLogin | undefined): Promise<FormDecision> {
  const form = await readFormBody(request);
  const query = URL.parse(request.url ?? '/', 'http://arbor')?.searchParams ?? new URLSearchParams();
  const csrf = form === undefined ? undefined : single(form, 'csrf');
  const valid = login !== undefined && csrf !== undefined && csrf.length <= 1024 && sameToken(csrf, login.token);
  const decision: FormDecision = !valid ? 'refused' : form !== undefined && single(form, 'decision') === 'allow' ? 'allow' : 'deny';
  const params = new URLSearchParams();
  const bodyNames = new Set(form === undefined ? [] : [...form.keys()]);
  for (const [name, value] of query) if (!bodyNames.has(name) && !FORM_FIELDS.has(name) && name !== 'prompt') params.append(name, value);
  for (const [name, value] of form ?? []) if (!FORM_FIELDS.has(name) && name !== 'prompt') params.append(name, value);
  params.set('prompt', 'none');
  Object.assign(request, { method: 'GET', url: `${path}?${params.toString()}` });
  decisions.set(request, decision);
  return decision;
}
