/** CI run of the journey-import fuzz target (the full count runs in `npm run bench:fuzz`). */
import { fuzzInCi } from './fuzz-in-ci.ts';
import { journeyImportsTarget } from './journey-imports-target.ts';

fuzzInCi(journeyImportsTarget, 300, 'mutated journey exports through the import parser and the admin tree and node PUTs');
