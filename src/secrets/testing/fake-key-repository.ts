/** An in-memory `KeyRepository` for unit tests: unique per (realm, purpose, kid), as the SQL store. */
import type { KeyRepository, StoredKey } from '../ports.ts';

/** The fake, plus what tests inspect. */
export interface FakeKeyRepository extends KeyRepository {
  rows: StoredKey[];
  insertAttempts: number;
}

/** Builds an empty fake key repository; `list` answers oldest first, then by kid. */
export function createFakeKeyRepository(): FakeKeyRepository {
  const fake: FakeKeyRepository = {
    rows: [],
    insertAttempts: 0,
    async list(realm, purpose) {
      return fake.rows
        .filter((row) => row.realm === realm && row.purpose === purpose)
        .sort((a, b) => a.createdAt - b.createdAt || (a.kid < b.kid ? -1 : 1))
        .map((row) => ({ ...row }));
    },
    async insertIfAbsent(key) {
      fake.insertAttempts++;
      if (!fake.rows.some((row) => row.realm === key.realm && row.purpose === key.purpose && row.kid === key.kid)) fake.rows.push({ ...key });
    },
  };
  return fake;
}
