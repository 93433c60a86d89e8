import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateRecoveryCodes, storeRecoveryCodes } from '../../../../devices/recovery-codes.ts';
import { goTo } from '../../../engine/actions.ts';
import type { Callback } from '../../../engine/callbacks.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { ANN, mfaTestKit } from '../oath/mfa-node-testing.ts';
import type { MfaTestKit } from '../oath/mfa-node-testing.ts';
import { recoveryCodeCollectorDecisionNode } from './recovery-code-collector-decision-node.ts';

const shared = { username: 'ann' };
const PROMPT: Callback[] = [{ type: 'NameCallback', output: [{ name: 'prompt', value: 'Recovery Code' }], inputs: [{ suffix: '', value: '', kind: 'string' }] }];

async function answer(kit: MfaTestKit, code: string, config: Record<string, unknown> = {}) {
  return (await runNode(recoveryCodeCollectorDecisionNode, { services: kit.services, shared, config, callbacks: submit(PROMPT, [code]) })).action;
}

describe('RecoveryCodeCollectorDecisionNode', () => {
  it("asks with AM's NameCallback, and again for an empty answer", async () => {
    const kit = await mfaTestKit();
    assert.deepEqual(sentCallbacks((await runNode(recoveryCodeCollectorDecisionNode, { services: kit.services, shared })).action), PROMPT);
    assert.deepEqual(sentCallbacks(await answer(kit, '')), PROMPT);
  });

  it('an unused OATH code is true once; the same code again, or a wrong one, is false', async () => {
    const kit = await mfaTestKit();
    const codes = generateRecoveryCodes();
    await storeRecoveryCodes(kit.devices, 'alpha', ANN._id, 'oath', codes);
    const code = codes[3] ?? '';
    assert.deepEqual(await answer(kit, code), goTo('true'));
    assert.deepEqual(await answer(kit, code), goTo('false'));
    assert.deepEqual(await answer(kit, 'ZZZZZZZZZZ'), goTo('false'));
    assert.deepEqual(await answer(kit, codes[4] ?? ''), goTo('true'));
  });

  it("accepts only the configured kind's codes (WEB_AUTHN apart from OATH; PUSH never), and nothing for an unknown user", async () => {
    const kit = await mfaTestKit();
    const [oathCode = ''] = generateRecoveryCodes(1);
    await storeRecoveryCodes(kit.devices, 'alpha', ANN._id, 'oath', [oathCode]);
    assert.deepEqual(await answer(kit, oathCode, { recoveryCodeType: 'WEB_AUTHN' }), goTo('false'));
    assert.deepEqual(await answer(kit, oathCode, { recoveryCodeType: 'PUSH' }), goTo('false'));
    const other = await runNode(recoveryCodeCollectorDecisionNode, { services: kit.services, shared: { username: 'nobody' }, callbacks: submit(PROMPT, [oathCode]) });
    assert.deepEqual(other.action, goTo('false'));
    assert.deepEqual(await answer(kit, oathCode), goTo('true'), 'the code was not spent by the refusals');
  });
});
