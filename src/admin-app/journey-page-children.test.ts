/** The read-only drawing lists each Page node's children, in page order, and survives a page it cannot read. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AmRequestError } from './am-client.ts';
import { MAX_PAGES_READ, readPageChildren } from './journey-page-children.ts';

const PAGE_CONFIG = {
  _id: 'page-1',
  _type: { _id: 'PageNode' },
  nodes: [
    { _id: 'child-a', nodeType: 'ValidatedUsernameNode', displayName: 'Platform Username' },
    { _id: 'child-b', nodeType: 'ValidatedPasswordNode', displayName: '' },
    { nodeType: 'NoIdNode', displayName: 'dropped: no _id' },
  ],
};

describe('the children of Page nodes in the read-only drawing', () => {
  it('reads only Page nodes and lists their children in page order, named by type when unnamed', async () => {
    const reads: string[] = [];
    const found = await readPageChildren('alpha', [{ id: 'page-1', nodeType: 'PageNode' }, { id: 'decision', nodeType: 'DataStoreDecisionNode' }], async (realm, nodeType, id) => {
      reads.push(`${realm}/${nodeType}/${id}`);
      return PAGE_CONFIG;
    });
    assert.deepEqual(reads, ['alpha/PageNode/page-1']);
    assert.deepEqual(
      found,
      new Map([
        [
          'page-1',
          [
            { id: 'child-a', displayName: 'Platform Username' },
            { id: 'child-b', displayName: 'ValidatedPasswordNode' },
          ],
        ],
      ]),
    );
  });

  it('leaves out a page whose config cannot be read and still lists the others', async () => {
    const found = await readPageChildren('alpha', [{ id: 'gone', nodeType: 'PageNode' }, { id: 'page-1', nodeType: 'PageNode' }], async (_realm, _type, id) => {
      if (id === 'gone') throw new AmRequestError(404, 'Not Found');
      return PAGE_CONFIG;
    });
    assert.deepEqual([...found.keys()], ['page-1']);
  });

  it(`reads at most ${MAX_PAGES_READ} pages, a few at a time`, async () => {
    let inFlight = 0;
    let most = 0;
    let reads = 0;
    const pages = Array.from({ length: MAX_PAGES_READ + 10 }, (_, index) => ({ id: `page-${index}`, nodeType: 'PageNode' }));
    await readPageChildren('alpha', pages, async () => {
      reads += 1;
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return { nodes: [] };
    });
    assert.equal(reads, MAX_PAGES_READ);
    assert.ok(most > 1 && most <= 4, `${most} reads at once`);
  });
});
