/** The status line of a card of the user's page: a problem (`role="alert"`) or a notice (`role="status"`). */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';

/** What a card last said. */
export interface CardStatus {
  notice: string;
  problem: string;
}

export const QUIET_STATUS: CardStatus = { notice: '', problem: '' };

/** The line for `status`, or nothing. */
export function cardStatus(status: CardStatus): ReactElement | null {
  if (status.problem !== '') return h('p', { className: 'error', role: 'alert' }, status.problem);
  if (status.notice !== '') return h('p', { className: 'notice', role: 'status' }, status.notice);
  return null;
}
