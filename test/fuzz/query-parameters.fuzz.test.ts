/** CI run of the query-parameter fuzz target (the full count runs in `npm run bench:fuzz`). */
import { fuzzInCi } from './fuzz-in-ci.ts';
import { queryParametersTarget } from './query-parameters-target.ts';

fuzzInCi(queryParametersTarget, 200, '_queryFilter, _fields, _sortKeys and paging on managed users');
