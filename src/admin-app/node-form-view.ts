/**
 * The editor's side panel: the selected node's display name and settings, as a form generated
 * from its type's schema (`?_action=schema`, read once per type), its live outcomes, and a button
 * deleting it. Each valid change is handed to `onChange`; a number or JSON that does not parse is
 * shown as such and not handed on.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { NodeType } from './editor-client.ts';
import { nodeSchema } from './editor-client.ts';
import type { EditorBox } from './editor-model.ts';
import { PAGE_NODE_TYPE } from './editor-model.ts';
import type { FormField } from './node-form-model.ts';
import { fieldValue, formFields, inputText } from './node-form-model.ts';

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

/** The panel of `box`; `onChange` gets its new display name and config. */
export function NodeFormPanel(props: {
  realm: string;
  box: EditorBox;
  outcomeError: string;
  onChange: (displayName: string, config: Record<string, unknown>) => void;
  onDelete: () => void;
  onClose: () => void;
  types: NodeType[];
  onChildren: (change: { add: NodeType } | { remove: string }) => void;
}): ReactElement {
  const { box } = props;
  const isPage = box.nodeType === PAGE_NODE_TYPE;
  const [childType, setChildType] = useState('');
  const [fields, setFields] = useState<FormField[] | undefined>(undefined);
  const [error, setError] = useState('');

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
    { className: 'node-panel node-form', 'aria-labelledby': 'node-panel-title' },
    h('div', { className: 'panel-head' }, h('h2', { id: 'node-panel-title' }, box.displayName), h('button', { type: 'button', onClick: props.onClose, 'aria-label': 'Close the node panel' }, '×')),
    h('p', { className: 'node-type' }, box.nodeType),
    h('p', { className: 'node-id' }, box.id),
    h(
      'div',
      { className: 'form-field' },
      h('label', { htmlFor: 'field-displayName' }, 'Display name'),
      h('input', { id: 'field-displayName', type: 'text', value: box.displayName, onChange: (event: Change) => props.onChange(event.target.value, box.config) }),
    ),
    error === '' ? null : h('p', { className: 'error', role: 'alert' }, error),
    fields === undefined && error === '' ? h('p', null, 'Loading…') : null,
    fields !== undefined && fields.length > 0
      ? h(
          'section',
          { 'aria-label': 'Settings' },
          h('h3', null, 'Settings'),
          ...fields.filter((field) => !isPage || field.key !== 'nodes').map((field) => h(FieldInput, { key: `${box.id}:${field.key}`, field, value: box.config[field.key], onValue: (value: unknown) => props.onChange(box.displayName, { ...box.config, [field.key]: value }) })),
        )
      : fields !== undefined
        ? h('p', null, 'This node has no settings.')
        : null,
    isPage
      ? h(
          'section',
          { 'aria-label': 'Nodes on this page' },
          h('h3', null, 'Nodes on this page'),
          h('ol', { className: 'page-children' }, ...(box.children ?? []).map((child) => h('li', { key: child.id }, child.displayName, ' ', h('button', { type: 'button', className: 'link', 'aria-label': `Remove ${child.displayName} from the page`, onClick: () => props.onChildren({ remove: child.id }) }, 'remove')))),
          h(
            'div',
            { className: 'form-field' },
            h('label', { htmlFor: 'page-child-type' }, 'Node to add'),
            h('select', { id: 'page-child-type', value: childType, onChange: (event: Change) => setChildType(event.target.value) }, h('option', { value: '' }, '—'), ...props.types.filter((type) => type.id !== PAGE_NODE_TYPE).map((type) => h('option', { key: type.id, value: type.id }, type.name))),
            h(
              'button',
              {
                type: 'button',
                disabled: childType === '',
                onClick: () => {
                  const type = props.types.find((candidate) => candidate.id === childType);
                  if (type !== undefined) props.onChildren({ add: type });
                },
              },
              'Add to page',
            ),
          ),
        )
      : null,
    h('section', { 'aria-label': 'Outcomes' }, h('h3', null, 'Outcomes'), h('ul', { className: 'outcome-list' }, ...box.outcomes.map((outcome) => h('li', { key: outcome }, outcome)))),
    props.outcomeError === '' ? null : h('p', { className: 'error', role: 'alert' }, props.outcomeError),
    h('button', { type: 'button', className: 'danger', onClick: props.onDelete }, 'Delete node'),
  );
}
