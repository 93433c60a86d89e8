/**
 * Journey records at rest: sealed whole (only the realm readable), opened back identical, and
 * refused (AUTH_ID_INVALID) when they belong to another realm, were tampered with, or were written
 * unsealed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretsError } from '../../secrets/errors.ts';
import { decryptJson, encryptJson } from '../../secrets/transient-cipher.ts';
import { isJourneyError } from './errors.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { JourneyStateCipher } from './seal-journey-record.ts';
import { openJourneyRecord, sealJourneyRecord } from './seal-journey-record.ts';

/** One key per realm, as the realm keys give them. */
const keys: Record<string, { kid: string; key: Uint8Array }> = {
  alpha: { kid: 'alpha-1', key: new Uint8Array(32).fill(1) },
  bravo: { kid: 'bravo-1', key: new Uint8Array(32).fill(2) },
};

const cipher: JourneyStateCipher = {
  async seal(realm, value) {
    const key = keys[realm];
    assert.ok(key);
    return encryptJson(value, key);
  },
  async open(realm, text) {
    const key = keys[realm];
    assert.ok(key);
    try {
      return decryptJson(text, [key]);
    } catch (error) {
      if (isSecretsError(error, 'CIPHERTEXT_INVALID')) return undefined;
      throw error;
    }
  },
};

const PASSWORD = 'Clear-Passw0rd!';

/** A record with the password in every place one has leaked from: inner-tree frames and an echoed page. */
function record(): JourneyRecord {
  return {
    realm: 'alpha',
    authIndexType: 'service',
    authIndexValue: 'Login',
    identityResource: 'managed/alpha_user',
    frames: [
      { tree: 'Login', nodeId: 'inner' },
      { tree: 'ProgressiveProfile', nodeId: 'page', outerTransient: { password: PASSWORD } },
    ],
    shared: { username: 'ann' },
    transient: { password: PASSWORD },
    pending: {
      nodeId: 'page',
      owners: [{ nodeId: 'pw', callbacks: [{ type: 'PasswordCallback', output: [{ name: 'prompt', value: 'Password' }], inputs: [{ suffix: '', value: PASSWORD, kind: 'string' }] }] }],
    },
    noSession: false,
    successUrl: 'https://app.example.com/',
    startedAt: 1,
    step: 2,
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isJourneyError(error), String(error));
    return error.code;
  }
  return assert.fail('expected a refusal');
}

describe('sealJourneyRecord / openJourneyRecord', () => {
  it('stores only the realm and one sealed text, and opens back the same record', async () => {
    const stored = await sealJourneyRecord(record(), cipher);
    const parsed = JSON.parse(stored) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed).sort(), ['realm', 'sealed']);
    assert.equal(parsed.realm, 'alpha');
    for (const clear of [PASSWORD, 'ann', 'ProgressiveProfile', 'app.example.com', 'PasswordCallback']) assert.ok(!stored.includes(clear), `${clear} is not readable`);
    assert.deepEqual(await openJourneyRecord('alpha', stored, cipher), record());
  });

  it('refuses a record of another realm, even one relabelled as this realm', async () => {
    const stored = await sealJourneyRecord({ ...record(), realm: 'bravo' }, cipher);
    assert.equal(await refusal(openJourneyRecord('alpha', stored, cipher)), 'AUTH_ID_INVALID');
    const relabelled = JSON.stringify({ ...JSON.parse(stored), realm: 'alpha' });
    assert.equal(await refusal(openJourneyRecord('alpha', relabelled, cipher)), 'AUTH_ID_INVALID');
  });

  it('refuses a tampered record, an unsealed (older format) one and garbage', async () => {
    const stored = JSON.parse(await sealJourneyRecord(record(), cipher)) as { realm: string; sealed: string };
    const flipped = `${stored.sealed.slice(0, -2)}${stored.sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    assert.equal(await refusal(openJourneyRecord('alpha', JSON.stringify({ ...stored, sealed: flipped }), cipher)), 'AUTH_ID_INVALID');
    const { transient: _transient, ...clear } = record();
    assert.equal(await refusal(openJourneyRecord('alpha', JSON.stringify({ ...clear, transientCipher: stored.sealed }), cipher)), 'AUTH_ID_INVALID');
    assert.equal(await refusal(openJourneyRecord('alpha', '{not json', cipher)), 'AUTH_ID_INVALID');
    const notARecord = await cipher.seal('alpha', { realm: 'alpha' });
    assert.equal(await refusal(openJourneyRecord('alpha', JSON.stringify({ realm: 'alpha', sealed: notARecord }), cipher)), 'AUTH_ID_INVALID');
  });
});
