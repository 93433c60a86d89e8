import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIdentityError } from './errors.ts';
import { storeKbaAnswers, withoutKbaAnswers } from './kba-answers.ts';

const ENVELOPE = { $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data: '$argon2id$old' } } };
const fakeHash = async (answer: string) => ({ hashed: answer });

describe('storeKbaAnswers', () => {
  it('hashes clear answers, keeps stored forms the check accepts and entries without answers, leaves other properties', async () => {
    const data = { sn: 'x', kbaInfo: [{ questionId: '1', answer: 'red' }, { questionId: '2', answer: ENVELOPE }, { customQuestion: 'q' }, 'odd'] };
    const stored = await storeKbaAnswers(data, 'kbaInfo', fakeHash, undefined, (answer) => answer === ENVELOPE);
    assert.deepEqual(stored, { sn: 'x', kbaInfo: [{ questionId: '1', answer: { hashed: 'red' } }, { questionId: '2', answer: ENVELOPE }, { customQuestion: 'q' }, 'odd'] });
    assert.equal(data.kbaInfo[0] && typeof data.kbaInfo[0] === 'object' ? data.kbaInfo[0].answer : undefined, 'red', 'the input is not changed');
  });

  it('refuses an answer that is not text unless it is the stored answer of its question or the check accepts it', async () => {
    const refused = (error: unknown) => isIdentityError(error, 'KBA_ANSWER_NOT_ACCEPTED') && /must be sent as text/.test((error as Error).message);
    for (const answer of [ENVELOPE, null, 42, ['red']]) {
      await assert.rejects(storeKbaAnswers({ kbaInfo: [{ questionId: '1', answer }] }, 'kbaInfo', fakeHash), refused, JSON.stringify(answer));
    }
    const before = { kbaInfo: [{ questionId: '1', answer: ENVELOPE }] };
    const unchanged = { kbaInfo: [{ questionId: '1', answer: structuredClone(ENVELOPE) }] };
    assert.equal(await storeKbaAnswers(unchanged, 'kbaInfo', fakeHash, before), unchanged, 'what is stored may stay');
    await assert.rejects(storeKbaAnswers({ kbaInfo: [{ questionId: '2', answer: ENVELOPE }] }, 'kbaInfo', fakeHash, before), refused, 'not moved to another question');
    await assert.rejects(storeKbaAnswers({ kbaInfo: [{ questionId: '1', answer: ENVELOPE }] }, 'kbaInfo', fakeHash, undefined, () => false), (error) =>
      isIdentityError(error, 'KBA_ANSWER_NOT_ACCEPTED') && /within the cost limits/.test((error as Error).message),
    );
  });

  it('gives an entry sent back without its answer the stored answer of the same question', async () => {
    const before = { kbaInfo: [{ questionId: '1', answer: ENVELOPE }, { customQuestion: 'Pet?', answer: { hashed: 'rex' } }] };
    const stored = await storeKbaAnswers({ kbaInfo: [{ customQuestion: 'Pet?' }, { questionId: '1' }, { questionId: '3' }] }, 'kbaInfo', fakeHash, before);
    assert.deepEqual(stored.kbaInfo, [{ customQuestion: 'Pet?', answer: { hashed: 'rex' } }, { questionId: '1', answer: ENVELOPE }, { questionId: '3' }]);
  });

  it('returns the data itself when there is nothing to hash, and reads the named property only', async () => {
    const data = { kbaInfo: [{ questionId: '1', answer: ENVELOPE }], other: [{ answer: 'clear' }] };
    assert.equal(await storeKbaAnswers(data, 'kbaInfo', fakeHash, data), data);
    assert.deepEqual((await storeKbaAnswers(data, 'other', fakeHash)).other, [{ answer: { hashed: 'clear' } }]);
  });

  it('turns the hasher KBA_ANSWER_TOO_LONG into an identity error; other failures pass through', async () => {
    const tooLong = async () => Promise.reject(Object.assign(new Error('long'), { code: 'KBA_ANSWER_TOO_LONG' }));
    await assert.rejects(storeKbaAnswers({ kbaInfo: [{ answer: 'x' }] }, 'kbaInfo', tooLong), (error) => isIdentityError(error, 'KBA_ANSWER_TOO_LONG'));
    await assert.rejects(storeKbaAnswers({ kbaInfo: [{ answer: 'x' }] }, 'kbaInfo', async () => Promise.reject(new Error('boom'))), /boom/);
  });
});

describe('withoutKbaAnswers', () => {
  it('removes every answer of the named property, in a copy', () => {
    const data = { kbaInfo: [{ questionId: '1', answer: ENVELOPE }, { customQuestion: 'q', answer: 'clear' }], sn: 'x' };
    assert.deepEqual(withoutKbaAnswers(data), { kbaInfo: [{ questionId: '1' }, { customQuestion: 'q' }], sn: 'x' });
    assert.equal(data.kbaInfo[0]?.answer, ENVELOPE);
    assert.deepEqual(withoutKbaAnswers({ secrets: [{ answer: 'a' }] }, 'secrets'), { secrets: [{}] });
    const plain = { sn: 'x' };
    assert.equal(withoutKbaAnswers(plain), plain);
  });
});
