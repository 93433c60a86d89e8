/**
 * ReCaptchaCallback on a page (Google reCAPTCHA v2/v3 or hCaptcha, as the CaptchaNode configures
 * it): the provider's widget element with the site key, the provider's script, and the hidden
 * answer the page script fills from the widget (`data-callback="arborCaptchaSolved"`, emptied
 * again by `data-expired-callback="arborCaptchaExpired"`; v3 runs `grecaptcha.execute` on submit).
 * With the callback's `disableSubmission` (a v2 or hCaptcha widget), the box is marked
 * `data-disable-submission` and the page script keeps the form's submit buttons disabled until the
 * widget gives a token; the HTML itself never disables them, so that without JavaScript the page
 * still posts (the server refuses an unsolved CAPTCHA). The page policy then allows that script's
 * origin (and its frames); only https script URLs are used. Without JavaScript the page says the
 * check needs it.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { outputValue } from './callback-values.ts';
import { escapeHtml, textOf } from './html-escape.ts';
import type { CallbackText } from './render-consent-mapping.ts';

const DIV_CLASS = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const SITE_KEY = /^[A-Za-z0-9_-]{1,200}$/;

/** The https script URL of the CAPTCHA, undefined when missing or not https. */
export function captchaScriptUrl(callback: CallbackJson): URL | undefined {
  const value = textOf(outputValue(callback, 'captchaApiUri'));
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'https:' && url.username === '' && url.password === '' ? url : undefined;
}

/** Origins the page policy must allow for the CAPTCHA of `callback`: its script, frames and styles. */
export function captchaSources(callback: CallbackJson): { script: string[]; frame: string[]; style: string[]; connect: string[] } {
  const url = captchaScriptUrl(callback);
  if (url === undefined) return { script: [], frame: [], style: [], connect: [] };
  const host = url.hostname;
  if (host === 'js.hcaptcha.com' || host.endsWith('.hcaptcha.com')) {
    const all = 'https://*.hcaptcha.com';
    return { script: [url.origin, all], frame: [all], style: [all], connect: [all] };
  }
  if (host === 'www.google.com' || host === 'www.recaptcha.net') {
    return { script: [url.origin, 'https://www.gstatic.com'], frame: [url.origin, 'https://recaptcha.google.com'], style: [], connect: [url.origin] };
  }
  return { script: [url.origin], frame: [url.origin], style: [], connect: [url.origin] };
}

/** The CAPTCHA of `callback`, answered as `name`; '' when its configuration is unusable. */
export function captchaField(callback: CallbackJson, name: string, t: CallbackText): string {
  const url = captchaScriptUrl(callback);
  const siteKey = textOf(outputValue(callback, 'recaptchaSiteKey'));
  const divClass = textOf(outputValue(callback, 'captchaDivClass')) || 'g-recaptcha';
  if (url === undefined || !SITE_KEY.test(siteKey) || !DIV_CLASS.test(divClass)) return `<p class="message error" role="alert">${escapeHtml(t('captchaLabel'))}</p>`;
  const v3 = outputValue(callback, 'reCaptchaV3') === true;
  const widget = v3 ? '' : `<div class="${divClass}" data-sitekey="${escapeHtml(siteKey)}" data-callback="arborCaptchaSolved" data-expired-callback="arborCaptchaExpired"></div>`;
  // v3 has no widget to solve: its token is asked for on submit, so the button stays enabled.
  const gate = !v3 && outputValue(callback, 'disableSubmission') === true ? ' data-disable-submission' : '';
  return (
    `<div class="field captcha" role="group" aria-label="${escapeHtml(t('captchaLabel'))}" data-captcha-for="${name}"${v3 ? ` data-v3-sitekey="${escapeHtml(siteKey)}"` : ''}${gate}>` +
    `${widget}<input type="hidden" name="${name}" value="">` +
    `<noscript><p class="message warning">${escapeHtml(t('captchaNeedsScript'))}</p></noscript></div>` +
    `<script src="${escapeHtml(url.href)}" async defer></script>`
  );
}
