/**
 * The Audit section: a tab per topic (`#/<realm>/audit/<topic>`), filters (user, outcome, a date
 * range), the realm's events newest first a page at a time, and an event's details: every field,
 * and for activity and configuration the differences between before and after.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { SectionProps } from './admin-section.ts';
import type { AuditPage } from './audit-client.ts';
import { queryAudit } from './audit-client.ts';
import type { AuditFilters, AuditRow, AuditTab } from './audit-model.ts';
import { AUDIT_TABS, NO_FILTERS, auditChanges, auditFilter, detailFields, filtersProblem, shownTime, summaryOf, whoOf } from './audit-model.ts';
import { IdmRequestError } from './idm-client.ts';
import './audit.css';

const PAGE_SIZE = 20;

function tabOf(path: string[]): AuditTab {
  return AUDIT_TABS.find((tab) => tab.topic === path[0])?.topic ?? 'authentication';
}

function Details(props: { row: AuditRow; onClose: () => void }): ReactElement {
  const { row } = props;
  const changes = row.topic === 'activity' || row.topic === 'config' ? auditChanges(row.event) : [];
  const fields = detailFields(row.event);
  return h(
    'aside',
    { className: 'audit-details', 'aria-labelledby': 'audit-details-title' },
    h('div', { className: 'panel-head' }, h('h2', { id: 'audit-details-title' }, summaryOf(row)), h('button', { type: 'button', onClick: props.onClose }, 'Close details')),
    h('dl', null, ...fields.flatMap(([name, value]) => [h('dt', { key: `t-${name}` }, name), h('dd', { key: `d-${name}` }, value)])),
    row.topic === 'activity' || row.topic === 'config'
      ? h(
          'section',
          { 'aria-labelledby': 'audit-changes-title' },
          h('h3', { id: 'audit-changes-title' }, 'Changes'),
          changes.length === 0
            ? h('p', null, 'No property changed (secrets are never shown).')
            : h(
                'table',
                { className: 'audit-diff' },
                h('thead', null, h('tr', null, h('th', null, 'Property'), h('th', null, 'Before'), h('th', null, 'After'))),
                h(
                  'tbody',
                  null,
                  ...changes.map((change) =>
                    h('tr', { key: change.path }, h('td', null, change.path), h('td', { className: 'before' }, change.before === '' ? '—' : change.before), h('td', { className: 'after' }, change.after === '' ? '—' : change.after)),
                  ),
                ),
              ),
        )
      : null,
  );
}

/** The section's view. */
export function AuditView(props: SectionProps): ReactElement {
  const tab = tabOf(props.path);
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [selected, setSelected] = useState<AuditRow | undefined>(undefined);
  const { onError, realm } = props;

  useEffect(() => {
    let current = true;
    setPage(undefined);
    setProblem('');
    queryAudit(tab, auditFilter(tab, realm, filters), { size: PAGE_SIZE, offset }).then(
      (answer) => current && setPage(answer),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof IdmRequestError && error.status === 400) setProblem(error.message);
        else onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [tab, realm, filters, offset, onError]);

  function apply(event: FormEvent): void {
    event.preventDefault();
    const wrong = filtersProblem(draft);
    if (wrong !== undefined) {
      setProblem(wrong);
      return;
    }
    setSelected(undefined);
    setOffset(0);
    setFilters({ ...draft });
  }

  function open(topic: AuditTab): void {
    setSelected(undefined);
    setOffset(0);
    props.go([topic]);
  }

  const input = (label: string, key: 'user' | 'from' | 'to', type: string, placeholder: string): ReactElement =>
    h(
      'label',
      { className: 'field' },
      label,
      h('input', { type, value: draft[key], placeholder, maxLength: 200, onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }) }),
    );

  const rows = page?.rows ?? [];
  return h(
    'section',
    { className: 'journeys audit', 'aria-labelledby': 'audit-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'audit-title' }, 'Audit')),
    h(
      'div',
      { className: 'audit-tabs', role: 'tablist', 'aria-label': 'Audit topics' },
      ...AUDIT_TABS.map((entry) => h('button', { key: entry.topic, type: 'button', role: 'tab', 'aria-selected': entry.topic === tab, onClick: () => open(entry.topic) }, entry.label)),
    ),
    h(
      'form',
      { className: 'audit-filters', role: 'search', 'aria-label': 'Filter events', onSubmit: apply },
      tab === 'access' ? null : input('User', 'user', 'search', 'User name contains…'),
      tab === 'authentication'
        ? h(
            'label',
            { className: 'field' },
            'Outcome',
            h(
              'select',
              { value: draft.outcome, onChange: (event: { target: { value: string } }) => setDraft({ ...draft, outcome: event.target.value }) },
              h('option', { value: '' }, 'Any'),
              h('option', { value: 'SUCCESS' }, 'Success'),
              h('option', { value: 'FAILURE' }, 'Failure'),
            ),
          )
        : null,
      input('From (UTC)', 'from', 'date', 'YYYY-MM-DD'),
      input('To (UTC)', 'to', 'date', 'YYYY-MM-DD'),
      h('button', { type: 'submit' }, 'Filter'),
      h('button', { type: 'button', onClick: () => (setDraft(NO_FILTERS), setFilters(NO_FILTERS), setOffset(0)) }, 'Clear'),
    ),
    problem === '' ? null : h('p', { className: 'error', role: 'alert' }, problem),
    h(
      'div',
      { className: 'audit-body' },
      h(
        'div',
        { className: 'audit-list' },
        page === undefined
          ? problem === ''
            ? h('p', { role: 'status' }, 'Loading…')
            : null
          : rows.length === 0
            ? h('p', { role: 'status' }, 'No event matches.')
            : h(
                'div',
                null,
                h(
                  'table',
                  null,
                  h('thead', null, h('tr', null, h('th', null, 'Time'), h('th', null, tab === 'access' ? 'Client' : 'User'), h('th', null, 'Event'), h('th', null, h('span', { className: 'visually-hidden' }, 'Details')))),
                  h(
                    'tbody',
                    null,
                    ...rows.map((row) =>
                      h(
                        'tr',
                        { key: row.id, className: [selected?.id === row.id ? 'selected' : '', row.event.outcome === 'FAILURE' ? 'failure' : ''].join(' ').trim() || undefined },
                        h('td', { className: 'time' }, shownTime(row.timestamp)),
                        h('td', null, whoOf(row)),
                        h('td', null, summaryOf(row)),
                        h('td', null, h('button', { type: 'button', className: 'link', 'aria-label': `Details of ${summaryOf(row)} at ${shownTime(row.timestamp)}`, onClick: () => setSelected(row) }, 'Details')),
                      ),
                    ),
                  ),
                ),
                h(
                  'div',
                  { className: 'toolbar pager' },
                  h('span', { role: 'status' }, `Events ${offset + 1}–${offset + rows.length}, newest first`),
                  h('button', { type: 'button', disabled: offset === 0, onClick: () => setOffset(Math.max(0, offset - PAGE_SIZE)) }, 'Newer'),
                  h('button', { type: 'button', disabled: !page.more, onClick: () => setOffset(offset + PAGE_SIZE) }, 'Older'),
                ),
              ),
      ),
      selected === undefined ? null : h(Details, { row: selected, onClose: () => setSelected(undefined) }),
    ),
  );
}
