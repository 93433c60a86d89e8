/** CI run of the authId and suspendedId fuzz target (the full count runs in `npm run bench:fuzz`). */
import { fuzzInCi } from './fuzz-in-ci.ts';
import { journeyTokensTarget } from './journey-tokens-target.ts';

fuzzInCi(journeyTokensTarget, 300, 'random, truncated and bit-flipped authIds and suspendedIds');
