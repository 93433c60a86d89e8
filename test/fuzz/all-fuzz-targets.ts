/** Every fuzz target, in the order `bench/fuzz.ts` runs them. */
import { callbackPayloadsTarget } from './callback-payloads-target.ts';
import { cookiesAndHeadersTarget } from './cookies-and-headers-target.ts';
import { crestBodiesTarget } from './crest-bodies-target.ts';
import type { FuzzTarget } from './fuzz-target.ts';
import { journeyImportsTarget } from './journey-imports-target.ts';
import { journeyTokensTarget } from './journey-tokens-target.ts';
import { jwtsTarget } from './jwts-target.ts';
import { queryParametersTarget } from './query-parameters-target.ts';

export const ALL_FUZZ_TARGETS: readonly FuzzTarget[] = [callbackPayloadsTarget, queryParametersTarget, journeyImportsTarget, crestBodiesTarget, cookiesAndHeadersTarget, journeyTokensTarget, jwtsTarget];
