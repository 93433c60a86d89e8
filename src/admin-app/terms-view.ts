/**
 * The Terms section: reads `selfservice.terms`, then shows the versions list (`#/<realm>/terms`),
 * the editor of a new draft (`…/terms/new`) or one version (`…/terms/versions/<name>`: the editor
 * for a draft, a read-only page for a published version); the list page also edits the display
 * texts of the acceptance page (`uiConfig`). Every change re-reads the document,
 * applies one lifecycle action to it and PUTs it; the server's refusal (400/409) is shown as it
 * words it. Terms are one document for the whole platform, whatever the realm.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { SectionProps } from './admin-section.ts';
import { readTermsDocument, writeTermsDocument } from './terms-client.ts';
import { TermsEditorView } from './terms-editor-view.ts';
import { ConfigRequestError } from './terms-kba-request.ts';
import { TermsListView } from './terms-list-view.ts';
import type { TermsDocument, TermsDraft, TermsFeedback, TermsUpdate } from './terms-model.ts';
import { isPublished, TermsChangeRefused, termsBody, termsDocumentOf, versionNamed } from './terms-model.ts';
import { TermsVersionView } from './terms-version-view.ts';
import './terms.css';

/** The section's view. */
export function TermsView(props: SectionProps): ReactElement {
  const { onError } = props;
  const [document, setDocument] = useState<TermsDocument | undefined>(undefined);
  const [feedback, setFeedback] = useState<TermsFeedback>({ notice: '', problem: '' });
  const [seed, setSeed] = useState<TermsDraft | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    readTermsDocument().then(
      (answer) => current && setDocument(termsDocumentOf(answer)),
      (error: unknown) => {
        if (!current) return;
        // No document yet: start from an empty one, the first PUT creates it.
        if (error instanceof ConfigRequestError && error.status === 404) setDocument(termsDocumentOf({ versions: [] }));
        else onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [onError]);

  const update = useCallback<TermsUpdate>(
    async (change, notice, source) => {
      const from = source === undefined ? {} : { source };
      setBusy(true);
      setFeedback({ notice: '', problem: '' });
      try {
        const fresh = await readTermsDocument().then(termsDocumentOf, (error: unknown) => {
          if (error instanceof ConfigRequestError && error.status === 404) return termsDocumentOf({ versions: [] });
          throw error;
        });
        const stored = termsDocumentOf(await writeTermsDocument(termsBody(change(fresh))));
        setDocument(stored);
        setFeedback({ notice, problem: '', ...from });
        return true;
      } catch (error) {
        if (error instanceof ConfigRequestError && [400, 404, 409].includes(error.status)) setFeedback({ notice: '', problem: error.message, ...from, ...(error.field === '' ? {} : { field: error.field }) });
        else if (error instanceof TermsChangeRefused) setFeedback({ notice: '', problem: error.message, ...from });
        else onError(error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onError],
  );

  const go = (path: string[]): void => {
    setFeedback({ notice: '', problem: '' });
    props.go(path);
  };
  const common = { feedback, busy, update, onError };

  if (document === undefined) return h('p', { className: 'terms-page' }, 'Loading…');
  const [first, name] = props.path;
  if (first === 'new') {
    return h(TermsEditorView, { ...common, key: 'new', document, version: undefined, seed, onOpen: (saved: string) => props.go(['versions', saved]), onDone: () => props.go([]), onBack: () => go([]) });
  }
  if (first === 'versions' && name !== undefined) {
    const version = versionNamed(document, name);
    if (version === undefined) return h('section', { className: 'terms-page' }, h('div', { className: 'toolbar' }, h('h1', null, 'Terms version not found')), h('p', { className: 'error', role: 'alert' }, `No terms version is named "${name}".`), h('p', null, h('button', { type: 'button', onClick: () => go([]) }, 'Back to versions')));
    if (!isPublished(version)) return h(TermsEditorView, { ...common, key: name, document, version, seed: undefined, onOpen: (saved: string) => props.go(['versions', saved]), onDone: () => props.go([]), onBack: () => go([]) });
    return h(TermsVersionView, {
      ...common,
      key: name,
      version,
      active: document.active === version.version,
      onCopy: (draft: TermsDraft) => {
        setSeed(draft);
        go(['new']);
      },
      onBack: () => go([]),
    });
  }
  return h(TermsListView, {
    ...common,
    document,
    onOpen: (opened: string) => go(['versions', opened]),
    onCreate: () => {
      setSeed(undefined);
      go(['new']);
    },
  });
}
