import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COALESCE_MS, emptyHistory, historyKey, MAX_HISTORY, recorded, redone, undone } from './editor-history.ts';
import type { History } from './editor-history.ts';

/** Applies `steps` changes to a counter, recording each; answers the history and the counter. */
function counted(steps: number, key = ''): { history: History<number>; current: number } {
  let history = emptyHistory<number>();
  let current = 0;
  for (let step = 0; step < steps; step += 1) {
    history = recorded(history, current, key, step * COALESCE_MS * 2);
    current += 1;
  }
  return { history, current };
}

describe('undo and redo of the journey editor', () => {
  it('undoes changes one by one back to the start, then redoes them', () => {
    let { history, current } = counted(3);
    const seen: number[] = [];
    for (let found = undone(history, current); found !== undefined; found = undone(history, current)) {
      ({ history, state: current } = found);
      seen.push(current);
    }
    assert.deepEqual(seen, [2, 1, 0]);
    const again = redone(history, current);
    assert.ok(again !== undefined);
    assert.equal(again.state, 1);
    assert.equal(redone(again.history, again.state)?.state, 2);
  });

  it('forgets what was undone once another change is made', () => {
    const { history, current } = counted(2);
    const back = undone(history, current);
    assert.ok(back !== undefined);
    const changed = recorded(back.history, back.state);
    assert.equal(redone(changed, 7), undefined);
    assert.equal(undone(changed, 7)?.state, 1);
  });

  it('makes quick changes of one kind a single step, and slow ones or other kinds separate steps', () => {
    let history = recorded(emptyHistory<string>(), 'a', 'form:n1', 1000);
    history = recorded(history, 'ab', 'form:n1', 1200);
    history = recorded(history, 'abc', 'form:n1', 1400);
    assert.deepEqual(history.past, ['a']);
    history = recorded(history, 'abcd', 'form:n2', 1500);
    history = recorded(history, 'abcde', 'form:n2', 1500 + COALESCE_MS);
    history = recorded(history, 'x', '', 1501 + COALESCE_MS);
    history = recorded(history, 'y', '', 1502 + COALESCE_MS);
    assert.deepEqual(history.past, ['a', 'abcd', 'abcde', 'x', 'y']);
  });

  it(`keeps at most ${MAX_HISTORY} steps`, () => {
    const { history } = counted(MAX_HISTORY + 5);
    assert.equal(history.past.length, MAX_HISTORY);
    assert.equal(history.past[0], 5);
  });

  it('reads Ctrl/Cmd+Z as undo, Ctrl/Cmd+Shift+Z and Ctrl+Y as redo, and nothing else', () => {
    const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) => historyKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    assert.equal(press('z', { ctrlKey: true }), 'undo');
    assert.equal(press('z', { metaKey: true }), 'undo');
    assert.equal(press('Z', { ctrlKey: true, shiftKey: true }), 'redo');
    assert.equal(press('Z', { metaKey: true, shiftKey: true }), 'redo');
    assert.equal(press('y', { ctrlKey: true }), 'redo');
    assert.equal(press('z', {}), undefined);
    assert.equal(press('z', { ctrlKey: true, altKey: true }), undefined);
    assert.equal(press('s', { ctrlKey: true }), undefined);
  });
});
