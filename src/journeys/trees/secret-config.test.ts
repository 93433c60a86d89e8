/**
 * Secret node config at rest: sealed before the store (bound to realm, node type, node id and
 * field), kept from the stored journey when a write leaves it out, cleared by an empty value, and
 * left out of exports.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { type AnyNodeDefinition, defineNode } from '../engine/define-node.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { anyNode } from '../nodes/registry.ts';
import { sealSecretConfig, secretConfigPurpose, secretsInClear, storedSecretsInClear, withoutSecretConfig } from './secret-config.ts';

const secretNode = defineNode({
  type: 'SecretNode',
  displayName: 'Secret',
  category: 'utilities',
  description: 'A node with a secret.',
  config: Type.Object({ clientId: Type.String(), clientSecret: Type.Optional(Type.String()) }),
  outcomes: ['outcome'],
  secretConfig: ['clientSecret'],
  process: () => ({ kind: 'goTo', outcome: 'outcome' }),
});
const registry = { get: (type: string): AnyNodeDefinition | undefined => (type === 'SecretNode' ? anyNode(secretNode) : undefined) };
const sealer = createSecretSealer(randomBytes(32));

function journey(config: Record<string, unknown>): JourneyDefinition {
  return {
    tree: { _id: 'Legacy', entryNodeId: 'n1', nodes: { n1: { displayName: 'Secret', nodeType: 'SecretNode', connections: {} } } },
    nodes: {
      n1: { _id: 'n1', _type: { _id: 'SecretNode' }, clientId: 'app', ...config },
      other: { _id: 'other', _type: { _id: 'OtherNode' }, clientSecret: 'not declared secret' },
    },
  };
}

describe('secret node config', () => {
  it('seals each declared secret for its realm, node type, node id and field; the rest stays as it is', () => {
    const given = journey({ clientSecret: 'hunter2-hunter2' });
    assert.deepEqual(secretsInClear(given, registry), ['n1.clientSecret']);
    const stored = sealSecretConfig(given, { registry, realm: 'alpha', sealer, stored: undefined });
    const sealed = String(stored.nodes.n1?.clientSecret);
    assert.ok(!JSON.stringify(stored).includes('hunter2'));
    assert.equal(given.nodes.n1?.clientSecret, 'hunter2-hunter2', 'the given definition is not changed');
    assert.equal(sealer.open(sealed, secretConfigPurpose('alpha', 'SecretNode', 'n1', 'clientSecret')), 'hunter2-hunter2');
    for (const elsewhere of [secretConfigPurpose('root', 'SecretNode', 'n1', 'clientSecret'), secretConfigPurpose('alpha', 'SecretNode', 'n2', 'clientSecret'), secretConfigPurpose('alpha', 'SocialNode', 'n1', 'clientSecret')]) {
      assert.throws(() => sealer.open(sealed, elsewhere), { code: 'CIPHERTEXT_INVALID' });
    }
    assert.equal(stored.nodes.other?.clientSecret, 'not declared secret');
  });

  it('a write without the secret keeps the stored one; an empty secret clears it; a secret needs a sealer', () => {
    const first = sealSecretConfig(journey({ clientSecret: 'hunter2-hunter2' }), { registry, realm: 'alpha', sealer, stored: undefined });
    const again = sealSecretConfig(journey({}), { registry, realm: 'alpha', sealer: undefined, stored: first });
    assert.equal(again.nodes.n1?.clientSecret, first.nodes.n1?.clientSecret);
    const cleared = sealSecretConfig(journey({ clientSecret: '' }), { registry, realm: 'alpha', sealer: undefined, stored: first });
    assert.equal(cleared.nodes.n1?.clientSecret, '');
    assert.throws(() => sealSecretConfig(journey({ clientSecret: 'x' }), { registry, realm: 'alpha', sealer: undefined, stored: undefined }), /no sealer/);
  });

  it('a kept secret stored in clear (before its field was declared secret) is sealed by the next write that has a sealer', () => {
    const legacy = journey({ clientSecret: 'stored-in-clear' });
    assert.deepEqual(storedSecretsInClear(legacy, registry), ['n1.clientSecret']);
    const rewritten = sealSecretConfig(journey({}), { registry, realm: 'alpha', sealer, stored: legacy });
    assert.ok(!JSON.stringify(rewritten).includes('stored-in-clear'));
    assert.equal(sealer.open(String(rewritten.nodes.n1?.clientSecret), secretConfigPurpose('alpha', 'SecretNode', 'n1', 'clientSecret')), 'stored-in-clear');
    assert.deepEqual(storedSecretsInClear(rewritten, registry), [], 'sealed text is not in clear');
    assert.equal(sealSecretConfig(journey({}), { registry, realm: 'alpha', sealer: undefined, stored: legacy }).nodes.n1?.clientSecret, 'stored-in-clear', 'kept as it is without a sealer');
  });

  it('exports leave the secrets out', () => {
    const stored = sealSecretConfig(journey({ clientSecret: 'hunter2-hunter2' }), { registry, realm: 'alpha', sealer, stored: undefined });
    const exported = withoutSecretConfig(stored, registry);
    assert.equal(Object.hasOwn(exported.nodes.n1 ?? {}, 'clientSecret'), false);
    assert.equal(exported.nodes.n1?.clientId, 'app');
    assert.ok(Object.hasOwn(stored.nodes.n1 ?? {}, 'clientSecret'), 'the stored definition is not changed');
  });
});
