/**
 * A Scripted Decision node's script, edited in place: the realm's script the node names, read
 * through the scripts REST, its source in a text area drawn over its own highlighting (keywords,
 * strings, comments, numbers; no code editor package, nothing injected that the page's policy
 * forbids). "Save script" writes it back (`PUT`, base64); the server's refusal is shown. AM's
 * default scripts are read-only: a save that the server answers unchanged says so.
 */
import { createElement as h, useEffect, useRef, useState } from 'react';
import type { ReactElement, UIEvent } from 'react';
import type { EditableScript } from './script-client.ts';
import { putScript, readScript } from './script-client.ts';
import { highlight } from './script-model.ts';
import './editor.css';

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** The highlighted copy of `source` drawn under the text area. */
function Highlighted(props: { source: string }): ReactElement {
  // A final newline keeps the last (empty) line as tall as the text area's.
  return h('code', null, ...highlight(`${props.source}\n`).map((token, index) => (token.kind === 'plain' ? token.text : h('span', { key: index, className: `tok-${token.kind}` }, token.text))));
}

/** The editor of script `scriptId` of `realm`. */
export function ScriptEditor(props: { realm: string; scriptId: string }): ReactElement {
  const [script, setScript] = useState<EditableScript | undefined>(undefined);
  const [source, setSource] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const under = useRef<HTMLPreElement | null>(null);

  useEffect(() => {
    let current = true;
    setScript(undefined);
    setError('');
    setStatus({ kind: 'idle' });
    readScript(props.realm, props.scriptId).then(
      (answer) => {
        if (!current) return;
        setScript(answer);
        setSource(answer.source);
      },
      (failure: unknown) => current && setError(failure instanceof Error ? `The script ${props.scriptId} cannot be read: ${failure.message}` : 'The script cannot be read'),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.scriptId]);

  async function save(): Promise<void> {
    if (script === undefined) return;
    setStatus({ kind: 'saving' });
    try {
      const stored = await putScript(props.realm, script, source);
      setScript(stored);
      if (stored.source !== source) {
        setSource(stored.source);
        setStatus({ kind: 'failed', message: `${stored.name} is one of AM's default scripts, which cannot be changed.` });
      } else setStatus({ kind: 'saved' });
    } catch (failure) {
      setStatus({ kind: 'failed', message: failure instanceof Error ? failure.message : 'The script was not saved' });
    }
  }

  const follow = (event: UIEvent<HTMLTextAreaElement>): void => {
    if (under.current === null) return;
    under.current.scrollTop = event.currentTarget.scrollTop;
    under.current.scrollLeft = event.currentTarget.scrollLeft;
  };

  return h(
    'section',
    { className: 'script-editor', 'aria-label': 'Script' },
    h('h3', null, script === undefined ? 'Script' : `Script ${script.name}`),
    error === '' ? null : h('p', { className: 'error', role: 'alert' }, error),
    script === undefined && error === '' ? h('p', null, 'Loading…') : null,
    script === undefined
      ? null
      : h(
          'div',
          null,
          h('p', { className: 'script-meta' }, `${script.language === 'JAVASCRIPT' ? 'JavaScript' : script.language}, ${script.evaluatorVersion === '2.0' ? 'next-generation' : 'legacy'} bindings`),
          h(
            'div',
            { className: 'code-editor' },
            h('pre', { ref: under, className: 'code-under', 'aria-hidden': true }, h(Highlighted, { source })),
            h('textarea', {
              className: 'code-input',
              'aria-label': 'Script source',
              value: source,
              spellCheck: false,
              autoCapitalize: 'off',
              autoComplete: 'off',
              wrap: 'off',
              onScroll: follow,
              onChange: (event: { target: { value: string } }) => {
                setSource(event.target.value);
                setStatus({ kind: 'idle' });
              },
            }),
          ),
          h(
            'div',
            { className: 'script-actions' },
            h('button', { type: 'button', disabled: status.kind === 'saving' || source === script.source, onClick: () => void save() }, status.kind === 'saving' ? 'Saving…' : 'Save script'),
            status.kind === 'saved' ? h('span', { className: 'saved', role: 'status' }, 'Script saved') : null,
          ),
          status.kind === 'failed' ? h('p', { className: 'error', role: 'alert' }, status.message) : null,
        ),
  );
}
