/** CI run of the CREST body and PATCH fuzz target (the full count runs in `npm run bench:fuzz`). */
import { crestBodiesTarget } from './crest-bodies-target.ts';
import { fuzzInCi } from './fuzz-in-ci.ts';

fuzzInCi(crestBodiesTarget, 300, 'CREST bodies and PATCH operations on managed users');
