/**
 * The default Registration journey answers its first step exactly as the seed's example
 * (`test/fixtures/forgerock/protocol/registration-first-step.json`): same callbacks in the same order, same outputs
 * and inputs, same header and description; only the authId differs.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { asArborAnswers } from '../../policy/testing/arbor-registration-step.ts';

const golden = new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url);

describe('Registration, first step', () => {
  let arbor: TestPlatform;
  before(async () => {
    arbor = await inMemoryPlatform();
  });
  after(async () => arbor?.close());

  it('is byte for byte the seed’s example but for the authId', async () => {
    // Arbor's one deliberate difference: mail is unique (asArborAnswers).
    const expected = asArborAnswers(JSON.parse(await readFile(golden, 'utf8')) as Record<string, unknown>);
    const response = await arbor.app.inject({ method: 'POST', url: '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Registration' });
    assert.equal(response.statusCode, 200, response.body);
    const actual = response.json<Record<string, unknown>>();
    assert.equal(typeof actual.authId, 'string');
    const { authId: _a, ...rest } = actual;
    const { authId: _b, ...wanted } = expected;
    assert.deepStrictEqual(rest, wanted);
    assert.equal(JSON.stringify(rest.callbacks), JSON.stringify(wanted.callbacks), 'same key order inside every callback');
  });
});
