/** Security answers: hashed with argon2id (never stored in clear), normalized, and IDM's salted hashes verify. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createPasswordHasher, OWASP_ARGON2ID } from '../../identity/password-hasher.ts';
import { isSelfServiceConfigError } from '../config-errors.ts';
import { createKbaAnswerHasher, normalizeKbaAnswer } from './kba-answer-hasher.ts';
import { idmSaltedHash } from './salted-hash.ts';

// Light parameters keep the tests fast; the default (checked below) is OWASP's.
const answers = createKbaAnswerHasher(createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }));

describe('KBA answer hashing', () => {
  it('normalizes answers: NFC, trimmed, lower-cased', () => {
    assert.equal(normalizeKbaAnswer('  Dark BLUE \n'), 'dark blue');
    assert.equal(normalizeKbaAnswer('Cafe\u0301'), 'caf\u00e9');
  });

  it('stores an argon2id hash in IDM’s $crypto envelope, never the answer', async () => {
    const stored = await answers.hash('  Dark Blue ');
    assert.equal(stored.$crypto.type, 'salted-hash');
    assert.equal(stored.$crypto.value.algorithm, 'ARGON2ID');
    assert.match(stored.$crypto.value.data, /^\$argon2id\$v=19\$/);
    const text = JSON.stringify(stored).toLowerCase();
    for (const clear of ['dark blue', 'dark', 'blue']) assert.equal(text.includes(clear), false, `"${clear}" appears in ${text}`);
    assert.notDeepEqual(await answers.hash('Dark Blue'), stored, 'salted: the same answer hashes differently');
  });

  it('uses OWASP’s argon2id parameters by default', async () => {
    const stored = await createKbaAnswerHasher().hash('blue');
    assert.match(stored.$crypto.value.data, new RegExp(`m=${OWASP_ARGON2ID.memoryCost},t=${OWASP_ARGON2ID.timeCost},p=${OWASP_ARGON2ID.parallelism}`));
  });

  it('verifies the right answer in any case and spacing, and refuses a wrong one', async () => {
    const stored = await answers.hash('Dark Blue');
    assert.equal(await answers.verify(stored, 'dark blue'), true);
    assert.equal(await answers.verify(stored, '  DARK BLUE  '), true);
    assert.equal(await answers.verify(stored, 'darkblue'), false);
    assert.equal(await answers.verify(stored, 'red'), false);
    assert.equal(await answers.verify(stored.$crypto.value.data, 'Dark blue'), true, 'a bare PHC string is read too');
  });

  it('verifies IDM’s salted SHA-256 envelope of imported users (lower-cased answer ‖ 16-byte salt)', async () => {
    const salt = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const digest = createHash('sha256').update('blue').update(salt).digest();
    const imported = { $crypto: { type: 'salted-hash', value: { algorithm: 'SHA-256', data: Buffer.concat([digest, salt]).toString('base64') } } };
    assert.equal(await answers.verify(imported, 'Blue'), true);
    assert.equal(await answers.verify(imported, ' blue '), true);
    assert.equal(await answers.verify(imported, 'green'), false);
    const spaced = idmSaltedHash('navy blue ', 'SHA-512');
    assert.equal(await answers.verify(spaced, 'Navy Blue '), true, 'IDM did not trim: the untrimmed answer still matches');
    assert.equal(await answers.verify(idmSaltedHash('blue', 'MD5'), 'BLUE'), true);
  });

  it('accepts stored answers it reads within the cost limits (argon2 64 MiB, t=10), and nothing else', async () => {
    const own = await answers.hash('red');
    const envelope = (data: string) => ({ $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data } } });
    const tail = 'c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
    assert.equal(answers.accepts(own), true);
    assert.equal(answers.accepts(own.$crypto.value.data), true, 'a bare PHC string');
    assert.equal(answers.accepts(idmSaltedHash('red')), true, "IDM's salted SHA-256");
    assert.equal(answers.accepts(envelope(`$argon2id$v=19$m=65536,t=10,p=1$${tail}`)), true);
    for (const refused of [
      envelope(`$argon2id$v=19$m=1048576,t=8,p=1$${tail}`),
      envelope(`$argon2id$v=19$m=19456,t=11,p=1$${tail}`),
      `$argon2id$v=19$m=1048576,t=8,p=1$${tail}`,
      envelope('not a hash'),
      { $crypto: { type: 'salted-hash', value: { algorithm: 'SHA-256', data: 'c2hvcnQ=' } } },
      { $crypto: { type: 'salted-hash', value: { algorithm: 'ROT13', data: 'x' } } },
      'red',
      42,
      null,
    ]) {
      assert.equal(answers.accepts(refused), false, JSON.stringify(refused));
    }
  });

  it('refuses what it cannot read, and answers too long to hash', async () => {
    for (const stored of [undefined, 'blue', { answer: 'blue' }, { $crypto: { type: 'salted-hash', value: { algorithm: 'ROT13', data: 'Ymx1ZQ==' } } }]) {
      assert.equal(await answers.verify(stored, 'blue'), false);
    }
    await assert.rejects(answers.hash('x'.repeat(257)), (error: unknown) => isSelfServiceConfigError(error, 'KBA_ANSWER_TOO_LONG'));
    assert.equal(await answers.verify(await answers.hash('blue'), 'x'.repeat(300)), false);
  });
});
