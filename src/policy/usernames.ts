/**
 * What a username is, whichever path writes or looks it up: IDM REST, journeys (the Validated
 * Username callback, Create and Patch Object, sign-in), the CLI and the bulk import.
 *
 * - **Normalized, silently**: Unicode NFKC (composed and decomposed forms, fullwidth letters and
 *   other compatibility characters become one spelling) and spaces trimmed at both ends. Stored so,
 *   and looked up so: `Bob` typed decomposed, fullwidth or with a trailing space finds `Bob`.
 * - **Refused** (`VALID_USERNAME_FORMAT`): control characters (NUL, CR, LF, tab…), format and other
 *   invisible characters (zero-width spaces and joiners, bidirectional overrides, the byte order
 *   mark, variation selectors, Hangul fillers), line and paragraph separators, lone surrogates,
 *   private-use and unassigned code points, anywhere in the name.
 * - **Refused** (`MAX_LENGTH`, `{maxLength: 255}`): more than 255 code points once normalized.
 *
 * A username property is `userName`, or any property with IDM's `valid-username` policy.
 */
import type { ManagedObjectSchema, ManagedProperty } from '../identity/managed-schema.ts';

/** Longest username, in code points once normalized. */
export const MAX_USERNAME_CODE_POINTS = 255;

/** Characters no username may contain (checked after normalization). */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** Spaces at either end (after NFKC, every space is U+0020 but for U+1680). */
const EDGE_SPACES = /^\p{Zs}+|\p{Zs}+$/gu;

/** `name` in its stored form: NFKC, spaces trimmed. Control and invisible characters are kept (and refused by the policy). */
export function normalizeUsername(name: string): string {
  return name.normalize('NFKC').replace(EDGE_SPACES, '');
}

/** True when a normalized name holds a character no username may contain. */
export function hasForbiddenUsernameCharacter(name: string): boolean {
  return FORBIDDEN.test(name);
}

/** The length that counts: code points, not UTF-16 units. */
export function usernameLength(name: string): number {
  let count = 0;
  for (const _ of name) count += 1;
  return count;
}

/** True for a username property: `userName`, or one with the `valid-username` policy. */
export function isUsernameProperty(name: string, property: ManagedProperty | undefined): boolean {
  return name === 'userName' || (property?.policies ?? []).some((policy) => policy.policyId === 'valid-username');
}

/** Names of the schema's top-level username properties. */
export function usernameProperties(schema: ManagedObjectSchema): string[] {
  const names = Object.entries(schema.properties)
    .filter(([name, property]) => isUsernameProperty(name, property))
    .map(([name]) => name);
  return names.includes('userName') ? names : [...names, 'userName'];
}

/** `data` with every string username property normalized (a copy when one changes). */
export function normalizeUsernames(schema: ManagedObjectSchema, data: Record<string, unknown>): Record<string, unknown> {
  let result = data;
  for (const name of usernameProperties(schema)) {
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    if (typeof value !== 'string') continue;
    const normalized = normalizeUsername(value);
    if (normalized !== value) result = { ...result, [name]: normalized };
  }
  return result;
}
