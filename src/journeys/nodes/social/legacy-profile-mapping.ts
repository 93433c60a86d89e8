/**
 * AM's legacy account and attribute mapping (`JsonAttributeMapper`), as the legacy social nodes
 * configure it: `cfgAttributeMappingConfiguration` and `cfgAccountMapperConfiguration` map a raw
 * profile key (a dotted path into the JSON) to an attribute, and the mapper classes
 * (`…JsonAttributeMapper|<attribute or *>|<prefix>`) put a prefix before the values of an
 * attribute (`iplanet-am-user-alias-list` gets `google-`). The result is AM's shape: attribute →
 * list of text values.
 */

/** AM's alias attribute, and the managed-user property Arbor keeps aliases in. */
export const AM_ALIAS_ATTRIBUTE = 'iplanet-am-user-alias-list';
export const ALIAS_PROPERTY = 'aliasList';

/** Attribute values as AM keeps them in shared state (`userInfo.attributes`, `userInfo.userNames`). */
export type MappedAttributes = Record<string, string[]>;

/** The prefixes the mapper class texts give, by attribute (`*` for all). */
export function mapperPrefixes(classes: readonly string[]): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const entry of classes) {
    const [, attribute, prefix] = entry.split('|');
    if (attribute !== undefined && attribute !== '' && prefix !== undefined) prefixes.set(attribute, prefix);
  }
  return prefixes;
}

function valueAt(profile: Record<string, unknown>, path: string): unknown {
  let current: unknown = profile;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function texts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => (typeof item === 'string' && item !== '' ? [item] : typeof item === 'number' || typeof item === 'boolean' ? [String(item)] : []));
}

/** Maps `profile` with `mapping` (raw key → attribute), each value prefixed as `prefixes` say. */
export function mapProfile(profile: Record<string, unknown>, mapping: Readonly<Record<string, string>>, prefixes: ReadonlyMap<string, string>): MappedAttributes {
  const mapped: MappedAttributes = {};
  for (const [rawKey, attribute] of Object.entries(mapping)) {
    const prefix = prefixes.get(attribute) ?? prefixes.get('*') ?? '';
    const values = texts(valueAt(profile, rawKey)).map((value) => `${prefix}${value}`);
    if (values.length === 0) continue;
    mapped[attribute] = [...new Set([...(mapped[attribute] ?? []), ...values])];
  }
  return mapped;
}
