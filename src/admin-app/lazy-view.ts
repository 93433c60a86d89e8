/**
 * A view whose code is loaded only when it is first shown: `load` is a dynamic `import()`, which
 * Vite builds into a chunk of its own (a hashed file of `assets/`, fetched from Arbor, as the
 * page's policy allows). The journey drawing and the journey editor are such views, so the first
 * page an administrator opens does not download React Flow and the editor. While the chunk is
 * fetched the view says "Loading the <what>…"; a chunk that cannot be fetched (the network, or a
 * new build of Arbor replaced it) is said in words with what to do, not a blank page.
 */
import { createElement as h, lazy, Suspense } from 'react';
import type { FunctionComponent, ReactElement } from 'react';

/** The view `load` gives, shown (`what` names it to the user) once its chunk is loaded. */
export function lazyView<P extends object>(what: string, load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  const failed: FunctionComponent<P> = () => h('p', { className: 'error', role: 'alert' }, `The ${what} could not be loaded: check the connection and reload the page.`);
  const Loaded = lazy(() => load().then((view) => ({ default: view }), () => ({ default: failed })));
  return function LazyView(props: P): ReactElement {
    return h(Suspense, { fallback: h('p', { role: 'status' }, `Loading the ${what}…`) }, h(Loaded, props));
  };
}
