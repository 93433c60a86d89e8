/**
 * How the identity layer stores security answers, wired from the KBA service: answers hashed by
 * the KBA answer hasher, stored forms accepted only within its cost limits (where a caller takes
 * stored forms at all: journeys that hashed them, the bulk import), under the property
 * `selfservice.kba` names (`kbaPropertyName`, read on every use so that a renamed property is
 * hashed and hidden at once; `kbaInfo` when no document is stored).
 */
import type { ConfigRepository } from '../config/ports.ts';
import type { KbaAnswerStorage } from '../identity/kba-answers.ts';
import { DEFAULT_KBA_PROPERTY } from '../identity/kba-answers.ts';
import type { KbaAnswerHasher } from '../selfservice/kba/kba-answer-hasher.ts';
import { readKbaConfig } from '../selfservice/kba/kba-config.ts';

/** The answer storage over `configs` and `answers`. */
export function kbaStorageFor(configs: ConfigRepository, answers: KbaAnswerHasher): Required<KbaAnswerStorage> {
  return {
    hashKbaAnswer: (answer) => answers.hash(answer),
    acceptStoredKbaAnswer: (stored) => answers.accepts(stored),
    kbaPropertyName: async () => (await readKbaConfig(configs))?.kbaPropertyName ?? DEFAULT_KBA_PROPERTY,
  };
}
