/**
 * PollingWaitCallback on a page: its message, and the form posts the step again after `waitTime`
 * milliseconds (the page script does it by itself; without JavaScript the person presses "Check
 * again" when ready). The wait is bounded to one second … ten minutes.
 */
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { outputValue } from './callback-values.ts';
import { escapeHtml, textOf } from './html-escape.ts';
import type { CallbackText } from './render-consent-mapping.ts';

/** The wait of `callback` in milliseconds, between 1 s and 10 min (8 s when unreadable). */
export function pollingWaitMs(callback: CallbackJson): number {
  const value = Number(textOf(outputValue(callback, 'waitTime')));
  if (!Number.isFinite(value)) return 8000;
  return Math.min(600_000, Math.max(1000, Math.round(value)));
}

/** The message and the polling button of `callback`. */
export function pollingWaitField(callback: CallbackJson, t: CallbackText): string {
  const waitMs = pollingWaitMs(callback);
  const text = textOf(outputValue(callback, 'message')) || t('pollingWait');
  return (
    `<div class="polling" data-poll-ms="${waitMs}"><p class="message info" role="status">${escapeHtml(text)}</p>` +
    `<p class="hint" data-poll-auto hidden>${escapeHtml(t('pollingAuto', { seconds: Math.round(waitMs / 1000) }))}</p>` +
    `<div class="actions"><button type="submit">${escapeHtml(t('pollingContinue'))}</button></div></div>`
  );
}
