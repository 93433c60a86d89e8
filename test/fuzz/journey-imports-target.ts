/**
 * Fuzz target 3, journey imports: mutated real exports (the default journeys, as AM REST and as
 * Frodo exports) and random JSON go through `arbor journey import`'s parser (`parseJourneyJson`,
 * `readJourneyBatch`: only typed journey-file errors, never a throw), and mutated trees and nodes
 * through AM's admin REST (`PUT …/trees/<name>`, `PUT …/nodes/<type>/<id>`, new names only, so the
 * realm's own journeys stay as they are).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { isJourneyFileError } from '../../src/journeys/trees/errors.ts';
import { readJourneyBatch } from '../../src/journeys/trees/read-journey-batch.ts';
import { parseJourneyJson } from '../../src/journeys/trees/read-journey-file.ts';
import { assertSoundAnswer } from './fuzz-checks.ts';
import { caseProperty, type FuzzTarget } from './fuzz-target.ts';
import { hostileValue, nastyString, percentEncode, spliceKey } from './hostile-values.ts';

const TREES = '/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees';

/** Replaces the value at a random place of `value` (walking `path` choices) with `replacement`. */
function replaceSomewhere(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const [choice = 0, ...rest] = path;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const copy = [...value];
    const index = choice % copy.length;
    copy[index] = replaceSomewhere(copy[index], rest, replacement);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[choice % keys.length] ?? '';
  return { ...value, [key]: replaceSomewhere((value as Record<string, unknown>)[key], rest, replacement) };
}

/** Deletes a random key somewhere in `value`. */
function dropSomewhere(value: unknown, path: readonly number[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const [choice = 0, ...rest] = path;
  const key = keys[choice % Math.max(1, keys.length)];
  if (key === undefined) return value;
  if (rest.length === 0) {
    const copy: Record<string, unknown> = { ...value };
    delete copy[key];
    return copy;
  }
  return { ...value, [key]: dropSomewhere((value as Record<string, unknown>)[key], rest) };
}

const change = fc.record({ path: fc.array(fc.nat(), { maxLength: 6 }), replacement: hostileValue, drop: fc.boolean() });

/** Journey imports through the parser and the admin REST. */
export const journeyImportsTarget: FuzzTarget = {
  name: 'journey imports',
  async prepare(arbor) {
    const exports: unknown[] = [];
    for (const name of ['Login', 'Registration', 'ResetPassword']) {
      const file = JSON.parse(await readFile(new URL(`../../src/journeys/trees/defaults/alpha/${name}.json`, import.meta.url), 'utf8')) as { tree: Record<string, unknown>; nodes: Record<string, unknown> };
      exports.push(file, { meta: { exportTool: 'frodo' }, trees: { [name]: { tree: file.tree, nodes: file.nodes, innerNodes: {}, scripts: {} } } }, { meta: {}, tree: file.tree, nodes: file.nodes, innerNodes: {} });
    }
    const login = await arbor.inject({ method: 'GET', url: `${TREES}/trees/Login`, headers: { iplanetdirectorypro: arbor.adminToken } });
    assert.equal(login.statusCode, 200, login.body);
    const tree = login.json<Record<string, unknown>>();
    const nodeIds = Object.keys((tree.nodes ?? {}) as Record<string, unknown>);
    const nodes: { type: string; body: unknown }[] = [];
    for (const id of nodeIds.slice(0, 4)) {
      const type = ((tree.nodes as Record<string, { nodeType?: string }>)[id]?.nodeType ?? 'PageNode').toString();
      const node = await arbor.inject({ method: 'GET', url: `${TREES}/nodes/${type}/${id}`, headers: { iplanetdirectorypro: arbor.adminToken } });
      if (node.statusCode === 200) nodes.push({ type, body: node.json() });
    }
    const input = fc.oneof(
      fc.record({ kind: fc.constant('parse' as const), file: fc.nat(exports.length - 1), changes: fc.array(change, { maxLength: 4 }), splice: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }), text: fc.option(fc.oneof(nastyString, fc.json()), { nil: undefined, freq: 6 }) }),
      fc.record({ kind: fc.constant('tree' as const), name: fc.oneof(fc.constantFrom('FuzzTree'), nastyString.map((value) => `Fuzz${value}`)), changes: fc.array(change, { maxLength: 3 }), splice: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }) }),
      fc.record({ kind: fc.constant('node' as const), node: fc.nat(Math.max(0, nodes.length - 1)), type: fc.option(nastyString, { nil: undefined, freq: 4 }), id: fc.oneof(fc.uuid(), nastyString.map((value) => `fuzz-${value}`)), changes: fc.array(change, { maxLength: 3 }), splice: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }) }),
    );
    const mutate = (value: unknown, changes: { path: number[]; replacement: unknown; drop: boolean }[]) => changes.reduce((current, next) => (next.drop ? dropSomewhere(current, next.path) : replaceSomewhere(current, next.path, next.replacement)), value);
    const text = (value: unknown, splice: [number, number] | undefined) => {
      const json = JSON.stringify(value) ?? 'null';
      return splice === undefined ? json : spliceKey(json, splice[0], splice[1]);
    };
    return caseProperty(input, async (sent) => {
      if (sent.kind === 'parse') {
        const body = sent.text ?? text(mutate(exports[sent.file], sent.changes), sent.splice);
        let json: unknown;
        try {
          json = parseJourneyJson(body, 'fuzz.json');
        } catch (error) {
          assert.ok(isJourneyFileError(error), `parseJourneyJson threw ${String(error)}`);
          return;
        }
        const batch = readJourneyBatch([{ name: 'fuzz.json', json }]);
        for (const error of batch.errors) assert.ok(isJourneyFileError(error));
        return;
      }
      const headers = { iplanetdirectorypro: arbor.adminToken, 'content-type': 'application/json' };
      if (sent.kind === 'tree') {
        const url = `${TREES}/trees/${percentEncode(sent.name)}`;
        const response = await arbor.inject({ method: 'PUT', url, headers, payload: text(mutate({ ...tree, _id: sent.name }, sent.changes), sent.splice) });
        assertSoundAnswer(response, 'crest', `PUT ${url}`);
        return;
      }
      const node = nodes[sent.node];
      if (node === undefined) return;
      const url = `${TREES}/nodes/${percentEncode(sent.type ?? node.type)}/${percentEncode(sent.id)}`;
      const response = await arbor.inject({ method: 'PUT', url, headers, payload: text(mutate(node.body, sent.changes), sent.splice) });
      assertSoundAnswer(response, 'crest', `PUT ${url}`);
    });
  },
};
