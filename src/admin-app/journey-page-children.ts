/**
 * The children of a journey's Page nodes for the read-only drawing (`journey-view.ts`): each Page
 * node's config is read (`GET …/nodes/PageNode/<id>`, a few at a time, at most
 * `MAX_PAGES_READ` pages) and its `nodes` list gives the children's names, in page order. A page
 * whose config cannot be read is left out: it is drawn without its children rather than failing
 * the drawing.
 */
import { readNode } from './am-client.ts';
import { childRefs } from './editor-journey-model.ts';

/** The most Page nodes whose children one drawing reads. */
export const MAX_PAGES_READ = 50;
const PARALLEL_READS = 4;

/** One child of a page: its id and its name (its type when it has none). */
export type PageChild = { id: string; displayName: string };

/** A page's children by the page's id. */
export type PageChildren = ReadonlyMap<string, readonly PageChild[]>;

/** The children of the Page nodes among `nodes`; `read` reads one node's config (the admin REST by default). */
export async function readPageChildren(realm: string, nodes: readonly { id: string; nodeType: string }[], read: typeof readNode = readNode): Promise<PageChildren> {
  const queue = nodes.filter((node) => node.nodeType === 'PageNode').slice(0, MAX_PAGES_READ);
  const found = new Map<string, readonly PageChild[]>();
  const worker = async (): Promise<void> => {
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      try {
        const config = await read(realm, 'PageNode', page.id);
        found.set(page.id, childRefs(config).map(({ id, displayName }) => ({ id, displayName })));
      } catch {
        // Drawn without its children.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, queue.length) }, worker));
  return found;
}
