/**
 * The `_queryFilter` test table shared by the in-memory evaluator and every SQL store: one
 * population, filters with the ids they must select (in id order), and invalid filters with the
 * 400 message they must produce. All three implementations run it and must agree row for row.
 */

/** One object of the population: `_id` and its properties. */
export interface QueryFilterTableObject {
  id: string;
  data: Record<string, unknown>;
}

/** A valid filter and the ids it selects, ascending. */
export interface ValidQueryFilterRow {
  filter: string;
  expectedIds: string[];
}

/** An invalid filter and the message its INVALID_QUERY_FILTER error must match. */
export interface InvalidQueryFilterRow {
  filter: string;
  error: RegExp;
}

/** Mixed case, accents, numbers and numeric strings, booleans, nulls, missing fields, nesting, arrays, LIKE metacharacters. */
export const QUERY_FILTER_OBJECTS: readonly QueryFilterTableObject[] = [
  { id: 'u01', data: { userName: 'Alice', mail: 'alice@example.com', sn: 'Smith', age: 30, active: true, score: 9.5, city: 'Paris',
    preferences: { marketing: true, language: 'en' }, tags: ['Admin', 'staff'] } },
  { id: 'u02', data: { userName: 'bob', mail: 'BOB@Example.com', sn: 'Jones', age: 25, active: false,
    preferences: { marketing: false, language: 'fr' }, tags: ['staff'] } },
  { id: 'u03', data: { userName: 'ÉLODIE', sn: 'Dupré', age: 41, active: true, city: 'Orléans', tags: [] } },
  { id: 'u04', data: { userName: 'elodie', sn: 'Dupre', age: '41', active: 'true', city: 'orleans' } },
  { id: 'u05', data: { userName: 'carol', sn: null, mail: null, age: 30.5, preferences: { marketing: 'yes', language: null } } },
  { id: 'u06', data: { userName: '100%_sure', code: 'a_b' } },
  { id: 'u07', data: { userName: '100 percent', code: 'axb' } },
  { id: 'u08', data: { userName: 'back\\slash', code: 'c:\\temp' } },
  { id: 'u09', data: { userName: 'dave', age: -5, score: 1000, tags: [1, 2, 3] } },
  { id: 'u10', data: { userName: 'Eve', age: 0, active: null, tags: ['ADMIN', { role: 'admin' }, ['nested']] } },
  { id: 'u11', data: { userName: 'frank', age: 99.5, preferences: { language: 'EN', theme: { color: 'Dark' } } } },
  { id: 'u12', data: { userName: 'Zoë', sn: 'Zed', age: 18, score: 0.25 } },
  { id: 'u13', data: {} },
  { id: 'u14', data: { userName: 'グレース', givenName: 'ÅSA' } },
  { id: 'u15', data: { userName: 'Alice2', mail: 'alice2@example.com', age: 30, preferences: null, tags: 'Admin' } },
  { id: 'u16', data: { userName: 'true', active: 1, code: 42, age: '30' } },
];

const ALL = QUERY_FILTER_OBJECTS.map((o) => o.id);
/** Every id except `ids`. */
const except = (...ids: string[]): string[] => ALL.filter((id) => !ids.includes(id));
const row = (filter: string, ...expectedIds: string[]): ValidQueryFilterRow => ({ filter, expectedIds });

/** Valid filters: every operator, `!`, precedence, parentheses, `in`, `pr`, nested pointers, arrays, mixed types. */
export const VALID_QUERY_FILTER_ROWS: readonly ValidQueryFilterRow[] = [
  row('true', ...ALL),
  row('false'),
  // eq on strings: case-insensitive, accents are letters of their own.
  row('userName eq "alice"', 'u01'),
  row('/userName eq "ALICE"', 'u01'),
  row('userName eq "élodie"', 'u03'),
  row('userName eq "elodie"', 'u04'),
  row('city eq "ORLÉANS"', 'u03'),
  row('givenName eq "åsa"', 'u14'),
  row("userName eq 'bob'", 'u02'),
  row('userName eq "true"', 'u16'),
  row('userName eq true'),
  row('userName eq "back\\\\slash"', 'u08'),
  // co / sw, with LIKE metacharacters taken literally.
  row('userName co "LI"', 'u01', 'u15'),
  row('userName sw "al"', 'u01', 'u15'),
  row('userName sw "É"', 'u03'),
  row('city sw "orl"', 'u03', 'u04'),
  row('userName co ""', ...except('u13')),
  row('userName co "%"', 'u06'),
  row('userName co "_"', 'u06'),
  row('userName co "0%_"', 'u06'),
  row('userName sw "100%"', 'u06'),
  row('userName sw "100_"'),
  row('code sw "a_"', 'u06'),
  row('userName co "\\\\"', 'u08'),
  row('code co ":\\\\t"', 'u08'),
  // Numbers: exact, never their string form; ordering compares numbers with numbers only.
  row('age eq 30', 'u01', 'u15'),
  row('age eq 30.0', 'u01', 'u15'),
  row('age eq 41', 'u03'),
  row('age eq "41"', 'u04'),
  row('age eq -5', 'u09'),
  row('score eq 1E3', 'u09'),
  row('age gt 30', 'u03', 'u05', 'u11'),
  row('age ge 30', 'u01', 'u03', 'u05', 'u11', 'u15'),
  row('age lt 0', 'u09'),
  row('age le 0', 'u09', 'u10'),
  row('age lt 1e2', 'u01', 'u02', 'u03', 'u05', 'u09', 'u10', 'u11', 'u12', 'u15'),
  row('score ge 2.5E-1', 'u01', 'u09', 'u12'),
  row('score lt 1', 'u12'),
  row('age gt "3"', 'u04', 'u16'),
  row('age co "4"', 'u04'),
  row('age sw 4'),
  row('code eq 42', 'u16'),
  row('code eq "42"'),
  // Strings order by code point after folding.
  row('userName gt "x"', 'u03', 'u12', 'u14'),
  row('userName lt "b"', 'u01', 'u06', 'u07', 'u15'),
  row('userName le "BOB"', 'u01', 'u02', 'u06', 'u07', 'u08', 'u15'),
  row('sn ge "z"', 'u12'),
  // Booleans: true is neither "true" nor 1.
  row('active eq true', 'u01', 'u03'),
  row('active eq false', 'u02'),
  row('active eq "true"', 'u04'),
  row('active eq 1', 'u16'),
  // pr and eq null: present means not missing, not null, not an empty array.
  row('active pr', 'u01', 'u02', 'u03', 'u04', 'u16'),
  row('sn pr', 'u01', 'u02', 'u03', 'u04', 'u12'),
  row('tags pr', 'u01', 'u02', 'u09', 'u10', 'u15'),
  row('userName eq null', 'u13'),
  row('mail eq null', ...except('u01', 'u02', 'u15')),
  row('tags eq null', ...except('u01', 'u02', 'u09', 'u10', 'u15')),
  // Arrays of scalars: any element; objects and nested arrays inside never match; no indexing.
  row('tags eq "admin"', 'u01', 'u10', 'u15'),
  row('tags co "DMI"', 'u01', 'u10', 'u15'),
  row('tags sw "st"', 'u01', 'u02'),
  row('tags eq 2', 'u09'),
  row('tags gt 2', 'u09'),
  row('tags eq "nested"'),
  row('tags eq "role"'),
  row('/tags/role eq "admin"'),
  row('/tags/0 eq "admin"'),
  row('!(tags eq "staff")', ...except('u01', 'u02')),
  // Nested pointers.
  row('preferences/marketing eq true', 'u01'),
  row('/preferences/marketing eq false', 'u02'),
  row('/preferences/marketing eq "YES"', 'u05'),
  row('/preferences/marketing pr', 'u01', 'u02', 'u05'),
  row('/preferences/marketing eq null', ...except('u01', 'u02', 'u05')),
  row('/preferences/language eq "en"', 'u01', 'u11'),
  row('/preferences/language pr', 'u01', 'u02', 'u11'),
  row('/preferences/theme/color eq "dark"', 'u11'),
  row('/preferences pr', 'u01', 'u02', 'u05', 'u11'),
  row('preferences eq "x"'),
  row('/userName/first pr'),
  // _id: the key, compared exactly.
  row('_id eq "u03"', 'u03'),
  row('_id eq "U03"'),
  row('_id sw "u1"', 'u10', 'u11', 'u12', 'u13', 'u14', 'u15', 'u16'),
  row('_id pr', ...ALL),
  row('_id in \'["u01","u05","nope"]\'', 'u01', 'u05'),
  // in
  row('userName in \'["ALICE","bob","zoë"]\'', 'u01', 'u02', 'u12'),
  row('age in \'[30, "41", true]\'', 'u01', 'u04', 'u15'),
  row('tags in "[\\"STAFF\\", 3]"', 'u01', 'u02', 'u09'),
  row("userName in '[]'"),
  // Precedence, parentheses and negation.
  row('userName eq "alice" or userName eq "bob" and age eq 99', 'u01'),
  row('(userName eq "alice" or userName eq "bob") and age eq 25', 'u02'),
  row('!userName pr', 'u13'),
  row('!age eq 30', ...except('u01', 'u15')),
  row('!(age ge 30) and age pr', 'u02', 'u04', 'u09', 'u10', 'u12', 'u16'),
  row('!!(userName eq "bob")', 'u02'),
  row('! (active eq true or active eq false)', ...except('u01', 'u02', 'u03')),
  row('true and userName eq "bob"', 'u02'),
  row('false or _id eq "u13"', 'u13'),
  row('userName eq "bob" and (false or true)', 'u02'),
  row('((((userName eq "bob"))))', 'u02'),
  row(`${'('.repeat(64)}_id eq "u07"${')'.repeat(64)}`, 'u07'),
  row('userName sw "a" and !(userName eq "alice2") or _id eq "u16" and active eq 1', 'u01', 'u16'),
];

/** Invalid filters and the message of the INVALID_QUERY_FILTER error each must raise. */
export const INVALID_QUERY_FILTER_ROWS: readonly InvalidQueryFilterRow[] = [
  { filter: '', error: /^Invalid query filter at position 0: expected a filter$/ },
  { filter: 'userName eq', error: /^Invalid query filter at position 11: expected a value after "eq"$/ },
  { filter: '/userName eq ', error: /^Invalid query filter at position 13: expected a value after "eq"$/ },
  { filter: 'userName eq bob', error: /position 12: expected a value after "eq", found "bob" \(strings must be quoted\)/ },
  { filter: 'age eq 1.', error: /position 7: expected a value after "eq", found "1\."/ },
  { filter: 'age eq 01', error: /position 7: expected a value after "eq", found "01"/ },
  { filter: 'age eq +1', error: /position 7: expected a value after "eq", found "\+1"/ },
  { filter: 'age eq 1e999', error: /position 7: number 1e999 is out of range/ },
  { filter: 'userName ew "x"', error: /position 9: unsupported operator "ew" \(supported: eq, co, sw, lt, le, gt, ge, in, pr\)/ },
  { filter: 'userName EQ "x"', error: /position 9: unsupported operator "EQ"/ },
  { filter: 'userName eq "x" AND age eq 1', error: /position 16: expected "and", "or" or end of input, found "AND"/ },
  { filter: 'true false', error: /position 5: expected "and", "or" or end of input, found "false"/ },
  { filter: 'userName pr pr', error: /position 12: expected "and", "or" or end of input, found "pr"/ },
  { filter: 'userName eq "x")', error: /position 15: expected "and", "or" or end of input, found "\)"/ },
  { filter: 'userName eq "x', error: /position 12: unterminated string \(no closing "\)/ },
  { filter: "userName eq 'x", error: /position 12: unterminated string \(no closing '\)/ },
  { filter: 'userName eq "a\\qb"', error: /position 14: invalid escape sequence "\\q" in a string/ },
  { filter: '(userName eq "x"', error: /position 16: expected "\)" to close the "\(" at position 0/ },
  { filter: '(userName eq "x" true)', error: /position 17: expected "and", "or" or "\)", found "true"/ },
  { filter: 'userName eq "x" and', error: /^Invalid query filter at position 19: expected a filter after "and"$/ },
  { filter: 'userName eq "x" or', error: /position 18: expected a filter after "or"$/ },
  { filter: 'userName eq "x" and or age pr', error: /position 20: expected a filter after "and", found "or"/ },
  { filter: 'and eq 1', error: /position 0: expected a filter, found "and"/ },
  { filter: '"userName" eq "x"', error: /position 0: expected a filter, found the string "userName"/ },
  { filter: '!', error: /position 1: expected a filter after "!"$/ },
  { filter: '()', error: /position 1: expected a filter after "\(", found "\)"/ },
  { filter: 'userName', error: /^Invalid query filter at position 8: expected an operator after "userName"$/ },
  { filter: 'userName "x"', error: /position 9: expected an operator after "userName", found the string "x"/ },
  { filter: 'userName in', error: /position 11: expected a quoted JSON array after "in"$/ },
  { filter: 'roles in ["a"]', error: /position 9: expected a quoted JSON array after "in", found "\["/ },
  { filter: 'roles in "a"', error: /position 9: expected a quoted JSON array after "in", found invalid JSON/ },
  { filter: "roles in '[null]'", error: /position 9: expected a JSON array of strings, numbers or booleans after "in"/ },
  { filter: 'roles in \'{"a":1}\'', error: /position 9: expected a JSON array of strings, numbers or booleans after "in"/ },
  { filter: '/effectiveRoles[/_refResourceId eq "x"]', error: /position 15: array element filters \("\[…\]"\) are not supported/ },
  { filter: '//userName eq "x"', error: /position 0: expected a field pointer, found "\/\/userName" \(empty segment\)/ },
  { filter: 'userName/ pr', error: /position 0: expected a field pointer, found "userName\/" \(empty segment\)/ },
  { filter: '/ eq "x"', error: /position 0: expected a field pointer/ },
  { filter: 'a~2b pr', error: /position 0: invalid "~" escape in the field pointer "a~2b"/ },
  { filter: `${'('.repeat(65)}true${')'.repeat(65)}`, error: /position 64: filter nested deeper than 64 levels/ },
  { filter: `${'!'.repeat(65)}true`, error: /position 64: filter nested deeper than 64 levels/ },
  { filter: `userName eq "${'x'.repeat(8200)}"`, error: /position 0: the filter is longer than 8192 bytes/ },
];
