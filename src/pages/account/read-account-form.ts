/**
 * A posted account form (`application/x-www-form-urlencoded`) as a map of its fields; the last
 * value of a repeated field wins. Undefined when the body is not a form or has too many fields.
 */

/** The most fields an account form may carry (the profile and the security questions are the largest). */
const MAX_FIELDS = 200;

/** The fields of `body`, or undefined. */
export function readAccountForm(body: unknown): ReadonlyMap<string, string> | undefined {
  if (typeof body !== 'string') return undefined;
  const fields = new Map<string, string>();
  let count = 0;
  for (const [name, value] of new URLSearchParams(body)) {
    count += 1;
    if (count > MAX_FIELDS) return undefined;
    fields.set(name, value);
  }
  return fields;
}
