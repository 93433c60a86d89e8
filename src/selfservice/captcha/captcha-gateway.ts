/**
 * CAPTCHA verification against the provider's verify URL (reCAPTCHA v2/v3 and hCaptcha share the
 * protocol): POST `secret`, `response`, `remoteip` as a form, read `{success, score?}`. Anything
 * else (network error, timeout, non-2xx, unreadable body) is a failed verification, never a throw.
 */
import type { CaptchaGateway } from '../../journeys/engine/node-context.ts';

/** How long a provider may take to answer. */
export const CAPTCHA_TIMEOUT_MS = 5_000;

/** The largest provider answer read. */
const MAX_BODY_CHARS = 64 * 1024;

/** What the CAPTCHA gateway is built from. */
export interface CaptchaGatewayDeps {
  fetch: typeof fetch;
  /** Defaults to `CAPTCHA_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** The signal that ends a slow request (`AbortSignal.timeout` unless given; tests abort by hand). */
  timeoutSignal?: (ms: number) => AbortSignal;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function parseAnswer(text: string): { success: boolean; score?: number } {
  if (text.length > MAX_BODY_CHARS) return { success: false };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { success: false };
  }
  if (typeof body !== 'object' || body === null) return { success: false };
  const { success, score } = body as { success?: unknown; score?: unknown };
  const result: { success: boolean; score?: number } = { success: success === true };
  if (typeof score === 'number' && Number.isFinite(score)) result.score = score;
  return result;
}

/** Builds the `CaptchaGateway` of the journey node services. */
export function createCaptchaGateway(deps: CaptchaGatewayDeps): CaptchaGateway {
  const timeoutMs = deps.timeoutMs ?? CAPTCHA_TIMEOUT_MS;
  const timeoutSignal = deps.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  return {
    async verify({ verifyUrl, secret, response, remoteIp }) {
      if (response === '' || !isHttpUrl(verifyUrl)) return { success: false };
      const form = new URLSearchParams({ secret, response });
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
          return { success: false };
        }
        return parseAnswer(await answer.text());
      } catch {
        return { success: false };
      }
    },
  };
}
