/**
 * Fuzz target 4, CREST bodies and PATCH on `/openidm/managed/alpha_user`: create (`_action=create`,
 * `PUT` a new id with `If-None-Match: *`), replace, PATCH and `_action=patch` with operations of
 * every kind (known and unknown, fields through `__proto__`, `from`, values of the wrong type,
 * huge, deep), as the administrator or as the end user on their own object; `If-Match`
 * revisions random; JSON text with dangerous or duplicate keys spliced in.
 */
import fc from 'fast-check';
import { assertSoundAnswer } from './fuzz-checks.ts';
import { caseProperty, type FuzzTarget } from './fuzz-target.ts';
import { deepJsonText, fieldValue, hostileValue, nastyString, percentEncode, withSplicedKey } from './hostile-values.ts';
import { callerHeaders } from './query-parameters-target.ts';

const FIELDS = ['userName', 'mail', 'givenName', 'sn', 'password', 'accountStatus', 'telephoneNumber', 'description', 'preferences', 'preferences/marketing', 'roles', 'authzRoles', 'manager', 'effectiveRoles', 'kbaInfo', 'consentedMappings', 'frIndexedString1', 'aliasList', '_id', '_rev', '__proto__', 'constructor', 'prototype'];
const field = fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...FIELDS).map((name) => `/${name}`), fc.array(fc.oneof(fc.constantFrom(...FIELDS, '-', '0', '99'), nastyString), { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`), nastyString);

/** A user object: known fields with plausible or hostile values, unknown fields. */
const userBody = fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: nastyString }), fc.oneof({ weight: 1, arbitrary: fc.constantFrom('Quiet-Harbour-Lamp-42', 'fz@example.com', 'Fred', 'active') }, { weight: 3, arbitrary: fieldValue }), { maxKeys: 8 });

const operation = fc.record(
  { operation: fc.oneof(fc.constantFrom('add', 'replace', 'remove', 'increment', 'transform', 'move', 'copy'), hostileValue), field: fc.oneof(field, hostileValue), from: fc.oneof(field, hostileValue), value: fieldValue },
  { requiredKeys: ['operation'] },
);
const patch = fc.oneof({ weight: 5, arbitrary: fc.array(operation, { maxLength: 5 }) }, { weight: 1, arbitrary: hostileValue });

const request = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), body: fc.oneof(userBody, hostileValue) }),
  fc.record({ kind: fc.constant('put-new' as const), body: fc.oneof(userBody, hostileValue), id: fc.oneof(fc.uuid(), nastyString) }),
  fc.record({ kind: fc.constant('replace' as const), body: fc.oneof(userBody, hostileValue) }),
  fc.record({ kind: fc.constant('patch' as const), body: patch }),
  fc.record({ kind: fc.constant('action-patch' as const), body: patch }),
);

const wire = fc.record({
  text: fc.option(fc.oneof(withSplicedKey(fc.constant('{"userName":"spliced","givenName":"Sp","sn":"Li","mail":"sp@example.com","password":"Quiet-Harbour-Lamp-42"}')), withSplicedKey(fc.constant('[{"operation":"replace","field":"/description","value":{"a":{"b":1}}}]')), deepJsonText, fc.string({ maxLength: 30 })), { nil: undefined, freq: 4 }),
  splice: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined, freq: 4 }),
  contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'application/json-patch+json', 'text/plain', 'application/json; charset=latin1'),
  ifMatch: fc.option(fc.oneof(fc.constantFrom('*', '"0"', '0', 'W/"1"'), nastyString), { nil: undefined }),
  caller: fc.constantFrom('admin', 'admin', 'user', 'anonymous'),
});

/** CREST writes on managed users. */
export const crestBodiesTarget: FuzzTarget = {
  name: 'CREST bodies and PATCH',
  async prepare(arbor) {
    return caseProperty(fc.record({ request, wire }), async ({ request: sent, wire: how }) => {
      const base = '/openidm/managed/alpha_user';
      const own = `${base}/${arbor.userId}`;
      const [method, url] =
        sent.kind === 'create' ? (['POST', `${base}?_action=create`] as const)
        : sent.kind === 'put-new' ? (['PUT', `${base}/${percentEncode(sent.id)}`] as const)
        : sent.kind === 'replace' ? (['PUT', own] as const)
        : sent.kind === 'patch' ? (['PATCH', own] as const)
        : (['POST', `${own}?_action=patch`] as const);
      let text = how.text ?? JSON.stringify(sent.body) ?? 'null';
      if (how.splice !== undefined) text = withSplicedText(text, how.splice);
      const headers: Record<string, string> = { ...callerHeaders(arbor, how.caller), 'content-type': how.contentType };
      if (sent.kind === 'put-new') headers['if-none-match'] = '*';
      if (how.ifMatch !== undefined) headers['if-match'] = how.ifMatch.replace(/[\r\n\u0000]/g, '');
      const response = await arbor.inject({ method, url, headers, payload: text });
      assertSoundAnswer(response, 'crest', `${method} ${url} (${sent.kind}) as ${how.caller}: ${text.slice(0, 200)}`);
    });
  },
};

function withSplicedText(text: string, [index, kind]: [number, number]): string {
  const opens = [...text.matchAll(/\{/g)];
  if (opens.length === 0) return text;
  const at = opens[index % opens.length]?.index ?? 0;
  const key = ['"__proto__":{"polluted":"yes"}', '"constructor":{"prototype":{"polluted":"yes"}}', '"userName":"twice"'][kind % 3] ?? '';
  return `${text.slice(0, at + 1)}${key}${text[at + 1] === '}' ? '' : ','}${text.slice(at + 1)}`;
}
