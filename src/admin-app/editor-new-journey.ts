/**
 * The "New journey" form above the journeys list: a name (1 to 100 characters, no `/`, not a
 * journey the realm already has); `onCreate` then opens the empty journey in the editor, drawn with
 * Start, Success and Failure. Nothing is written until the editor saves it.
 */
import { createElement as h, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { AmRequestError, readJourney } from './am-client.ts';

/** Why `name` cannot name a new journey, or `''`. */
export function journeyNameProblem(name: string): string {
  if (name.trim() === '') return 'Give the journey a name.';
  if (name !== name.trim()) return 'The name cannot start or end with a space.';
  if (name.length > 100) return 'The name is longer than 100 characters.';
  if (/[/\\?#%]/.test(name)) return 'The name cannot hold / \\ ? # or %.';
  return '';
}

/** The form; `onCreate` gets the new journey's name. */
export function NewJourneyForm(props: { realm: string; onCreate: (name: string) => void }): ReactElement {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState('');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const refused = journeyNameProblem(name);
    if (refused !== '') {
      setProblem(refused);
      return;
    }
    try {
      await readJourney(props.realm, name);
      setProblem(`The realm already has a journey named ${name}.`);
    } catch (error) {
      if (error instanceof AmRequestError && error.status === 404) props.onCreate(name);
      else setProblem(error instanceof Error ? error.message : 'Arbor cannot be reached');
    }
  }

  return h(
    'form',
    { className: 'new-journey', onSubmit: (event: FormEvent) => void submit(event) },
    h('label', { htmlFor: 'new-journey-name' }, 'New journey'),
    h('input', { id: 'new-journey-name', type: 'text', placeholder: 'Name', value: name, maxLength: 100, onChange: (event: { target: { value: string } }) => setName(event.target.value) }),
    h('button', { type: 'submit' }, 'Create'),
    problem === '' ? null : h('span', { className: 'invalid', role: 'alert' }, problem),
  );
}
