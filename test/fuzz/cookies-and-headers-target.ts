/**
 * Fuzz target 5, cookies and headers: the session cookie (random, truncated or bit-flipped real
 * tokens, doubled, among other cookies), `iPlanetDirectoryPro` as a header, `accept-api-version`,
 * `x-openidm-username`/`-password`/`-nosession`, `x-openam-username`/`-password`, `content-type`,
 * `accept-language`, `authorization`, `if-match`, `x-requested-with`, against AM, IDM and the pages.
 */
import fc from 'fast-check';
import { assertSoundAnswer } from './fuzz-checks.ts';
import { caseProperty, type FuzzTarget } from './fuzz-target.ts';
import { mutatedToken, nastyString } from './hostile-values.ts';

/** `[method, url, shape]` of the routes the headers go to. */
const ROUTES: readonly [string, string, 'crest' | 'page'][] = [
  ['POST', '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login', 'crest'],
  ['POST', '/am/json/realms/root/authenticate', 'crest'],
  ['POST', '/am/json/realms/root/realms/alpha/sessions?_action=validate', 'crest'],
  ['POST', '/am/json/realms/root/realms/alpha/sessions?_action=getSessionInfo', 'crest'],
  ['POST', '/am/json/realms/root/realms/alpha/sessions?_action=logout', 'crest'],
  ['POST', '/am/json/realms/root/realms/alpha/users?_action=idFromSession', 'crest'],
  ['GET', '/openidm/managed/alpha_user?_queryFilter=true&_pageSize=2', 'crest'],
  ['GET', '/openidm/info/login', 'crest'],
  ['GET', '/openidm/config/managed', 'crest'],
  ['GET', '/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees/trees?_queryFilter=true', 'crest'],
  ['GET', '/login?realm=alpha&journey=Login', 'page'],
  ['GET', '/account', 'page'],
];

/** Header values HTTP can carry (no CR, LF or NUL). */
function carried(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return value.map((text) => text.replace(/[\r\n\u0000]/g, ''));
}

const apiVersion = fc.oneof(fc.constantFrom('resource=2.1, protocol=1.0', 'resource=1.0', 'protocol=2.1,resource=4.0', 'resource=99', 'resource=', 'resource=x.y', ',,,', 'protocol=1.0;resource=2.0', 'resource=2.1, resource=1.0'), nastyString);
const contentType = fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/json;;', 'text/html', 'multipart/form-data', 'application/x-www-form-urlencoded', '*/*', ';', 'application/json; boundary="'), nastyString);

/** Session cookies and tokens built from the real ones. */
export function sessionValues(real: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...real), mutatedToken(real), nastyString, fc.string({ unit: 'binary-ascii', maxLength: 200 }), fc.constant('a'.repeat(10_000)));
}

/** Cookies and headers on AM, IDM and the pages. */
export const cookiesAndHeadersTarget: FuzzTarget = {
  name: 'cookies and headers',
  async prepare(arbor) {
    const session = sessionValues([arbor.userToken, arbor.adminToken]);
    const cookie = fc.oneof(
      carried(session).map((value) => `iPlanetDirectoryPro=${value.replace(/;/g, '')}`),
      fc.tuple(carried(session), carried(session)).map(([a, b]) => `iPlanetDirectoryPro=${a.replace(/;/g, '')}; iPlanetDirectoryPro=${b.replace(/;/g, '')}`),
      carried(fc.string({ maxLength: 60 })),
      fc.constantFrom('iPlanetDirectoryPro=%E0%A4%A', '=x', ';;;', 'iPlanetDirectoryPro', 'arbor-lang=xx; iPlanetDirectoryPro="quoted"'),
    );
    const headers = fc.record(
      {
        cookie,
        iplanetdirectorypro: carried(session),
        'accept-api-version': carried(apiVersion),
        'x-openidm-username': carried(fc.oneof(fc.constantFrom('amadmin', 'fuzzy', 'anonymous', 'openidm-admin'), nastyString)),
        'x-openidm-password': carried(fc.oneof(fc.constantFrom('Admin-Passw0rd!', 'Quiet-Harbour-Lamp-42', 'anonymous'), nastyString)),
        'x-openidm-nosession': carried(fc.oneof(fc.constantFrom('true', 'false'), nastyString)),
        'x-openam-username': carried(fc.oneof(fc.constantFrom('fuzzy', '=?UTF-8?B?AA==?=', '=?UTF-8?B?7aCA?='), nastyString)),
        'x-openam-password': carried(fc.oneof(fc.constantFrom('Quiet-Harbour-Lamp-42', '=?UTF-8?Q?a=00b?='), nastyString)),
        'content-type': carried(contentType),
        'accept-language': carried(fc.oneof(fc.constantFrom('fr-BE,fr;q=0.9', 'nl;q=x', '*', 'xx-YY', 'de;q=1e999'), nastyString)),
        authorization: carried(fc.oneof(session.map((value) => `Bearer ${value}`), fc.constantFrom('Basic !!!', 'Basic YW1hZG1pbjo=', 'Bearer'), nastyString)),
        'if-match': carried(nastyString),
        'x-requested-with': carried(nastyString),
      },
      { requiredKeys: [] },
    );
    return caseProperty(fc.record({ route: fc.constantFrom(...ROUTES), headers, body: fc.option(fc.constantFrom('{}', '{"tokenId":"x"}', '', 'junk'), { nil: undefined }) }), async ({ route: [method, url, shape], headers: sent, body }) => {
      const response = await arbor.inject({ method: method === 'GET' ? 'GET' : 'POST', url, headers: sent as Record<string, string>, ...(body === undefined || method === 'GET' ? {} : { payload: body }) });
      assertSoundAnswer(response, shape, `${method} ${url} with ${JSON.stringify(sent).slice(0, 600)}`);
    });
  },
};
