/**
 * The editor's side panel: the selected node's display name and settings, as a form generated
 * from its type's schema (`?_action=schema`, read once per type), its live outcomes, the problems
 * a refused save named it in, and a button deleting it. Each valid change is handed to
 * `onChange`; a number or JSON that does not parse is shown as such and not handed on. A Page
 * node lists its children (`page-children-view.ts`); a child opens in this same panel (`page`:
 * the page it is on, a way back to it, and "Remove from page" instead of "Delete node"). An Inner
 * Tree Evaluator links to the journey it runs; a Scripted Decision or Configuration Provider shows
 * its script in the script editor and makes a new one ("New script"). `revision` changes when undo
 * or redo replaced the config, so that the fields show it again.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { NodeType } from './editor-client.ts';
import { nodeSchema } from './editor-client.ts';
import { hashOf } from './admin-section.ts';
import { innerJourney, scriptOf } from './editor-journey-model.ts';
import type { EditorBox } from './editor-model.ts';
import { PAGE_NODE_TYPE } from './editor-model.ts';
import type { FormField } from './node-form-model.ts';
import { fieldValue, formFields, inputText } from './node-form-model.ts';
import type { ChildChange } from './page-children-view.ts';
import { PageChildrenView } from './page-children-view.ts';
import { ScriptEditor } from './script-editor-view.ts';
import { NewScriptForm } from './script-new-form.ts';
import { configWithScript, scriptContextOf } from './script-starter.ts';

const schemas = new Map<string, Promise<FormField[]>>();

function fieldsOf(realm: string, nodeType: string): Promise<FormField[]> {
  const key = `${realm}\n${nodeType}`;
  let found = schemas.get(key);
  if (found === undefined) {
    found = nodeSchema(realm, nodeType).then(formFields);
    found.catch(() => schemas.delete(key));
    schemas.set(key, found);
  }
  return found;
}

type Change = { target: { value: string; checked: boolean } };

function FieldInput(props: { field: FormField; value: unknown; onValue: (value: unknown) => void }): ReactElement {
  const { field } = props;
  const [text, setText] = useState(() => inputText(field, props.value));
  const [reason, setReason] = useState('');
  const id = `field-${field.key}`;
  const take = (next: string): void => {
    setText(next);
    const parsed = fieldValue(field, next);
    setReason(parsed.ok ? '' : parsed.reason);
    if (parsed.ok) props.onValue(parsed.value);
  };
  let input: ReactElement;
  if (field.kind === 'boolean') {
    return h(
      'div',
      { className: 'form-field checkbox' },
      h('input', { id, type: 'checkbox', checked: props.value === true, onChange: (event: Change) => props.onValue(event.target.checked) }),
      h('label', { htmlFor: id }, field.title),
      field.description === '' ? null : h('small', null, field.description),
    );
  }
  if (field.kind === 'choice') {
    input = h('select', { id, value: typeof props.value === 'string' ? props.value : '', onChange: (event: Change) => props.onValue(event.target.value) }, ...field.options.map((option) => h('option', { key: option, value: option }, option)));
  } else if (field.kind === 'strings' || field.kind === 'json') {
    input = h('textarea', { id, value: text, rows: field.kind === 'json' ? 4 : 3, 'aria-invalid': reason !== '', onChange: (event: Change) => take(event.target.value) });
  } else {
    input = h('input', { id, type: field.kind === 'password' ? 'password' : field.kind === 'number' ? 'number' : 'text', value: text, 'aria-invalid': reason !== '', autoComplete: 'off', onChange: (event: Change) => take(event.target.value) });
  }
  return h(
    'div',
    { className: 'form-field' },
    h('label', { htmlFor: id }, field.title, field.kind === 'strings' ? ' (one per line)' : ''),
    input,
    field.description === '' ? null : h('small', null, field.description),
    reason === '' ? null : h('small', { className: 'invalid', role: 'alert' }, reason),
  );
}

/** The page a child's panel belongs to. */
export interface PanelPage {
  displayName: string;
  /** Shows the page's own panel again. */
  onBack: () => void;
}

/** What the panel of `box` is given; `onChange` gets its new display name and config. */
export interface NodeFormProps {
  realm: string;
  box: EditorBox;
  revision: number;
  outcomeError: string;
  /** The problems of the last refused save that name this node. */
  problems: string[];
  /** The ids of this page's children that problems name. */
  childProblems: ReadonlySet<string>;
  onChange: (displayName: string, config: Record<string, unknown>) => void;
  onDelete: () => void;
  onClose: () => void;
  types: NodeType[];
  onChildren: (change: ChildChange) => void;
  onOpenChild: (id: string) => void;
  /** Set when `box` is a child of a page. */
  page?: PanelPage;
  onError: (error: unknown) => void;
}

/** The panel of `box`. */
export function NodeFormPanel(props: NodeFormProps): ReactElement {
  const { box, page } = props;
  const isPage = box.nodeType === PAGE_NODE_TYPE;
  const [fields, setFields] = useState<FormField[] | undefined>(undefined);
  const [error, setError] = useState('');
  // Bumped when the panel itself changes a setting (a new script's id), so that its field shows it.
  const [replaced, setReplaced] = useState(0);
  const inner = innerJourney(box);
  const script = scriptOf(box);
  const scriptContext = scriptContextOf(box.nodeType);

  useEffect(() => {
    let current = true;
    setFields(undefined);
    setError('');
    fieldsOf(props.realm, box.nodeType).then(
      (answer) => current && setFields(answer),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : 'The schema cannot be read'),
    );
    return () => {
      current = false;
    };
  }, [props.realm, box.nodeType]);

  return h(
    'aside',
    { className: `node-panel node-form${scriptContext === undefined ? '' : ' node-form-wide'}`, 'aria-labelledby': 'node-panel-title' },
    page === undefined ? null : h('button', { type: 'button', className: 'link page-back', onClick: page.onBack }, `← ${page.displayName}`),
    h('div', { className: 'panel-head' }, h('h2', { id: 'node-panel-title' }, box.displayName), h('button', { type: 'button', onClick: props.onClose, 'aria-label': 'Close the node panel' }, '×')),
    h('p', { className: 'node-type' }, page === undefined ? box.nodeType : `${box.nodeType}, on the page ${page.displayName}`),
    h('p', { className: 'node-id' }, box.id),
    props.problems.length === 0
      ? null
      : h('div', { className: 'error node-problems', role: 'alert' }, h('p', null, 'The last save was refused for this node:'), h('ul', null, ...props.problems.map((problem, index) => h('li', { key: index }, problem)))),
    h(
      'div',
      { className: 'form-field' },
      h('label', { htmlFor: 'field-displayName' }, 'Display name'),
      h('input', { id: 'field-displayName', type: 'text', value: box.displayName, onChange: (event: Change) => props.onChange(event.target.value, box.config) }),
    ),
    inner === '' ? null : h('p', { className: 'inner-journey-link' }, h('a', { href: hashOf({ realm: props.realm, section: 'journeys', path: [inner] }) }, `Open ${inner}`)),
    error === '' ? null : h('p', { className: 'error', role: 'alert' }, error),
    fields === undefined && error === '' ? h('p', null, 'Loading…') : null,
    fields !== undefined && fields.length > 0
      ? h(
          'section',
          { 'aria-label': 'Settings' },
          h('h3', null, 'Settings'),
          ...fields.filter((field) => !isPage || field.key !== 'nodes').map((field) => h(FieldInput, { key: `${box.id}:${field.key}:${props.revision}:${replaced}`, field, value: box.config[field.key], onValue: (value: unknown) => props.onChange(box.displayName, { ...box.config, [field.key]: value }) })),
        )
      : fields !== undefined
        ? h('p', null, 'This node has no settings.')
        : null,
    isPage ? h(PageChildrenView, { children: box.children ?? [], types: props.types, problemIds: props.childProblems, onChange: props.onChildren, onOpen: props.onOpenChild }) : null,
    scriptContext === undefined
      ? null
      : h(NewScriptForm, {
          key: box.id,
          realm: props.realm,
          context: scriptContext,
          config: box.config,
          onCreated: (id: string) => {
            props.onChange(box.displayName, configWithScript(box.nodeType, box.config, id));
            setReplaced((count) => count + 1);
          },
          onError: props.onError,
        }),
    script === '' ? null : h(ScriptEditor, { key: `${props.realm}/${script}`, realm: props.realm, scriptId: script }),
    h('section', { 'aria-label': 'Outcomes' }, h('h3', null, 'Outcomes'), h('ul', { className: 'outcome-list' }, ...box.outcomes.map((outcome) => h('li', { key: outcome }, outcome)))),
    props.outcomeError === '' ? null : h('p', { className: 'error', role: 'alert' }, props.outcomeError),
    h('button', { type: 'button', className: 'danger', onClick: props.onDelete }, page === undefined ? 'Delete node' : 'Remove from page'),
  );
}
