/** Lists what an export carries beside trees and nodes (scripts, email templates, themes…). */
import type { IgnoredItem } from './journey-file-content.ts';
import { isRecord } from './parse-journey-objects.ts';

const SINGULAR: Record<string, string> = {
  scripts: 'script',
  emailTemplates: 'emailTemplate',
  socialIdentityProviders: 'socialIdentityProvider',
  themes: 'theme',
  saml2Entities: 'saml2Entity',
  circlesOfTrust: 'circleOfTrust',
  nodeTypes: 'nodeType',
  variable: 'variable',
};

/** An item's `name`, else (list items) its `_id`, else `fallback` (its key or index). */
function nameOf(value: unknown, fallback: string, useId: boolean): string {
  if (isRecord(value)) {
    if (typeof value.name === 'string' && value.name !== '') return value.name;
    if (useId && typeof value._id === 'string' && value._id !== '') return value._id;
  }
  return fallback;
}

/** Every non-empty member of `container` except the keys in `skip`, as ignored items. */
export function ignoredExtras(container: Record<string, unknown>, skip: ReadonlySet<string>, file: string, tree?: string): IgnoredItem[] {
  const items: IgnoredItem[] = [];
  const push = (kind: string, name: string): void => {
    items.push(tree === undefined ? { file, kind, name } : { file, kind, name, tree });
  };
  for (const [key, value] of Object.entries(container)) {
    if (skip.has(key) || value === undefined || value === null) continue;
    const kind = SINGULAR[key] ?? key;
    if (Array.isArray(value)) {
      value.forEach((item, index) => push(kind, nameOf(item, String(index), true)));
    } else if (isRecord(value)) {
      for (const [id, item] of Object.entries(value)) push(kind, nameOf(item, id, false));
    } else {
      push(kind, String(value));
    }
  }
  return items;
}
