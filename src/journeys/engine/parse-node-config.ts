/**
 * Parses a stored node config (AM export shape, `_id`/`_type`/`_outcomes` included) against the
 * node's TypeBox schema: defaults filled, then checked. Used by the runner before `process` and
 * by tree validation on import, so every error names the offending field. AM writes `null` for
 * a setting that is not set (`"clientSecret": null`, `"issuer": null` in its exports): a top-level
 * `null` where the node's schema takes no `null` counts as absent (its default applies).
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { NodeDefinition } from './define-node.ts';

/** The result of parsing a node config: the typed config, or one message per invalid field. */
export type ParseNodeConfigResult<C> = { ok: true; config: C } | { ok: false; errors: string[] };

/** More errors than this are noise: the first ones are enough to fix an export. */
const MAX_ERRORS = 20;

/** Clones `raw`, fills the schema defaults and checks it; never mutates `raw`. */
export function parseNodeConfig<S extends TSchema>(definition: NodeDefinition<S>, raw: unknown): ParseNodeConfigResult<Static<S>> {
  const candidate: unknown = Value.Default(definition.config, withoutUnsetNulls(definition.config, Value.Clone(raw)));
  if (Value.Check(definition.config, candidate)) {
    return { ok: true, config: candidate };
  }
  const errors: string[] = [];
  for (const error of Value.Errors(definition.config, candidate)) {
    const message = `${fieldPath(error.path)}: ${error.message}`;
    if (!errors.includes(message)) errors.push(message);
    if (errors.length >= MAX_ERRORS) break;
  }
  return { ok: false, errors: errors.length > 0 ? errors : ['(config): invalid'] };
}

/** `value` (a clone) without the top-level `null`s its schema does not take. */
function withoutUnsetNulls(schema: TSchema, value: unknown): unknown {
  const properties: unknown = schema.properties;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof properties !== 'object' || properties === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] !== null || !Object.hasOwn(properties, key)) continue;
    const property = (properties as Record<string, TSchema>)[key];
    if (property !== undefined && !Value.Check(property, null)) delete record[key];
  }
  return record;
}

/** `/nodes/0/_id` → `nodes/0/_id`; the root is `(config)`. */
function fieldPath(pointer: string): string {
  const path = pointer.replace(/^\//, '');
  return path === '' ? '(config)' : path;
}
