/** CI run of the cookie and header fuzz target (the full count runs in `npm run bench:fuzz`). */
import { cookiesAndHeadersTarget } from './cookies-and-headers-target.ts';
import { fuzzInCi } from './fuzz-in-ci.ts';

fuzzInCi(cookiesAndHeadersTarget, 300, 'session cookies, accept-api-version, x-openidm-*, content-type and other headers');
