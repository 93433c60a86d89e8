/**
 * Links two nodes of the admin app's journey editor as a mouse does: drags from the outcome handle
 * labelled `from` to the handle labelled `to`, and waits for the new link to be drawn. The handles are
 * measured once the view stands still, since React Flow applies a fit of the view at a later frame
 * than the click that asked for it (measured mid-change, the drag starts or ends beside a handle).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

type Box = { x: number; y: number; width: number; height: number };

async function settledBoxes(page: Page, from: string, to: string): Promise<[Box, Box]> {
  const measure = async (): Promise<string> =>
    JSON.stringify(await Promise.all([from, to].map((label) => page.locator(`.react-flow__handle[aria-label="${label}"]`).boundingBox())));
  let last = await measure();
  for (let round = 0; round < 40; round += 1) {
    await page.waitForTimeout(50);
    const now = await measure();
    if (now === last) {
      const [source, target] = JSON.parse(now) as [Box | null, Box | null];
      assert.ok(source !== null && target !== null, `${from} and ${to} are drawn`);
      return [source, target];
    }
    last = now;
  }
  assert.fail(`the view around ${from} and ${to} never stood still`);
}

export async function flowLink(page: Page, from: string, to: string): Promise<void> {
  const [source, target] = await settledBoxes(page, from, to);
  const before = await page.locator('.react-flow__edge').count();
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.waitForFunction((count) => document.querySelectorAll('.react-flow__edge').length > count, before);
}

/**
 * Waits until the graph shows `count` links. React Flow draws the links only after it has measured
 * the boxes, a frame or more after the boxes appear, so a test that reads the links must wait for them.
 */
export async function linksDrawn(page: Page, count: number): Promise<void> {
  await page.waitForFunction((wanted) => document.querySelectorAll('.react-flow__edge').length >= wanted, count, { timeout: 10_000 });
}
