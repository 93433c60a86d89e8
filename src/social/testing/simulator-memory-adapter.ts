/**
 * The itsme simulator's storage for oidc-provider: one in-memory map per simulator (its codes,
 * sessions, interactions, grants), gone with it. Tests only; oidc-provider's own development
 * adapter does the same but warns on every start.
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** An adapter factory whose models share one map (keys carry the model name). */
export function simulatorMemoryAdapter(now: () => number = Date.now): AdapterFactory {
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return (name: string): Adapter => {
    const key = (id: string) => `${name}:${id}`;
    const findBy = (field: 'uid' | 'userCode', value: string) => {
      for (const [stored] of entries) {
        if (!stored.startsWith(`${name}:`)) continue;
        const entry = live(stored);
        if (entry?.payload[field] === value) return entry.payload;
      }
      return undefined;
    };
    return {
      async upsert(id, payload, expiresIn) {
        entries.set(key(id), { payload: { ...payload }, expiresAt: expiresIn === undefined ? undefined : now() + expiresIn * 1000 });
      },
      async find(id) {
        return live(key(id))?.payload;
      },
      async findByUid(uid) {
        return findBy('uid', uid);
      },
      async findByUserCode(userCode) {
        return findBy('userCode', userCode);
      },
      async consume(id) {
        const entry = live(key(id));
        if (entry !== undefined) entry.payload = { ...entry.payload, consumed: Math.floor(now() / 1000) };
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [stored, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(stored);
      },
    };
  };
}
