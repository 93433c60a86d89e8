/**
 * The changes between two exports of a realm, per object: `+` a file only in `after`, `-` one only
 * in `before`, `~` one in both with another text. A script's source (`.js`) is part of its object:
 * a change of either file is one change of `scripts/<id>.json`.
 */
import type { ConfigFiles } from './config-files.ts';

/** One changed object, named by its file. */
export interface ConfigChange {
  kind: '+' | '~' | '-';
  file: string;
}

const objectFile = (path: string): string => (path.endsWith('.js') ? `${path.slice(0, -'.js'.length)}.json` : path);

/** The changes from `before` to `after`, sorted by file. */
export function diffConfigFiles(before: ConfigFiles, after: ConfigFiles): ConfigChange[] {
  const changes = new Map<string, ConfigChange['kind']>();
  const note = (path: string, kind: ConfigChange['kind']): void => {
    const file = objectFile(path);
    const known = changes.get(file);
    // A script gaining or losing only its source is still one change of the script.
    changes.set(file, known === undefined || known === kind ? kind : '~');
  };
  for (const [path, text] of after) {
    const old = before.get(path);
    if (old === undefined) note(path, before.has(objectFile(path)) ? '~' : '+');
    else if (old !== text) note(path, '~');
  }
  for (const path of before.keys()) if (!after.has(path)) note(path, after.has(objectFile(path)) ? '~' : '-');
  return [...changes].map(([file, kind]) => ({ kind, file })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
