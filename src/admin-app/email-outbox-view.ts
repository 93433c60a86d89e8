/**
 * The outbox tab: messages newest first, 20 a page, filtered by state, with their delivery state
 * in words (attempts, last error, times) and "Retry now" for a failing one; and one message's page,
 * the only place its body is shown (it may hold a one-time link), HTML in a sandboxed frame.
 * Both refresh every few seconds while open.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { listOutbox, readOutboxMessage, retryOutboxMessage } from './email-client.ts';
import type { EmailPlace, OutboxEntry, OutboxStatus } from './email-model.ts';
import { OUTBOX_STATUSES, deliveryText, timeText } from './email-model.ts';
import { EmailHtmlFrame } from './email-html-frame.ts';
import { IdmRequestError } from './idm-client.ts';

const PAGE_SIZE = 20;
const REFRESH_MS = 4000;

/** The tab: the list, or message `id`. */
export function EmailOutboxView(props: { id: string | undefined; open: (place: EmailPlace) => void; onError: (error: unknown) => void }): ReactElement {
  if (props.id !== undefined) return h(OutboxMessageView, { key: props.id, id: props.id, onBack: () => props.open({ tab: 'outbox' }), onError: props.onError });
  return h(OutboxList, { onOpen: (id: string) => props.open({ tab: 'outbox', id }), onError: props.onError });
}

/** Runs `load` now, again every few seconds and on demand (`reload`). */
function useRefreshing(load: () => Promise<void>): () => void {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, tick]);
  return useCallback(() => setTick((value) => value + 1), []);
}

function statusBadge(entry: OutboxEntry): ReactElement {
  const failing = entry.status === 'pending' && entry.attempts > 0;
  return h('span', { className: `badge status-${failing ? 'failing' : entry.status}` }, failing ? 'failing' : entry.status);
}

function OutboxList(props: { onOpen: (id: string) => void; onError: (error: unknown) => void }): ReactElement {
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ entries: OutboxEntry[]; hasMore: boolean } | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: 'status' | 'alert'; text: string } | undefined>(undefined);
  const { onError } = props;

  const load = useCallback(async () => {
    try {
      setPage(await listOutbox(status, { size: PAGE_SIZE, offset }));
    } catch (error) {
      onError(error);
    }
  }, [status, offset, onError]);
  const reload = useRefreshing(load);

  async function retry(entry: OutboxEntry): Promise<void> {
    try {
      await retryOutboxMessage(entry.id);
      setNotice({ kind: 'status', text: `"${entry.subject}" to ${entry.to.join(', ')} is due now; the mail worker sends it within 10 seconds.` });
    } catch (error) {
      if (error instanceof IdmRequestError && error.status === 409) setNotice({ kind: 'alert', text: error.message });
      else props.onError(error);
    }
    reload();
  }

  return h(
    'div',
    { className: 'email-body journeys' },
    h(
      'div',
      { className: 'outbox-filter' },
      h('label', { htmlFor: 'outbox-status' }, 'State'),
      h(
        'select',
        { id: 'outbox-status', value: status, onChange: (event: { target: { value: string } }) => { const next = OUTBOX_STATUSES.find((value) => value === event.target.value); setStatus(next ?? ''); setOffset(0); setPage(undefined); } },
        h('option', { value: '' }, 'All'),
        ...OUTBOX_STATUSES.map((value) => h('option', { key: value, value }, value)),
      ),
      h('button', { type: 'button', onClick: reload }, 'Refresh'),
    ),
    notice === undefined ? null : h('p', { className: notice.kind === 'alert' ? 'error' : 'delivery', role: notice.kind }, notice.text),
    page === undefined
      ? h('p', null, 'Loading…')
      : page.entries.length === 0
        ? h('p', null, status === '' && offset === 0 ? 'The outbox is empty.' : 'No message in this state.')
        : h(
            'div',
            null,
            h(
              'table',
              null,
              h('thead', null, h('tr', null, h('th', null, 'Queued'), h('th', null, 'To'), h('th', null, 'Subject'), h('th', null, 'State'), h('th', null, 'Attempts'), h('th', null, 'Delivery'), h('th', null, h('span', { className: 'visually-hidden' }, 'Actions')))),
              h(
                'tbody',
                null,
                ...page.entries.map((entry) =>
                  h(
                    'tr',
                    { key: entry.id, 'data-id': entry.id },
                    h('td', { className: 'when' }, timeText(entry.createdAt)),
                    h('td', null, entry.to.join(', ')),
                    h('td', null, h('button', { type: 'button', className: 'link', onClick: () => props.onOpen(entry.id) }, entry.subject || '(no subject)')),
                    h('td', null, statusBadge(entry)),
                    h('td', null, String(entry.attempts)),
                    h('td', { className: 'description' }, deliveryText(entry)),
                    h('td', null, entry.retryable ? h('button', { type: 'button', onClick: () => void retry(entry), 'aria-label': `Retry now: ${entry.subject}` }, 'Retry now') : null),
                  ),
                ),
              ),
            ),
            h(
              'div',
              { className: 'toolbar pager' },
              h('span', null, `${offset + 1}–${offset + page.entries.length}`),
              h('button', { type: 'button', disabled: offset === 0, onClick: () => setOffset(Math.max(0, offset - PAGE_SIZE)) }, 'Previous'),
              h('button', { type: 'button', disabled: !page.hasMore, onClick: () => setOffset(offset + PAGE_SIZE) }, 'Next'),
            ),
          ),
  );
}

function row(label: string, value: string | ReactElement): ReactElement {
  return h('div', { className: 'row' }, h('dt', null, label), h('dd', null, value));
}

function OutboxMessageView(props: { id: string; onBack: () => void; onError: (error: unknown) => void }): ReactElement {
  const [entry, setEntry] = useState<OutboxEntry | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: 'status' | 'alert'; text: string } | undefined>(undefined);
  const { id, onError } = props;
  const load = useCallback(async () => {
    try {
      setEntry(await readOutboxMessage(id));
    } catch (error) {
      onError(error);
    }
  }, [id, onError]);
  const reload = useRefreshing(load);

  async function retry(): Promise<void> {
    try {
      setEntry(await retryOutboxMessage(id));
      setNotice({ kind: 'status', text: 'Due now: the mail worker sends it within 10 seconds.' });
    } catch (error) {
      if (error instanceof IdmRequestError && error.status === 409) setNotice({ kind: 'alert', text: error.message });
      else props.onError(error);
    }
    reload();
  }

  if (entry === undefined) return h('p', { className: 'email-body' }, 'Loading…');
  return h(
    'div',
    { className: 'email-body' },
    h('div', { className: 'template-head' }, h('button', { type: 'button', className: 'link', onClick: props.onBack }, '← Outbox'), h('h2', null, entry.subject || '(no subject)')),
    h(
      'div',
      { className: 'email-card' },
      h(
        'dl',
        { className: 'message-facts' },
        row('State', h('span', null, statusBadge(entry), ' ', h('span', { role: 'status', 'data-testid': 'delivery' }, deliveryText(entry)))),
        row('Attempts', String(entry.attempts)),
        entry.lastError === '' ? null : row('Last error', entry.lastError),
        row('Queued', timeText(entry.createdAt)),
        entry.nextAttemptAt === '' ? null : row('Next attempt', timeText(entry.nextAttemptAt)),
        entry.sentAt === '' ? null : row('Delivered', timeText(entry.sentAt)),
        row('From', entry.from),
        row('To', entry.to.join(', ')),
        entry.cc.length === 0 ? null : row('Cc', entry.cc.join(', ')),
        entry.bcc.length === 0 ? null : row('Bcc', entry.bcc.join(', ')),
        entry.template === '' ? null : row('Template', entry.locale === '' ? entry.template : `${entry.template} (${entry.locale})`),
        row('Format', entry.contentType === 'text/html' ? 'HTML with a plain-text alternative' : 'Plain text'),
        row('Id', h('code', null, entry.id)),
      ),
      h('div', { className: 'actions' }, entry.retryable ? h('button', { type: 'button', className: 'primary', onClick: () => void retry() }, 'Retry now') : null, h('button', { type: 'button', onClick: reload }, 'Refresh')),
      notice === undefined ? null : h('p', { className: notice.kind === 'alert' ? 'error' : 'delivery', role: notice.kind }, notice.text),
    ),
    h(
      'div',
      { className: 'email-card' },
      h('h3', null, 'Body'),
      entry.body === undefined
        ? h('p', { className: 'hint' }, entry.bodyKept ? 'The body cannot be opened (another master key).' : 'The body is no longer kept: Arbor drops it, with its links, once a message is sent or given up.')
        : h(
            'div',
            null,
            h('p', { className: 'hint' }, 'The body may hold a one-time link (a password reset, a registration): do not share it.'),
            entry.body.html === undefined ? null : h(EmailHtmlFrame, { title: 'Message body', html: entry.body.html }),
            h('details', { open: entry.body.html === undefined }, h('summary', null, 'Plain text'), h('pre', { className: 'preview-text' }, entry.body.text)),
          ),
    ),
  );
}
