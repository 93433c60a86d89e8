/**
 * The adapter of a durable `oidc-provider` model (Grant, RefreshToken) on `oidc_records`: records
 * under the hash of the provider's id, the grant id kept as is (for revocation), uid and user code
 * hashed, `expiresIn` turned into an expiry on the store's clock. `consume` is the repository's
 * atomic `UPDATE … WHERE consumed_at IS NULL`: a refresh token used twice at once issues tokens
 * once, the other use gets invalid_grant. `consumed` is read back into the payload (epoch seconds).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { StoreClock } from '../store/store-clock.ts';
import type { OidcRecord, OidcRecordRepository } from './oidc-records.ts';
import { asPayload, keyHash, ownString, payloadText } from './oidc-adapter-payload.ts';

/** What a durable model adapter needs. */
export interface DurableModelOptions {
  realm: string;
  model: string;
  records: OidcRecordRepository;
  clock: StoreClock;
}

function payloadOf(record: OidcRecord | undefined): AdapterPayload | undefined {
  if (record === undefined) return undefined;
  if (record.consumedAt === undefined) return asPayload(record.payload);
  return asPayload({ ...record.payload, consumed: Math.floor(record.consumedAt / 1000) });
}

/** An Adapter for one durable model of one realm. */
export function durableModelAdapter(options: DurableModelOptions): Adapter {
  const { realm, model, records, clock } = options;
  return {
    async upsert(id, payload, expiresIn) {
      const record: OidcRecord = { realm, model, id: keyHash(id), payload: JSON.parse(payloadText(model, payload)) };
      const grantId = ownString(record.payload, 'grantId');
      const userCode = ownString(record.payload, 'userCode');
      const uid = ownString(record.payload, 'uid');
      if (grantId !== undefined) record.grantId = grantId;
      if (userCode !== undefined) record.userCode = keyHash(userCode);
      if (uid !== undefined) record.uid = keyHash(uid);
      if (expiresIn !== undefined && Number.isFinite(expiresIn)) record.expiresAt = clock.now() + Math.ceil(expiresIn * 1000);
      const consumed = record.payload['consumed'];
      if (typeof consumed === 'number' && Number.isFinite(consumed)) record.consumedAt = consumed * 1000;
      await records.upsert(record);
    },

    async find(id) {
      return payloadOf(await records.find(realm, model, keyHash(id)));
    },

    async findByUid(uid) {
      return payloadOf(await records.findBy(realm, model, 'uid', keyHash(uid)));
    },

    async findByUserCode(userCode) {
      return payloadOf(await records.findBy(realm, model, 'userCode', keyHash(userCode)));
    },

    async consume(id) {
      if (!(await records.consume(realm, model, keyHash(id)))) throw new errors.InvalidGrant(`${model} already consumed`);
    },

    async destroy(id) {
      await records.destroy(realm, model, keyHash(id));
    },

    async revokeByGrantId(grantId) {
      await records.revokeByGrantId(realm, model, grantId);
    },
  };
}
