/**
 * CAPTCHA verification against the provider's verify URL (reCAPTCHA v2/v3 and hCaptcha share the
 * protocol): POST `secret`, `response`, `remoteip` as a form, read `{success, score?}`. The node's
 * secret key comes sealed with the master key (its `secretConfig`) and is opened here, just before
 * the call; a value that is not sealed text (a journey stored before the key was sealed, until it
 * is written again) is used as is. Anything else (the key not opening: another master key or a
 * damaged value; network error, timeout, non-2xx, unreadable body) is a failed verification, never
 * a throw, and its reason is told to `onFailure` (the operator's log) with the verify URL without
 * its query, never the secret or the user's token. The provider refusing a token is not a failure
 * of this kind.
 */
import type { CaptchaGateway } from '../../journeys/engine/node-context.ts';
import { isSecretsError } from '../../secrets/errors.ts';
import { isSealedText, type SecretSealer } from '../../secrets/secret-sealer.ts';

/** Why a verification could not be made: the verify URL (origin and path only) and the reason. */
export interface CaptchaFailure {
  verifyUrl: string;
  reason: string;
}

/** How long a provider may take to answer. */
export const CAPTCHA_TIMEOUT_MS = 5_000;

/** The largest provider answer read. */
const MAX_BODY_CHARS = 64 * 1024;

/** What the CAPTCHA gateway is built from. */
export interface CaptchaGatewayDeps {
  fetch: typeof fetch;
  /** Opens the nodes' sealed secret keys (the master key's sealer). */
  sealer: Pick<SecretSealer, 'open'>;
  /** Defaults to `CAPTCHA_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** The signal that ends a slow request (`AbortSignal.timeout` unless given; tests abort by hand). */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** Told why a verification could not be made (the provider down, slow, answering an error or nonsense). */
  onFailure?: (failure: CaptchaFailure) => void;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** `url` as it may be logged: origin and path, no credentials, query or fragment. */
function shownUrl(url: string): string {
  if (!URL.canParse(url)) return url.slice(0, 200);
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`.slice(0, 500);
}

/** Why a fetch failed, in words (`timed out`, `ECONNREFUSED`). */
function fetchProblem(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `the provider did not answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause !== undefined && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return `the provider could not be reached (${code ?? (error instanceof Error ? error.message.slice(0, 200) : 'network error')})`;
}

function parseAnswer(text: string): { success: boolean; score?: number; problem?: string } {
  if (text.length > MAX_BODY_CHARS) return { success: false, problem: `the provider's answer is over ${MAX_BODY_CHARS} characters` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { success: false, problem: "the provider's answer is not JSON" };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { success: false, problem: "the provider's answer is not a JSON object" };
  const { success, score } = body as { success?: unknown; score?: unknown };
  const result: { success: boolean; score?: number } = { success: success === true };
  if (typeof score === 'number' && Number.isFinite(score)) result.score = score;
  return result;
}

/** The secret key in clear: opened when sealed, as it is when stored before keys were sealed. */
function openSecret(sealer: Pick<SecretSealer, 'open'>, secret: { sealed: string; purpose: string }): { ok: true; secret: string } | { ok: false; reason: string } {
  if (!isSealedText(secret.sealed)) return { ok: true, secret: secret.sealed };
  try {
    return { ok: true, secret: sealer.open(secret.sealed, secret.purpose) };
  } catch (error) {
    const code = isSecretsError(error) ? error.code : 'CIPHERTEXT_INVALID';
    const why = code === 'MASTER_KEY_MISMATCH' ? 'it was sealed with another master key' : 'it is damaged or sealed for another node';
    return { ok: false, reason: `the node's secret key could not be opened (${code}: ${why}; set secretKey again)` };
  }
}

/** Builds the `CaptchaGateway` of the journey node services. */
export function createCaptchaGateway(deps: CaptchaGatewayDeps): CaptchaGateway {
  const timeoutMs = deps.timeoutMs ?? CAPTCHA_TIMEOUT_MS;
  const timeoutSignal = deps.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  const failed = (verifyUrl: string, reason: string): { success: false } => {
    deps.onFailure?.({ verifyUrl: shownUrl(verifyUrl), reason });
    return { success: false };
  };
  return {
    async verify({ verifyUrl, secret, response, remoteIp }) {
      if (response === '') return { success: false };
      if (!isHttpUrl(verifyUrl)) return failed(verifyUrl, 'the verify URL is not an http(s) URL');
      const opened = openSecret(deps.sealer, secret);
      if (!opened.ok) return failed(verifyUrl, opened.reason);
      const form = new URLSearchParams({ secret: opened.secret, response });
      if (remoteIp !== '') form.set('remoteip', remoteIp);
      try {
        const answer = await deps.fetch(verifyUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          redirect: 'error',
          signal: timeoutSignal(timeoutMs),
        });
        if (!answer.ok) {
          await answer.body?.cancel();
          return failed(verifyUrl, `the provider answered HTTP ${answer.status}`);
        }
        const { problem, ...result } = parseAnswer(await answer.text());
        return problem === undefined ? result : failed(verifyUrl, problem);
      } catch (error) {
        return failed(verifyUrl, fetchProblem(error, timeoutMs));
      }
    },
  };
}
