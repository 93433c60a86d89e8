/**
 * "New script" in the side panel of a node that names a script of the realm (a Scripted Decision,
 * a Configuration Provider): a name and the bindings (next-generation 2.0 or legacy 1.0; the
 * language is JavaScript, the context the node's), then `POST …/scripts?_action=create` with a
 * starter source that chooses one of the node's outcomes (or builds an empty config). The new
 * script's id goes to `onCreated`, which selects it in the node (and so opens it in the script
 * editor). The server's refusals (a name another script has, a bad field) are shown beside the
 * field they concern.
 */
import { createElement as h, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { ScriptWriteError, createScript } from './script-client.ts';
import type { EvaluatorVersion } from './script-starter.ts';
import { newScriptBody, scriptNameProblem, starterOutcome, starterSource } from './script-starter.ts';

type Change = { target: { value: string } };

type Refusal = { name: string; other: string };

const NO_REFUSAL: Refusal = { name: '', other: '' };

/** Where a refusal is shown: beside the name (a clash, a bad name), else under the form. */
function refusalOf(error: unknown): Refusal {
  if (!(error instanceof Error)) return { name: '', other: 'The script was not created' };
  if (error instanceof ScriptWriteError) {
    if (error.status === 409) return { name: error.message, other: '' };
    const named = error.fields.filter((field) => field.field === 'name').map((field) => `The name ${field.reason}.`);
    const others = error.fields.filter((field) => field.field !== 'name').map((field) => `${field.field}: ${field.reason}`);
    if (named.length > 0 || others.length > 0) return { name: named.join(' '), other: others.join('; ') };
  }
  return { name: '', other: error.message };
}

/** The button and, once pressed, the form making a new script of `context` for a node with `config`. */
export function NewScriptForm(props: { realm: string; context: string; config: Record<string, unknown>; onCreated: (id: string) => void; onError: (error: unknown) => void }): ReactElement {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [version, setVersion] = useState<EvaluatorVersion>('2.0');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);

  if (!open) return h('p', { className: 'new-script-open' }, h('button', { type: 'button', onClick: () => setOpen(true) }, 'New script'));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const problem = scriptNameProblem(name);
    if (problem !== '') {
      setRefusal({ name: problem, other: '' });
      return;
    }
    setBusy(true);
    setRefusal(NO_REFUSAL);
    try {
      const source = starterSource(props.context, version, starterOutcome(props.config));
      const created = await createScript(props.realm, newScriptBody({ name: name.trim(), context: props.context, version, source }));
      setOpen(false);
      setName('');
      props.onCreated(created.id);
    } catch (error) {
      if (error instanceof ScriptWriteError && (error.status === 401 || error.status === 403)) props.onError(error);
      else setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  }

  return h(
    'form',
    { className: 'new-script', 'aria-label': 'New script', onSubmit: (event: FormEvent) => void submit(event) },
    h('h3', null, 'New script'),
    h(
      'div',
      { className: 'form-field' },
      h('label', { htmlFor: 'new-script-name' }, 'Script name'),
      h('input', { id: 'new-script-name', type: 'text', value: name, maxLength: 255, autoComplete: 'off', 'aria-invalid': refusal.name !== '', onChange: (event: Change) => setName(event.target.value) }),
      refusal.name === '' ? null : h('small', { className: 'invalid', role: 'alert' }, refusal.name),
    ),
    h(
      'div',
      { className: 'form-field' },
      h('label', { htmlFor: 'new-script-version' }, 'Bindings'),
      h('select', { id: 'new-script-version', value: version, onChange: (event: Change) => setVersion(event.target.value === '1.0' ? '1.0' : '2.0') }, h('option', { value: '2.0' }, 'Next-generation (2.0)'), h('option', { value: '1.0' }, 'Legacy (1.0)')),
      h('small', null, `JavaScript, context ${props.context}`),
    ),
    refusal.other === '' ? null : h('p', { className: 'error', role: 'alert' }, refusal.other),
    h(
      'div',
      { className: 'script-actions' },
      h('button', { type: 'submit', className: 'primary', disabled: busy }, busy ? 'Creating…' : 'Create script'),
      h(
        'button',
        {
          type: 'button',
          onClick: () => {
            setOpen(false);
            setRefusal(NO_REFUSAL);
          },
        },
        'Cancel',
      ),
    ),
  );
}
