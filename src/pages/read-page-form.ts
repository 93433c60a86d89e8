/**
 * A posted page (`application/x-www-form-urlencoded`) read back into the step answer the journey
 * service takes: the hidden journey fields, and one callback per `callback` field (its type, in
 * order) with the `IDToken<N>[suffix]` fields as its inputs. For a repeated field the last value
 * wins (a checkbox posts after its hidden `false`). The journey service checks the answer against
 * the step it sent, as it does for the REST API.
 */

/** The most fields and callbacks a page post may carry. */
const MAX_FIELDS = 300;
const MAX_CALLBACKS = 50;

/** A posted page. */
export interface PageForm {
  authId: string;
  csrf: string;
  realm: string;
  journey: string;
  goto: string;
  callbacks: { type: string; input: { name: string; value: unknown }[] }[];
  /** The password fields (`IDToken<N>`) whose confirmation (`IDToken<N>confirm`) was typed differently. */
  mismatched: string[];
}

function numberValue(value: string): unknown {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d{1,15}(\.\d{1,15})?$/.test(trimmed) ? Number(trimmed) : value;
}

/** The form, or undefined when the body is not one. */
export function readPageForm(body: unknown): PageForm | undefined {
  if (typeof body !== 'string') return undefined;
  const params = new URLSearchParams(body);
  const fields = new Map<string, string>();
  const types: string[] = [];
  let count = 0;
  for (const [name, value] of params) {
    count += 1;
    if (count > MAX_FIELDS) return undefined;
    if (name === 'callback') types.push(value);
    else fields.set(name, value);
  }
  if (types.length > MAX_CALLBACKS) return undefined;
  // A written-in value (`IDToken4question.custom`) replaces the chosen one when given.
  for (const [name, value] of [...fields]) {
    if (!name.endsWith('.custom')) continue;
    fields.delete(name);
    if (value.trim() !== '') fields.set(name.slice(0, -'.custom'.length), value);
  }
  // A confirmation field is the page's own: it never reaches the journey, only its mismatch does.
  const mismatched: string[] = [];
  for (const [name, value] of [...fields]) {
    const confirmed = /^(IDToken\d{1,3})confirm$/.exec(name)?.[1];
    if (confirmed === undefined) continue;
    fields.delete(name);
    if (fields.get(confirmed) !== value) mismatched.push(confirmed);
  }
  const callbacks: PageForm['callbacks'] = types.map((type) => ({ type, input: [] }));
  for (const [name, value] of fields) {
    const match = /^IDToken(\d{1,3})(.*)$/.exec(name);
    const callback = match === null ? undefined : callbacks[Number(match[1]) - 1];
    if (match === null || callback === undefined) continue;
    const main = match[2] === '';
    callback.input.push({ name, value: main && callback.type === 'NumberAttributeInputCallback' ? numberValue(value) : value });
  }
  const text = (name: string): string => fields.get(name) ?? '';
  return { authId: text('authId'), csrf: text('csrf'), realm: text('realm'), journey: text('journey'), goto: text('goto'), callbacks, mismatched };
}
