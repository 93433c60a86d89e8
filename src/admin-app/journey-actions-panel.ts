/**
 * The pending action of the journeys list, above it: the form that names a journey's copy
 * (`Duplicate`), or the confirmation that names the journey to delete (`Delete`). Each calls
 * the server, then tells the list what happened; a refusal is shown here with the server's words.
 */
import { createElement as h, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { AmRequestError, readJourney } from './am-client.ts';
import { journeyNameProblem } from './editor-new-journey.ts';
import { copyJourney, deleteJourney } from './journey-actions-client.ts';

/** What the list asked for. */
export type PendingAction = { kind: 'duplicate'; name: string } | { kind: 'delete'; name: string };

function failure(error: unknown): string {
  if (error instanceof AmRequestError) return error.problems.length === 0 ? error.message : `${error.message}: ${error.problems.join('; ')}`;
  return 'Arbor cannot be reached';
}

/** The panel; `onDone` gets the sentence to announce, `onCancel` closes it. */
export function JourneyActionsPanel(props: { realm: string; action: PendingAction; onDone: (message: string) => void; onCancel: () => void }): ReactElement {
  const { action } = props;
  const [copyName, setCopyName] = useState(`${action.name} copy`);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<string>): Promise<void> {
    setBusy(true);
    setProblem('');
    try {
      props.onDone(await work());
    } catch (error) {
      setProblem(failure(error));
      setBusy(false);
    }
  }

  async function duplicate(): Promise<string> {
    const refused = journeyNameProblem(copyName);
    if (refused !== '') throw new AmRequestError(400, refused);
    const taken = await readJourney(props.realm, copyName).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AmRequestError && error.status === 404) return false;
        throw error;
      },
    );
    if (taken) throw new AmRequestError(409, `The realm already has a journey named ${copyName}.`);
    await copyJourney(props.realm, action.name, copyName);
    return `Duplicated ${action.name} as ${copyName}.`;
  }

  async function remove(): Promise<string> {
    await deleteJourney(props.realm, action.name);
    return `Deleted ${action.name}.`;
  }

  const error = problem === '' ? null : h('p', { role: 'alert', className: 'invalid' }, problem);
  if (action.kind === 'duplicate') {
    return h(
      'form',
      {
        className: 'journey-action',
        'aria-label': `Duplicate ${action.name}`,
        onSubmit: (event: FormEvent) => {
          event.preventDefault();
          void run(duplicate);
        },
      },
      h('h2', null, `Duplicate ${action.name}`),
      h('p', { className: 'hint' }, 'Its nodes are copied under new ids; the inner trees and scripts it uses are shared, not copied.'),
      h(
        'div',
        { className: 'journey-action-row' },
        h('label', { htmlFor: 'journey-copy-name' }, 'Name of the copy'),
        h('input', { id: 'journey-copy-name', type: 'text', value: copyName, maxLength: 100, autoFocus: true, onChange: (event: { target: { value: string } }) => setCopyName(event.target.value) }),
        h('button', { type: 'submit', className: 'primary', disabled: busy }, 'Duplicate'),
        h('button', { type: 'button', onClick: props.onCancel }, 'Cancel'),
      ),
      error,
    );
  }
  return h(
    'section',
    { className: 'journey-action', role: 'alertdialog', 'aria-labelledby': 'journey-delete-title', 'aria-describedby': 'journey-delete-text' },
    h('h2', { id: 'journey-delete-title' }, `Delete ${action.name}?`),
    h('p', { id: 'journey-delete-text' }, `The journey ${action.name} and its nodes are deleted from this realm. Scripts and inner trees it uses stay. This cannot be undone; export it first to keep a copy.`),
    h(
      'div',
      { className: 'journey-action-row' },
      h('button', { type: 'button', className: 'danger-solid', disabled: busy, onClick: () => void run(remove) }, `Yes, delete ${action.name}`),
      h('button', { type: 'button', onClick: props.onCancel }, 'Cancel'),
    ),
    error,
  );
}
