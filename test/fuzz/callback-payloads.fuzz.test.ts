/** CI run of the callback-payload fuzz target (the full count runs in `npm run bench:fuzz`). */
import { callbackPayloadsTarget } from './callback-payloads-target.ts';
import { fuzzInCi } from './fuzz-in-ci.ts';

fuzzInCi(callbackPayloadsTarget, 150, 'mutated callback payloads against every journey of alpha and root');
