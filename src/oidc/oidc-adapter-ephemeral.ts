/**
 * The adapter of a short-lived `oidc-provider` model on the ephemeral store. Keys:
 * `oidc:<realm>:<model>:<hash(id)>` holds `{"exp": epoch ms, "payload": {…}}`;
 * `…:<hash(id)>:consumed` the consume counter; `oidc:<realm>:<model>:uid:<hash(uid)>` and
 * `…:userCode:<hash(code)>` the hashed id of the record they find (checked against the record's own
 * payload, so a stale pointer finds nothing). Every entry expires with its record.
 *
 * Revoking a grant writes one marker, `oidc:<realm>:revoked-grant:<hash(grantId)>`, kept as long as
 * any short-lived record can live: a record of a revoked grant is never found again (and is removed
 * when met). A grant may be refreshed any number of times: nothing per grant grows with its tokens.
 *
 * `consume` is atomic across processes: the first `increment` of the consume counter wins; any
 * later consumer (a code redeemed twice at once) gets invalid_grant, so only one redemption issues
 * tokens. The record's payload then carries `consumed` (epoch seconds), as the provider expects.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { errors } from 'oidc-provider';
import { isJsonObject } from '../json/is-json-object.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { StoreClock } from '../store/store-clock.ts';
import { GRANT_BOUND_EPHEMERAL_MODELS, OIDC_MAX_EPHEMERAL_TTL_MS } from './oidc-adapter-models.ts';
import { asPayload, keyHash, ownString, parseObject, payloadText } from './oidc-adapter-payload.ts';

/** What an ephemeral model adapter needs. */
export interface EphemeralModelOptions {
  realm: string;
  model: string;
  ephemeral: EphemeralStore;
  clock: StoreClock;
}

interface Stored {
  exp: number;
  payload: Record<string, unknown>;
}

function readStored(text: string | undefined): Stored | undefined {
  const object = text === undefined ? undefined : parseObject(text);
  const payload = object?.['payload'];
  const exp = object?.['exp'];
  if (typeof exp !== 'number' || !isJsonObject(payload)) return undefined;
  return { exp, payload };
}

/** The storage time of a record given `expiresIn` seconds: at least one second, at most the cap. */
function ttlOf(expiresIn: number | undefined): number {
  if (expiresIn === undefined || !Number.isFinite(expiresIn)) return OIDC_MAX_EPHEMERAL_TTL_MS;
  return Math.min(Math.max(Math.ceil(expiresIn * 1000), 1000), OIDC_MAX_EPHEMERAL_TTL_MS);
}

/** An Adapter for one ephemeral model of one realm. */
export function ephemeralModelAdapter(options: EphemeralModelOptions): Adapter {
  const { model, ephemeral, clock } = options;
  const prefix = `oidc:${encodeURIComponent(options.realm)}:${model}:`;
  const recordKey = (hashedId: string): string => `${prefix}${hashedId}`;
  const uidKey = (uid: string): string => `${prefix}uid:${keyHash(uid)}`;
  const userCodeKey = (userCode: string): string => `${prefix}userCode:${keyHash(userCode)}`;
  const revokedKey = (grantId: string): string => `oidc:${encodeURIComponent(options.realm)}:revoked-grant:${keyHash(grantId)}`;
  const grantBound = GRANT_BOUND_EPHEMERAL_MODELS.has(model);

  /** The live record, unless its grant was revoked (then it is removed). */
  async function findHashed(hashedId: string): Promise<Stored | undefined> {
    const stored = readStored(await ephemeral.get(recordKey(hashedId)));
    const grantId = stored !== undefined && grantBound ? ownString(stored.payload, 'grantId') : undefined;
    if (grantId !== undefined && (await ephemeral.get(revokedKey(grantId))) !== undefined) {
      await ephemeral.delete(recordKey(hashedId));
      return undefined;
    }
    return stored;
  }

  async function findThrough(pointerKey: string, field: string, value: string): Promise<AdapterPayload | undefined> {
    const hashedId = await ephemeral.get(pointerKey);
    if (hashedId === undefined) return undefined;
    const stored = await findHashed(hashedId);
    return stored !== undefined && ownString(stored.payload, field) === value ? asPayload(stored.payload) : undefined;
  }

  async function removeHashed(hashedId: string): Promise<void> {
    const stored = await findHashed(hashedId);
    await ephemeral.delete(recordKey(hashedId));
    await ephemeral.delete(`${recordKey(hashedId)}:consumed`);
    if (stored === undefined) return;
    for (const [field, key] of [
      ['uid', uidKey],
      ['userCode', userCodeKey],
    ] as const) {
      const value = ownString(stored.payload, field);
      if (value !== undefined && (await ephemeral.get(key(value))) === hashedId) await ephemeral.delete(key(value));
    }
  }

  return {
    async upsert(id, payload, expiresIn) {
      const text = payloadText(model, payload);
      const ttlMs = ttlOf(expiresIn);
      const exp = clock.now() + ttlMs;
      const hashedId = keyHash(id);
      await ephemeral.put(recordKey(hashedId), `{"exp":${exp},"payload":${text}}`, ttlMs);
      const uid = model === 'Session' ? ownString(payload, 'uid') : undefined;
      if (uid !== undefined) await ephemeral.put(uidKey(uid), hashedId, ttlMs);
      const userCode = ownString(payload, 'userCode');
      if (userCode !== undefined) await ephemeral.put(userCodeKey(userCode), hashedId, ttlMs);
    },

    async find(id) {
      const stored = await findHashed(keyHash(id));
      return stored === undefined ? undefined : asPayload(stored.payload);
    },

    findByUid(uid) {
      return findThrough(uidKey(uid), 'uid', uid);
    },

    findByUserCode(userCode) {
      return findThrough(userCodeKey(userCode), 'userCode', userCode);
    },

    async consume(id) {
      const hashedId = keyHash(id);
      const stored = await findHashed(hashedId);
      const now = clock.now();
      if (stored === undefined || stored.exp <= now) throw new errors.InvalidGrant(`${model} not found`);
      const ttlMs = stored.exp - now;
      const count = await ephemeral.increment(`${recordKey(hashedId)}:consumed`, { ttlMs, max: 2 });
      if (count !== 1 || Object.hasOwn(stored.payload, 'consumed')) throw new errors.InvalidGrant(`${model} already consumed`);
      const consumed = { ...stored.payload, consumed: Math.floor(now / 1000) };
      await ephemeral.replaceIfPresent(recordKey(hashedId), JSON.stringify({ exp: stored.exp, payload: consumed }), ttlMs);
    },

    async destroy(id) {
      await removeHashed(keyHash(id));
    },

    async revokeByGrantId(grantId) {
      if (!grantBound) return;
      // One marker for every model of the realm; writing it again (each model's adapter does) is harmless.
      await ephemeral.put(revokedKey(grantId), '1', OIDC_MAX_EPHEMERAL_TTL_MS);
    },
  };
}
