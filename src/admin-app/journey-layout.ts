/**
 * The layered layout of a journey drawing without saved positions: each box one column right of
 * the furthest box leading to it (cycles cut where a walk from the start closes them; Success and
 * Failure right of all), and in each column, left to right, the boxes placed so that the arrows
 * into them arrive level with the outcome they leave from, one below the other, never over the
 * line of an arrow passing the column on its way further right (a box in its way goes just above
 * or below it, whichever is nearer; `journey-edge.ts` draws such an arrow level until the gap
 * before its target). Box sizes are estimated as `journey-box.ts` and styles.css draw them: a name
 * and a type wrapped at about `NAME_LINE` and `TYPE_LINE` characters, one line per outcome. Time
 * and memory grow with the boxes and arrows only (no recursion, no walk of every path).
 */

/** What a box is: one of the journey's nodes, or the start, success or failure box. */
export type BoxKind = 'node' | 'start' | 'success' | 'failure';

/** A box to lay out: `targets` are the boxes its outcomes lead to, in the outcomes' order. */
export interface LayoutBox {
  id: string;
  kind: BoxKind;
  label: string;
  nodeType: string;
  targets: readonly string[];
}

/** Where a box's arrows meet it: its height, the arrow in (its middle), each outcome's handle (from its top, in pixels). */
export interface BoxShape {
  height: number;
  into: number;
  outcomes: number[];
}

/** Column spacing, in pixels; a box is `BOX_WIDTH` wide (styles.css), leaving `COLUMN_GAP` between columns. */
const COLUMN_WIDTH = 240;
const BOX_WIDTH = 165;
const COLUMN_GAP = COLUMN_WIDTH - BOX_WIDTH;
/** Characters of a box's name (bold) and of its type (small) that fit on one line of a box. */
const NAME_LINE = 19;
const TYPE_LINE = 26;
/** Heights as drawn: a static box, a line of name, of type, of outcome; what a node box has besides. */
const STATIC_HEIGHT = 32;
const NAME_LINE_HEIGHT = 14;
const TYPE_LINE_HEIGHT = 13;
const OUTCOME_HEIGHT = 19;
const NODE_TOP = 11;
const OUTCOMES_TOP = 7;
const NODE_BOTTOM = 9;
/** The space kept clear on each side of an arrow passing a column, and between two boxes of a column. */
const PASSING_ROOM = 20;
const ROW_GAP = 36;

/** The lines `text` takes at `perLine` characters a line, broken between words (and inside words too long for a line). */
function lines(text: string, perLine: number): number {
  let count = 0;
  let used = perLine;
  for (const word of text.split(' ')) {
    if (used + 1 + word.length <= perLine) {
      used += 1 + word.length;
      continue;
    }
    count += Math.max(1, Math.ceil(word.length / perLine));
    used = word.length % perLine === 0 && word.length > 0 ? perLine : word.length % perLine;
  }
  return Math.max(1, count);
}

/** The shape of `box` as drawn (static boxes have one line; a node its name, type and outcomes). */
export function boxShape(box: Pick<LayoutBox, 'kind' | 'label' | 'nodeType'> & { outcomes: number }): BoxShape {
  if (box.kind !== 'node') return { height: STATIC_HEIGHT, into: STATIC_HEIGHT / 2, outcomes: [STATIC_HEIGHT / 2] };
  const head = NODE_TOP + NAME_LINE_HEIGHT * lines(box.label, NAME_LINE) + TYPE_LINE_HEIGHT * lines(box.nodeType, TYPE_LINE) + (box.outcomes > 0 ? OUTCOMES_TOP : 0);
  const height = head + OUTCOME_HEIGHT * box.outcomes + NODE_BOTTOM;
  return { height, into: height / 2, outcomes: Array.from({ length: box.outcomes }, (_, index) => head + OUTCOME_HEIGHT * (index + 0.5)) };
}

/** The arrows of `boxes` that close a cycle (`<outcome index>@<box id>`), found by a depth-first walk from the start, then from each box not reached. */
function backArrows(boxes: readonly LayoutBox[], byId: ReadonlyMap<string, LayoutBox>): Set<string> {
  const back = new Set<string>();
  const open = new Set<string>();
  const done = new Set<string>();
  const roots = [...boxes.filter((box) => box.kind === 'start'), ...boxes.filter((box) => box.kind !== 'start')];
  for (const root of roots) {
    if (open.has(root.id) || done.has(root.id)) continue;
    const stack: [id: string, next: number][] = [[root.id, 0]];
    open.add(root.id);
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      const [id, index] = top;
      const target = byId.get(id)?.targets[index];
      if (target === undefined) {
        stack.pop();
        open.delete(id);
        done.add(id);
        continue;
      }
      top[1] = index + 1;
      if (open.has(target)) back.add(`${index}@${id}`);
      else if (!done.has(target) && byId.has(target)) {
        open.add(target);
        stack.push([target, 0]);
      }
    }
  }
  return back;
}

/** Each box's column: its longest path from the start (1 at least for a node), cycles cut; success and failure right of all. */
function columns(boxes: readonly LayoutBox[]): Map<string, number> {
  const byId = new Map(boxes.map((box) => [box.id, box]));
  const back = backArrows(boxes, byId);
  const forward = (box: LayoutBox): string[] => box.targets.filter((target, index) => byId.has(target) && !back.has(`${index}@${box.id}`));
  // The longest paths, in topological order of the arrows left.
  const waiting = new Map<string, number>();
  for (const box of byId.values()) for (const target of forward(box)) waiting.set(target, (waiting.get(target) ?? 0) + 1);
  const column = new Map<string, number>();
  const ready = [...byId.values()].filter((box) => (waiting.get(box.id) ?? 0) === 0);
  for (let box = ready.pop(); box !== undefined; box = ready.pop()) {
    const at = Math.max(column.get(box.id) ?? 0, box.kind === 'start' ? 0 : 1);
    column.set(box.id, at);
    for (const target of forward(box)) {
      column.set(target, Math.max(column.get(target) ?? 0, at + 1));
      const left = (waiting.get(target) ?? 1) - 1;
      waiting.set(target, left);
      const next = byId.get(target);
      if (left === 0 && next !== undefined) ready.push(next);
    }
  }
  const last = Math.max(1, ...boxes.filter((box) => box.kind === 'node').map((box) => column.get(box.id) ?? 1)) + 1;
  for (const box of boxes) if (box.kind === 'success' || box.kind === 'failure') column.set(box.id, last);
  return column;
}

/** A box being laid out: its shape, where the arrows into it come from (filled column by column), its top. */
interface Placing {
  box: LayoutBox;
  shape: BoxShape;
  anchors: number[];
  y: number;
}

/** The mean of where the arrows into `placing` come from; ∞ when none does. */
function wanted(placing: Placing): number {
  return placing.anchors.length === 0 ? Number.POSITIVE_INFINITY : placing.anchors.reduce((sum, y) => sum + y, 0) / placing.anchors.length;
}

/** `bands` (`[top, bottom]`) sorted top down, those that touch merged into one. */
function merged(bands: readonly [number, number][]): [number, number][] {
  const result: [number, number][] = [];
  for (const [top, bottom] of [...bands].sort((a, b) => a[0] - b[0])) {
    const last = result.at(-1);
    if (last !== undefined && top <= last[1]) last[1] = Math.max(last[1], bottom);
    else result.push([top, bottom]);
  }
  return result;
}

/** The top nearest `desired`, not above `floor`, at which a box `height` high is clear of every band of `bands` (merged, top down). */
function clearTop(desired: number, height: number, floor: number, bands: readonly [number, number][]): number {
  const clear = (top: number): boolean => {
    if (top < floor) return false;
    // The first band ending below `top` is the only one the box could reach.
    let low = 0;
    let high = bands.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((bands[middle]?.[1] ?? Number.POSITIVE_INFINITY) <= top) low = middle + 1;
      else high = middle;
    }
    const band = bands[low];
    return band === undefined || top + height <= band[0];
  };
  const lowest = Math.max(floor, bands.at(-1)?.[1] ?? floor);
  const candidates = [Math.max(desired, floor), lowest, ...bands.flatMap(([top, bottom]) => [bottom, top - height])];
  let best = lowest;
  for (const top of candidates) if (clear(top) && Math.abs(top - desired) < Math.abs(best - desired)) best = top;
  return best;
}

/** The top-left corner of each box of `boxes`, laid out in layers (see the file's comment). */
export function layeredLayout(boxes: readonly LayoutBox[]): Map<string, { x: number; y: number }> {
  const column = columns(boxes);
  const placing = new Map(boxes.map((box): [string, Placing] => [box.id, { box, shape: boxShape({ ...box, outcomes: box.targets.length }), anchors: [], y: 0 }]));
  const byColumn = new Map<number, Placing[]>();
  for (const entry of placing.values()) {
    const at = column.get(entry.box.id) ?? 1;
    const list = byColumn.get(at);
    if (list === undefined) byColumn.set(at, [entry]);
    else list.push(entry);
  }
  const positions = new Map<string, { x: number; y: number }>();
  // Arrows placed so far that skip columns: the height they run at, and the column they end in.
  let passing: { y: number; end: number }[] = [];
  for (const at of [...byColumn.keys()].sort((a, b) => a - b)) {
    passing = passing.filter((arrow) => arrow.end > at);
    const bands = merged(passing.map((arrow): [number, number] => [arrow.y - PASSING_ROOM, arrow.y + PASSING_ROOM]));
    // A stable sort: boxes nothing leads to keep their order, below the rest (∞ − ∞ is NaN: a tie).
    const stacked = [...(byColumn.get(at) ?? [])].sort((a, b) => wanted(a) - wanted(b) || 0);
    let floor = Number.NEGATIVE_INFINITY;
    for (const entry of stacked) {
      const want = wanted(entry);
      entry.y = clearTop(Number.isFinite(want) ? want - entry.shape.into : Math.max(floor, 0), entry.shape.height, floor, bands);
      floor = entry.y + entry.shape.height + ROW_GAP;
      positions.set(entry.box.id, { x: at * COLUMN_WIDTH, y: entry.y });
    }
    // Arrows going right leave level from their outcomes; arrows going back are not laid out.
    for (const entry of stacked) {
      entry.box.targets.forEach((target, outcome) => {
        const to = placing.get(target);
        const end = column.get(target) ?? 1;
        if (to === undefined || end <= at) return;
        const y = entry.y + (entry.shape.outcomes[outcome] ?? entry.shape.into);
        to.anchors.push(y);
        if (end > at + 1) passing.push({ y, end });
      });
    }
  }
  return positions;
}

/**
 * The SVG path of an arrow from (`sourceX`, `sourceY`) to (`targetX`, `targetY`) that skips columns:
 * level past them, bending to its target in the gap before the target's column; undefined for an
 * arrow to the next column or back (drawn as a plain curve).
 */
export function levelPath(sourceX: number, sourceY: number, targetX: number, targetY: number): string | undefined {
  const bend = targetX - COLUMN_GAP;
  if (bend - sourceX < COLUMN_GAP) return undefined;
  const half = COLUMN_GAP / 2;
  return `M${sourceX},${sourceY} L${bend},${sourceY} C${bend + half},${sourceY} ${targetX - half},${targetY} ${targetX},${targetY}`;
}
