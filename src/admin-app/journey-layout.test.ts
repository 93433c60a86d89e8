/** The layered layout: boxes sized as drawn, never on top of each other nor of an arrow passing them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LayoutBox } from './journey-layout.ts';
import { boxShape, layeredLayout, levelPath } from './journey-layout.ts';

const start = (entry: string): LayoutBox => ({ id: 'start', kind: 'start', label: 'Start', nodeType: '', targets: [entry] });
const node = (id: string, targets: string[], label = id): LayoutBox => ({ id, kind: 'node', label, nodeType: 'SomeNode', targets });
const ends: LayoutBox[] = [
  { id: 'success', kind: 'success', label: 'Success', nodeType: '', targets: [] },
  { id: 'failure', kind: 'failure', label: 'Failure', nodeType: '', targets: [] },
];

/** Where each box of `boxes` is, with its shape. */
function laid(boxes: LayoutBox[]) {
  const positions = layeredLayout(boxes);
  return new Map(
    boxes.map((box) => {
      const at = positions.get(box.id);
      assert.ok(at !== undefined, `${box.id} is placed`);
      return [box.id, { ...at, box, shape: boxShape({ ...box, outcomes: box.targets.length }) }];
    }),
  );
}

describe('boxShape', () => {
  it('grows by one line per outcome and per line of a long name, with each outcome handle inside the box, in order', () => {
    const one = boxShape({ kind: 'node', label: 'Page Node', nodeType: 'PageNode', outcomes: 1 });
    const two = boxShape({ kind: 'node', label: 'Create Object', nodeType: 'CreateObjectNode', outcomes: 2 });
    const wrapped = boxShape({ kind: 'node', label: 'Increment Login Count', nodeType: 'IncrementLoginCountNode', outcomes: 1 });
    assert.ok(two.height > one.height);
    assert.ok(wrapped.height > one.height, 'a name of more than one line makes the box taller');
    assert.equal(two.outcomes.length, 2);
    assert.ok(0 < (two.outcomes[0] ?? 0) && (two.outcomes[0] ?? 0) < (two.outcomes[1] ?? 0) && (two.outcomes[1] ?? 0) < two.height);
    assert.equal(one.into, one.height / 2, 'arrows come in at the middle of the box');
    const success = boxShape({ kind: 'success', label: 'Success', nodeType: '', outcomes: 0 });
    assert.ok(success.height < one.height);
  });
});

describe('layeredLayout', () => {
  it('puts each box one column right of the furthest box leading to it, success and failure last', () => {
    const at = laid([start('a'), node('a', ['b', 'failure']), node('b', ['success']), ...ends]);
    const x = (id: string) => at.get(id)?.x ?? Number.NaN;
    assert.ok(x('start') < x('a') && x('a') < x('b') && x('b') < x('success'));
    assert.equal(x('success'), x('failure'));
  });

  it('never puts two boxes of a column on top of each other, whatever their outcomes', () => {
    const fan = node('fan', ['a', 'b', 'c', 'd']);
    const at = laid([start('fan'), fan, node('a', ['x', 'y', 'z', 'w', 'v']), node('b', ['success']), node('c', ['success', 'failure', 'failure']), node('d', ['failure']), ...ends]);
    const boxes = [...at.values()];
    for (const one of boxes) {
      for (const other of boxes) {
        if (one === other || one.x !== other.x) continue;
        const apart = one.y + one.shape.height <= other.y || other.y + other.shape.height <= one.y;
        assert.ok(apart, `${one.box.id} and ${other.box.id} do not overlap`);
      }
    }
  });

  it('keeps the line of an arrow that skips columns clear of the boxes it passes (the Create Object FAILURE of PlatformRegistration)', () => {
    const boxes = [start('page'), node('page', ['create'], 'Page Node'), node('create', ['count', 'failure'], 'Create Object'), node('count', ['success'], 'Increment Login Count'), ...ends];
    const at = laid(boxes);
    const create = at.get('create');
    const count = at.get('count');
    const failure = at.get('failure');
    assert.ok(create !== undefined && count !== undefined && failure !== undefined);
    assert.ok(create.x < count.x && count.x < failure.x, 'the FAILURE arrow skips the column of Increment Login Count');
    const line = create.y + (create.shape.outcomes[1] ?? Number.NaN);
    assert.ok(line < count.y - 10 || line > count.y + count.shape.height + 10, `the FAILURE line (${line}) passes clear of Increment Login Count (${count.y}–${count.y + count.shape.height})`);
  });

  it('keeps every passing line clear when many outcomes lead far right', () => {
    // A chain whose every node can also fail: each FAILURE arrow passes all the columns after its node.
    const chain = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const boxes = [start('n1'), ...chain.map((id, index) => node(id, [chain[index + 1] ?? 'success', 'failure', index % 2 === 0 ? 'success' : 'failure'])), ...ends];
    const at = laid(boxes);
    const last = at.get('failure')?.x ?? Number.NaN;
    for (const id of chain) {
      const source = at.get(id);
      assert.ok(source !== undefined);
      source.box.targets.forEach((target, outcome) => {
        const end = at.get(target)?.x ?? Number.NaN;
        const line = source.y + (source.shape.outcomes[outcome] ?? Number.NaN);
        for (const other of at.values()) {
          if (other.x <= source.x || other.x >= end || other.x > last) continue;
          const clear = line < other.y - 10 || line > other.y + other.shape.height + 10;
          assert.ok(clear, `${id}'s outcome ${outcome} passes clear of ${other.box.id}`);
        }
      });
    }
  });

  it('draws a chain of single-outcome nodes with level arrows', () => {
    const at = laid([start('a'), node('a', ['b']), node('b', ['c']), node('c', ['success']), ...ends]);
    for (const [from, to] of [['a', 'b'], ['b', 'c']] as const) {
      const source = at.get(from);
      const target = at.get(to);
      assert.ok(source !== undefined && target !== undefined);
      assert.equal(source.y + (source.shape.outcomes[0] ?? Number.NaN), target.y + target.shape.into, `${from} → ${to} is level`);
    }
  });

  it('lays out loops (cut where they close) and nodes nothing leads to', () => {
    const at = laid([start('a'), node('a', ['b']), node('b', ['a', 'b', 'success']), node('orphan', ['failure']), ...ends]);
    assert.equal(at.size, 6);
    for (const place of at.values()) assert.ok(Number.isFinite(place.x) && Number.isFinite(place.y), `${place.box.id} has a place`);
    const x = (id: string) => at.get(id)?.x ?? Number.NaN;
    assert.ok(x('a') < x('b'), 'the arrow back to a does not move it');
    assert.ok(x('start') < x('orphan') && x('orphan') < x('failure'));
  });

  it('lays out a large tree with very many paths through it at once', () => {
    // Each node leads to several of the next ones: walking every path would never end.
    const boxes = [start('n0'), ...Array.from({ length: 400 }, (_, index) => node(`n${index}`, [`n${index + 1}`, `n${index + 2}`, `n${index + 3}`, 'failure'].map((id) => (id === 'n400' || id === 'n401' || id === 'n402' ? 'success' : id)))), ...ends];
    const began = Date.now();
    const at = laid(boxes);
    assert.ok(Date.now() - began < 5000, 'laid out in well under five seconds');
    assert.ok((at.get('n399')?.x ?? 0) > (at.get('n0')?.x ?? 0));
  });
});

describe('levelPath', () => {
  it('runs an arrow that skips columns level to the gap before its target, then bends to it', () => {
    const path = levelPath(165, 50, 720, 140);
    assert.ok(path !== undefined);
    assert.match(path, /^M165,50 L645,50 C[\d.]+,50 [\d.]+,140 720,140$/);
  });

  it('leaves arrows to the next column, and back, to the plain curve', () => {
    assert.equal(levelPath(165, 50, 240, 140), undefined);
    assert.equal(levelPath(645, 50, 240, 140), undefined);
  });
});
