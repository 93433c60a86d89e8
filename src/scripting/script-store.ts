/**
 * The scripts of each realm, kept as configuration documents (`realm/<realm>/scripts/<id>`) in
 * the config repository every backend has, so scripts need no table of their own. Reads go
 * through whatever `ConfigRepository` it is given (the platform's cached one for the engine, the
 * uncached one for administration).
 */
import type { ConfigRepository } from '../config/ports.ts';
import type { AmScript } from './am-script.ts';

/** Where a realm's scripts are kept. */
export function scriptPrefix(realm: string): string {
  return `realm/${realm}/scripts/`;
}

/** The document id of script `id` of `realm`. */
export function scriptDocumentId(realm: string, id: string): string {
  return `${scriptPrefix(realm)}${encodeURIComponent(id)}`;
}

/** Reading and writing a realm's scripts. */
export interface ScriptStore {
  get(realm: string, id: string): Promise<AmScript | undefined>;
  put(realm: string, script: AmScript): Promise<void>;
  delete(realm: string, id: string): Promise<boolean>;
  /** Every script of the realm, by id. */
  list(realm: string): Promise<AmScript[]>;
}

function isScript(value: unknown): value is AmScript {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record._id === 'string' && typeof record.script === 'string' && typeof record.language === 'string';
}

/** The script store over `configs`. */
export function configScriptStore(configs: ConfigRepository): ScriptStore {
  return {
    async get(realm, id) {
      const value = await configs.get(scriptDocumentId(realm, id));
      return isScript(value) ? value : undefined;
    },
    put: (realm, script) => configs.put(scriptDocumentId(realm, script._id), script),
    delete: (realm, id) => configs.delete(scriptDocumentId(realm, id)),
    async list(realm) {
      const scripts: AmScript[] = [];
      for (const id of await configs.list(scriptPrefix(realm))) {
        const value = await configs.get(id);
        if (isScript(value)) scripts.push(value);
      }
      return scripts;
    },
  };
}
