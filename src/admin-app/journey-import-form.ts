/**
 * "Import journeys" above the journeys list: a file input for Frodo, AM REST, Amster or platform
 * UI export files (several at once). The files are read and checked in the browser (JSON, at most
 * 5 MB each), then imported together — every journey or none. What was imported is listed, each
 * journey with a button that opens it; a refusal lists the server's reasons.
 */
import { createElement as h, useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import { AmRequestError } from './am-client.ts';
import { importJourneys } from './journey-actions-client.ts';
import type { ImportFile, ImportSummary } from './journey-actions-model.ts';
import { listed, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES, readImportFile } from './journey-actions-model.ts';

type State = { kind: 'idle' } | { kind: 'busy'; files: string } | { kind: 'done'; summary: ImportSummary } | { kind: 'refused'; message: string; problems: string[] };

/** The form; `onImported` refreshes the list, `onOpen` opens a journey. */
export function JourneyImportForm(props: { realm: string; onImported: () => void; onOpen: (name: string) => void }): ReactElement {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function chosen(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const input = event.target;
    const picked = [...(input.files ?? [])];
    input.value = '';
    if (picked.length === 0) return;
    if (picked.length > MAX_IMPORT_FILES) {
      setState({ kind: 'refused', message: `Choose at most ${MAX_IMPORT_FILES} files.`, problems: [] });
      return;
    }
    setState({ kind: 'busy', files: listed(picked.map((file) => file.name)) });
    const files: ImportFile[] = [];
    const problems: string[] = [];
    for (const file of picked) {
      const read = readImportFile(file.name, file.size, file.size > MAX_IMPORT_FILE_BYTES ? '' : await file.text());
      if ('problem' in read) problems.push(read.problem);
      else files.push(read.file);
    }
    if (problems.length > 0) {
      setState({ kind: 'refused', message: 'Nothing was imported.', problems });
      return;
    }
    try {
      const summary = await importJourneys(props.realm, files);
      setState({ kind: 'done', summary });
      props.onImported();
    } catch (error) {
      if (error instanceof AmRequestError) setState({ kind: 'refused', message: error.message, problems: error.problems });
      else setState({ kind: 'refused', message: 'Arbor cannot be reached', problems: [] });
    }
  }

  return h(
    'div',
    { className: 'journey-import' },
    h(
      'div',
      { className: 'journey-import-row' },
      h('label', { htmlFor: 'journey-import-files' }, 'Import journeys'),
      h('input', { id: 'journey-import-files', type: 'file', accept: '.json,application/json', multiple: true, disabled: state.kind === 'busy', onChange: (event: ChangeEvent<HTMLInputElement>) => void chosen(event) }),
      h('span', { className: 'hint' }, 'Frodo, AM or Amster export files; every journey of them or none.'),
    ),
    state.kind === 'busy' ? h('p', { role: 'status', className: 'notice' }, `Importing ${state.files}…`) : null,
    state.kind === 'refused'
      ? h(
          'div',
          { role: 'alert', className: 'error' },
          h('p', null, state.message),
          state.problems.length === 0 ? null : h('ul', null, ...state.problems.map((problem, index) => h('li', { key: index }, problem))),
        )
      : null,
    state.kind === 'done' ? importedNotice(state.summary, props.onOpen, () => setState({ kind: 'idle' })) : null,
  );
}

function importedNotice(summary: ImportSummary, onOpen: (name: string) => void, onDismiss: () => void): ReactElement {
  const extras = [
    summary.scripts.length === 0 ? '' : `Scripts: ${listed(summary.scripts)}.`,
    summary.socialProviders.length === 0 ? '' : `Social identity providers: ${listed(summary.socialProviders)}.`,
    summary.ignored.length === 0 ? '' : `Not imported (Arbor has no use for them): ${listed(summary.ignored)}.`,
  ].filter((line) => line !== '');
  return h(
    'div',
    { role: 'status', className: 'notice imported' },
    h('p', null, `Imported ${summary.journeys.length === 1 ? 'one journey' : `${summary.journeys.length} journeys`}:`),
    h(
      'ul',
      null,
      ...summary.journeys.map((journey) =>
        h(
          'li',
          { key: journey.name },
          h('button', { type: 'button', className: 'link', onClick: () => onOpen(journey.name), 'aria-label': `Open ${journey.name}` }, journey.name),
          journey.warnings.length === 0 ? null : h('span', { className: 'hint' }, ` — ${journey.warnings.length === 1 ? 'a warning' : `${journey.warnings.length} warnings`}: ${journey.warnings.join('; ')}`),
        ),
      ),
    ),
    ...extras.map((line, index) => h('p', { key: `extra-${index}`, className: 'hint' }, line)),
    h('button', { type: 'button', onClick: onDismiss }, 'Dismiss'),
  );
}
