/**
 * Fuzz target 2, CREST queries on `/openidm/managed/alpha_user`: `_queryFilter` from the CREST
 * grammar (paths, operators, literals, `and`/`or`/`!`, parentheses, JSON pointers through
 * `__proto__`) with random tokens mixed in, and random text; `_fields`, `_sortKeys`, `_pageSize`,
 * `_pagedResultsOffset`, `_pagedResultsCookie`, `_totalPagedResultsPolicy`, `_queryId`, as the
 * administrator or as the end user.
 */
import fc from 'fast-check';
import type { FuzzArbor } from './fuzz-arbor.ts';
import { assertSoundAnswer } from './fuzz-checks.ts';
import { caseProperty, type FuzzTarget } from './fuzz-target.ts';
import { hugeString, nastyString, oddNumber, percentEncode } from './hostile-values.ts';

const FIELDS = ['userName', 'mail', 'givenName', 'sn', '_id', '_rev', 'accountStatus', 'password', 'preferences', 'preferences/marketing', 'effectiveRoles', 'roles', 'manager', 'frIndexedString1', 'aliasList', '__proto__', 'constructor/prototype', 'toString', '*', '', '/', '//', 'a'.repeat(300)];
const OPERATORS = ['eq', 'co', 'sw', 'gt', 'ge', 'lt', 'le', 'EQ', 'ne', 'pr', 'like', ''];

/** A JSON pointer or path, known or not. */
const path = fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...FIELDS).map((field) => `/${field}`), fc.array(fc.oneof(fc.constantFrom(...FIELDS), nastyString), { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`));

/** A literal: quoted strings (escapes, unicode, unterminated), numbers, booleans, null, junk. */
const literal = fc.oneof(
  nastyString.map((value) => JSON.stringify(value)),
  nastyString.map((value) => `"${value}`),
  nastyString.map((value) => `'${value}'`),
  oddNumber.map(String),
  fc.constantFrom('true', 'false', 'null', '1e999', '-', '"\\u00"', '"\\x"', '""'),
);

/** Filters from the grammar, with random atoms mixed in. */
const grammarFilter: fc.Arbitrary<string> = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('true', 'false', 'TRUE', '!true'),
    fc.tuple(path, fc.constantFrom(...OPERATORS), literal).map(([field, operator, value]) => `${field} ${operator} ${value}`),
    path.map((field) => `${field} pr`),
    tie('filter').map((inner) => `!(${inner})`),
    tie('filter').map((inner) => `(${inner})`),
    fc.tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND', 'xor', '&&'), tie('filter')).map(([left, operator, right]) => `${left} ${operator} ${right}`),
    fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean()).map(([depth, negate]) => `${(negate ? '!(' : '(').repeat(depth)}true${')'.repeat(depth)}`),
    fc.integer({ min: 50, max: 2000 }).map((count) => Array.from({ length: count }, (_, index) => `userName eq "u${index}"`).join(' or ')),
  ),
})).filter;

const filter = fc.oneof({ weight: 5, arbitrary: grammarFilter }, { weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: hugeString });

const fieldList = fc.oneof(fc.array(fc.oneof(fc.constantFrom(...FIELDS), nastyString), { maxLength: 5 }).map((fields) => fields.join(',')), nastyString);
const sortKeys = fc.oneof(fc.array(fc.tuple(fc.constantFrom('', '+', '-', '--'), fc.oneof(fc.constantFrom(...FIELDS), nastyString)), { maxLength: 4 }).map((keys) => keys.map(([sign, key]) => `${sign}${key}`).join(',')), nastyString);
const numberText = fc.oneof(oddNumber.map(String), nastyString, fc.constantFrom('0', '1', '-1', '10', '1000000', '1e3', '2147483648'));

const query = fc.record(
  {
    _queryFilter: filter,
    _fields: fieldList,
    _sortKeys: sortKeys,
    _pageSize: numberText,
    _pagedResultsOffset: numberText,
    _pagedResultsCookie: fc.oneof(nastyString, fc.base64String({ maxLength: 40 })),
    _totalPagedResultsPolicy: fc.oneof(fc.constantFrom('NONE', 'EXACT', 'ESTIMATE'), nastyString),
    _queryId: fc.oneof(fc.constantFrom('query-all-ids', 'query-all', 'for-userName'), nastyString),
    _prettyPrint: fc.constantFrom('true', 'false', 'x'),
  },
  { requiredKeys: [] },
);

const caller = fc.constantFrom('admin', 'user', 'anonymous');

/** Appends `name=value` pairs to a URL, percent-encoding the UTF-8 of each (lone surrogates as U+FFFD). */
export function withQuery(base: string, parameters: Record<string, string>): string {
  const pairs = Object.entries(parameters).map(([name, value]) => `${name}=${percentEncode(value)}`);
  return pairs.length === 0 ? base : `${base}?${pairs.join('&')}`;
}

/** The headers of `who`. */
export function callerHeaders(arbor: FuzzArbor, who: string): Record<string, string> {
  if (who === 'admin') return { iplanetdirectorypro: arbor.adminToken };
  if (who === 'user') return { cookie: `iPlanetDirectoryPro=${arbor.userToken}` };
  return {};
}

/** CREST query parameters on managed users. */
export const queryParametersTarget: FuzzTarget = {
  name: 'query filters and paging',
  async prepare(arbor) {
    return caseProperty(fc.record({ query, caller, resource: fc.constantFrom('/openidm/managed/alpha_user', '/openidm/managed/user', '/openidm/managed/alpha_role') }), async (input) => {
      const url = withQuery(input.resource, input.query as Record<string, string>);
      const response = await arbor.inject({ method: 'GET', url, headers: callerHeaders(arbor, input.caller) });
      assertSoundAnswer(response, 'crest', `GET ${url.slice(0, 400)} as ${input.caller}`);
    });
  },
};
