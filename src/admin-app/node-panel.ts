/**
 * The side panel of the journey view: the clicked node's config as AM's admin REST answers it
 * (`GET …/nodes/<type>/<id>`), its settings one per line (read-only in this version), its outcomes,
 * and a Page node's child nodes; an Inner Tree Evaluator links to the journey it runs.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { hashOf } from './admin-section.ts';
import { isRecord, own, readNode } from './am-client.ts';
import { innerJourney } from './editor-journey-model.ts';
import './editor.css';

/** The node the panel shows. */
export interface PanelNode {
  id: string;
  label: string;
  nodeType: string;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  return JSON.stringify(value, null, 1) ?? String(value);
}

function names(list: unknown, key: string): string[] {
  return Array.isArray(list) ? list.filter(isRecord).map((entry) => String(own(entry, key) ?? own(entry, '_id') ?? '')) : [];
}

/** The panel for `node` of `realm`; `onClose` hides it. */
export function NodePanel(props: { realm: string; node: PanelNode; onClose: () => void }): ReactElement {
  const [config, setConfig] = useState<Record<string, unknown> | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    let current = true;
    setConfig(undefined);
    setError('');
    readNode(props.realm, props.node.nodeType, props.node.id).then(
      (answer) => current && setConfig(answer),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : 'The node cannot be read'),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.node.nodeType, props.node.id]);

  const settings = config === undefined ? [] : Object.keys(config).filter((key) => !key.startsWith('_') && key !== 'nodes');
  const outcomes = config === undefined ? [] : names(own(config, '_outcomes'), 'displayName');
  const children = config === undefined ? [] : names(own(config, 'nodes'), 'displayName');
  const inner = config === undefined ? '' : innerJourney({ nodeType: props.node.nodeType, config });

  return h(
    'aside',
    { className: 'node-panel', 'aria-labelledby': 'node-panel-title' },
    h('div', { className: 'panel-head' }, h('h2', { id: 'node-panel-title' }, props.node.label), h('button', { type: 'button', onClick: props.onClose, 'aria-label': 'Close the node panel' }, '×')),
    h('p', { className: 'node-type' }, props.node.nodeType),
    h('p', { className: 'node-id' }, props.node.id),
    inner === '' ? null : h('p', { className: 'inner-journey-link' }, h('a', { href: hashOf({ realm: props.realm, section: 'journeys', path: [inner] }) }, `Open ${inner}`)),
    error !== '' ? h('p', { className: 'error', role: 'alert' }, error) : null,
    config === undefined && error === '' ? h('p', null, 'Loading…') : null,
    children.length > 0 ? h('section', null, h('h3', null, 'Nodes on this page'), h('ul', null, ...children.map((name, index) => h('li', { key: index }, name)))) : null,
    settings.length > 0
      ? h(
          'section',
          null,
          h('h3', null, 'Settings'),
          h('dl', null, ...settings.flatMap((key) => [h('dt', { key: `t-${key}` }, key), h('dd', { key: `d-${key}` }, h('code', null, shown(config === undefined ? undefined : config[key])))])),
        )
      : config !== undefined
        ? h('p', null, 'This node has no settings.')
        : null,
    outcomes.length > 0 ? h('section', null, h('h3', null, 'Outcomes'), h('ul', null, ...outcomes.map((name, index) => h('li', { key: index }, name)))) : null,
  );
}
