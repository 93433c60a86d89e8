/** CI run of the JWT fuzz target (the full count runs in `npm run bench:fuzz`). */
import { fuzzInCi } from './fuzz-in-ci.ts';
import { jwtsTarget } from './jwts-target.ts';

fuzzInCi(jwtsTarget, 200, 'random and mutated JWTs at the OpenID provider (client assertions, userinfo, introspection, id_token_hint)');
