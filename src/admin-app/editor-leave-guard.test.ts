/** Leaving the journey editor: asked only with unsaved changes; once agreed, not asked again. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { hasUnsaved, LEAVE_QUESTION, markUnsaved, mayLeave } from './editor-leave-guard.ts';

describe('leaving the journey editor', () => {
  afterEach(() => markUnsaved(false));

  it('leaves without asking when everything is saved', () => {
    const asked: string[] = [];
    assert.equal(
      mayLeave((question) => {
        asked.push(question);
        return false;
      }),
      true,
    );
    assert.deepEqual(asked, []);
  });

  it('stays when the administrator keeps unsaved changes, and asks again next time', () => {
    markUnsaved(true);
    const asked: string[] = [];
    const keep = (question: string): boolean => {
      asked.push(question);
      return false;
    };
    assert.equal(mayLeave(keep), false);
    assert.equal(mayLeave(keep), false);
    assert.deepEqual(asked, [LEAVE_QUESTION, LEAVE_QUESTION]);
    assert.equal(hasUnsaved(), true);
  });

  it('leaves once the administrator agrees to lose them, without asking twice for the same move', () => {
    markUnsaved(true);
    let asked = 0;
    const agree = (): boolean => {
      asked += 1;
      return true;
    };
    assert.equal(mayLeave(agree), true);
    assert.equal(mayLeave(agree), true);
    assert.equal(asked, 1);
    assert.equal(hasUnsaved(), false);
  });
});
