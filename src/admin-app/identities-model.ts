/**
 * What the identities view computes without a browser: a realm's user type, the free-text search
 * as a CREST query filter (quotes escaped), the fields a user's page shows from the `managed`
 * config's schema, the patch that saves a form, the words for a policy failure, and the
 * identities' place in the address fragment (`#/<realm>/identities[/create|/users/<id>]`).
 */
import { isRecord, own } from './am-client.ts';
import type { PatchOperation, PolicyFailure } from './idm-client.ts';

/** The managed type of a realm's users, as Arbor's default realms have it (`user`, `alpha_user`). */
export function userTypeOf(realm: string): string {
  return realm === 'root' ? 'user' : `${realm}_user`;
}

/** The attributes a free-text search looks in, when the schema marks them searchable. */
export const SEARCH_ATTRIBUTES = ['userName', 'givenName', 'sn', 'mail'];

/** `text` as a CREST string literal: in double quotes, backslashes and quotes escaped. */
export function filterString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The filter of a free-text search: `true` when empty, else `a sw "x" or b sw "x" …`. */
export function searchFilter(text: string, attributes: string[]): string {
  const needle = text.trim();
  if (needle === '' || attributes.length === 0) return 'true';
  return attributes.map((attribute) => `${attribute} sw ${filterString(needle)}`).join(' or ');
}

/** A property a user's page shows as a field. */
export interface UserField {
  name: string;
  title: string;
  kind: 'string' | 'number' | 'boolean';
  required: boolean;
}

/** What the page knows of the user type. */
export interface UserSchema {
  fields: UserField[];
  searchable: string[];
}

/** Used when the config does not list the type (Arbor then uses IDM's default user). */
const DEFAULT_SCHEMA: UserSchema = {
  fields: [
    { name: 'userName', title: 'Username', kind: 'string', required: true },
    { name: 'givenName', title: 'First Name', kind: 'string', required: true },
    { name: 'sn', title: 'Last Name', kind: 'string', required: true },
    { name: 'mail', title: 'Email Address', kind: 'string', required: true },
    { name: 'description', title: 'Description', kind: 'string', required: false },
    { name: 'accountStatus', title: 'Status', kind: 'string', required: false },
    { name: 'telephoneNumber', title: 'Telephone Number', kind: 'string', required: false },
  ],
  searchable: SEARCH_ATTRIBUTES,
};

const KINDS: Record<string, UserField['kind']> = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean' };

/**
 * The editable fields of `type` in a `managed` config: viewable, not private or virtual, of a
 * plain type (string, number, boolean), in the schema's `order`; the password has a form of its own.
 */
export function userSchemaOf(config: unknown, type: string): UserSchema {
  const objects = isRecord(config) ? own(config, 'objects') : undefined;
  const object = Array.isArray(objects) ? objects.find((entry) => isRecord(entry) && own(entry, 'name') === type) : undefined;
  const schema = isRecord(object) ? own(object, 'schema') : undefined;
  const properties = isRecord(schema) ? own(schema, 'properties') : undefined;
  if (!isRecord(schema) || !isRecord(properties)) return DEFAULT_SCHEMA;
  const order = own(schema, 'order');
  const required = own(schema, 'required');
  const requiredNames = new Set(Array.isArray(required) ? required.filter((name) => typeof name === 'string') : []);
  const names = [...(Array.isArray(order) ? order.filter((name): name is string => typeof name === 'string' && Object.hasOwn(properties, name)) : []), ...Object.keys(properties)];
  const fields: UserField[] = [];
  const searchable: string[] = [];
  for (const name of new Set(names)) {
    const property = own(properties, name);
    if (!isRecord(property) || name.startsWith('_') || name === 'password') continue;
    const kind = KINDS[String(own(property, 'type'))];
    const hidden = own(property, 'viewable') === false || own(property, 'scope') === 'private' || own(property, 'isVirtual') === true;
    if (kind === undefined || hidden) continue;
    const title = own(property, 'title');
    fields.push({ name, title: typeof title === 'string' && title !== '' ? title : name, kind, required: requiredNames.has(name) });
    if (own(property, 'searchable') === true && SEARCH_ATTRIBUTES.includes(name)) searchable.push(name);
  }
  return { fields, searchable };
}

/** A field's value as the form shows it. */
export function formValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** The form value of `field` as the JSON to store (`undefined` for an empty field). */
export function storedValue(field: UserField, text: string): unknown {
  if (field.kind === 'boolean') return text === 'true';
  if (text.trim() === '') return undefined;
  if (field.kind === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  return text;
}

/** The patch that turns `user` into the form's `values`: one operation per changed field. */
export function patchOf(fields: UserField[], user: Record<string, unknown>, values: Record<string, string>): PatchOperation[] {
  const operations: PatchOperation[] = [];
  for (const field of fields) {
    if (!Object.hasOwn(values, field.name)) continue;
    const next = storedValue(field, values[field.name] ?? '');
    const before = Object.hasOwn(user, field.name) ? user[field.name] : undefined;
    if (next === before || (next === undefined && (before === undefined || before === null || before === ''))) continue;
    operations.push(next === undefined ? { operation: 'remove', field: `/${field.name}` } : { operation: 'replace', field: `/${field.name}`, value: next });
  }
  return operations;
}

/** The object a create sends: the filled fields (and the password when given). */
export function createBody(fields: UserField[], values: Record<string, string>, password: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = storedValue(field, values[field.name] ?? '');
    if (value !== undefined && !(field.kind === 'boolean' && value === false)) body[field.name] = value;
  }
  if (password !== '') body.password = password;
  return body;
}

const WORDS: Record<string, (params: Record<string, unknown>) => string> = {
  REQUIRED: () => 'Required.',
  UNIQUE: () => 'Already used by another user.',
  VALID_EMAIL_ADDRESS_FORMAT: () => 'Not a valid email address.',
  MIN_LENGTH: (params) => `At least ${String(params.minLength)} characters.`,
  MAX_LENGTH: (params) => `At most ${String(params.maxLength)} characters.`,
  AT_LEAST_X_CAPITAL_LETTERS: (params) => `At least ${String(params.numCaps)} capital letter(s).`,
  AT_LEAST_X_NUMBERS: (params) => `At least ${String(params.numNums)} number(s).`,
  CANNOT_CONTAIN_OTHERS: (params) => `Must not contain ${Array.isArray(params.disallowedFields) ? params.disallowedFields.join(', ') : 'other attributes'}.`,
  CANNOT_CONTAIN_CHARACTERS: (params) => `Must not contain ${Array.isArray(params.forbiddenChars) ? params.forbiddenChars.join(' ') : 'these characters'}.`,
  IS_NEW: () => 'Was used recently; choose another.',
  VALID_USERNAME_FORMAT: () => 'Holds characters a user name cannot.',
};

/** One failed requirement in words (the requirement's name when it has none). */
export function failureText(failure: PolicyFailure): string {
  const words = Object.hasOwn(WORDS, failure.requirement) ? WORDS[failure.requirement] : undefined;
  return words === undefined ? failure.requirement : words(failure.params);
}

/** The failures grouped by property, in words. */
export function failuresByProperty(failures: PolicyFailure[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const failure of failures) grouped.set(failure.property, [...(grouped.get(failure.property) ?? []), failureText(failure)]);
  return grouped;
}

/** Where the identities are: the list, the new-user form, or one user's page. */
export type IdentitiesPlace = { view: 'list' } | { view: 'create' } | { view: 'user'; id: string };

/** The identities place a fragment names (`…/identities`, `…/identities/create`, `…/identities/users/<id>`), or `undefined` for another section. */
export function identitiesPlaceOf(hash: string): IdentitiesPlace | undefined {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[1] !== 'identities') return undefined;
  if (parts[2] === 'create' && parts.length === 3) return { view: 'create' };
  if (parts[2] === 'users' && parts.length === 4 && parts[3] !== '') {
    try {
      return { view: 'user', id: decodeURIComponent(parts[3] ?? '') };
    } catch {
      return { view: 'list' };
    }
  }
  return { view: 'list' };
}

/** The fragment of an identities place of `realm`. */
export function identitiesHref(realm: string, place: IdentitiesPlace = { view: 'list' }): string {
  const base = `#/${encodeURIComponent(realm)}/identities`;
  if (place.view === 'create') return `${base}/create`;
  if (place.view === 'user') return `${base}/users/${encodeURIComponent(place.id)}`;
  return base;
}
