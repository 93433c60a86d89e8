/**
 * The Self-service section of a realm: which journey each self-service function of the end-user
 * UI runs (AM's Self Service Trees service), chosen among the realm's journeys; endpoints of one's
 * own added or removed; saved whole, with the server's answer (or refusal) shown.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { AmRequestError, listJourneys } from './am-client.ts';
import type { MappingRow } from './self-service-model.ts';
import { endpointProblem, mappingBody, missingJourneys, rowsOf } from './self-service-model.ts';
import { readSelfServiceTrees, saveSelfServiceTrees } from './self-service-client.ts';
import './self-service.css';

/** The section for `realm`. */
export function SelfServiceView(props: { realm: string; onError: (error: unknown) => void }): ReactElement {
  const [rows, setRows] = useState<MappingRow[] | undefined>(undefined);
  const [journeys, setJourneys] = useState<string[]>([]);
  const [added, setAdded] = useState('');
  const [addProblem, setAddProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    Promise.all([readSelfServiceTrees(props.realm), listJourneys(props.realm)]).then(
      ([mapping, list]) => {
        if (!current) return;
        setJourneys(list.map((journey) => journey.name));
        setRows(rowsOf(mapping));
      },
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.onError]);

  function choose(endpoint: string, journey: string): void {
    setNotice('');
    setRows((old) => old?.map((row) => (row.endpoint === endpoint ? { ...row, journey } : row)));
  }

  function add(event: FormEvent): void {
    event.preventDefault();
    if (rows === undefined) return;
    const name = added.trim();
    const found = endpointProblem(name, rows);
    setAddProblem(found ?? '');
    if (found !== undefined) return;
    setRows([...rows, { endpoint: name, label: name, description: 'An endpoint of your own.', journey: journeys[0] ?? '', known: false }]);
    setAdded('');
    setNotice('');
  }

  async function save(): Promise<void> {
    if (rows === undefined || busy) return;
    setBusy(true);
    setNotice('');
    setProblem('');
    try {
      setRows(rowsOf(await saveSelfServiceTrees(props.realm, mappingBody(rows))));
      setNotice('Saved.');
    } catch (error) {
      if (error instanceof AmRequestError && error.status !== 401 && error.status !== 0) setProblem(`The server refused the mapping: ${error.message}`);
      else props.onError(error);
    } finally {
      setBusy(false);
    }
  }

  const head = h('div', { className: 'toolbar' }, h('h1', { id: 'self-service-title' }, 'Self-service'));
  if (rows === undefined) return h('section', { className: 'self-service', 'aria-labelledby': 'self-service-title' }, head, h('p', { className: 'self-service-body' }, 'Loading…'));
  const missing = missingJourneys(rows, journeys);

  const select = (row: MappingRow): ReactElement => {
    const id = `journey-of-${row.endpoint}`;
    const options = row.journey !== '' && !journeys.includes(row.journey) ? [row.journey, ...journeys] : journeys;
    return h(
      'select',
      { id, value: row.journey, 'aria-label': `Journey for ${row.label}`, 'aria-invalid': missing.includes(row.endpoint) ? true : undefined, onChange: (event: { target: { value: string } }) => choose(row.endpoint, event.target.value) },
      h('option', { value: '' }, row.known ? '— Not offered —' : '— Remove —'),
      ...options.map((name) => h('option', { key: name, value: name }, journeys.includes(name) ? name : `${name} (not a journey of this realm)`)),
    );
  };

  return h(
    'section',
    { className: 'self-service', 'aria-labelledby': 'self-service-title' },
    head,
    h('p', { className: 'self-service-intro' }, 'Which journey each self-service function of the end-user UI runs in this realm. A function set to “Not offered” is left out of the mapping.'),
    problem === '' ? null : h('p', { className: 'error', role: 'alert' }, problem),
    notice === '' ? null : h('p', { className: 'self-service-notice', role: 'status' }, notice),
    h(
      'div',
      { className: 'self-service-body' },
      h(
        'table',
        null,
        h('thead', null, h('tr', null, h('th', null, 'Function'), h('th', null, 'Endpoint'), h('th', null, 'Journey'))),
        h(
          'tbody',
          null,
          ...rows.map((row) =>
            h(
              'tr',
              { key: row.endpoint },
              h('td', null, h('span', { className: 'function' }, row.label), h('br'), h('small', null, row.description)),
              h('td', null, h('code', null, row.endpoint)),
              h('td', null, select(row), missing.includes(row.endpoint) ? h('small', { className: 'missing' }, 'This journey does not exist in the realm: the function fails until you choose another one.') : null),
            ),
          ),
        ),
      ),
      h(
        'form',
        { className: 'add-endpoint', onSubmit: add, 'aria-label': 'Add an endpoint' },
        h('label', { htmlFor: 'new-endpoint' }, 'New endpoint'),
        h('input', { id: 'new-endpoint', type: 'text', value: added, maxLength: 128, placeholder: 'e.g. device-registration', spellCheck: false, 'aria-describedby': addProblem === '' ? undefined : 'new-endpoint-problem', 'aria-invalid': addProblem === '' ? undefined : true, onChange: (event: { target: { value: string } }) => setAdded(event.target.value) }),
        h('button', { type: 'submit' }, 'Add endpoint'),
        addProblem === '' ? null : h('small', { id: 'new-endpoint-problem', className: 'missing', role: 'alert' }, addProblem),
      ),
      h('div', { className: 'self-service-actions' }, h('button', { type: 'button', className: 'primary', disabled: busy, onClick: () => void save() }, 'Save mapping')),
    ),
  );
}
