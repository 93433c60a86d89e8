/**
 * Secrets in node configuration (the fields a node definition names in `secretConfig`, such as the
 * legacy social nodes' `clientSecret`) are never stored or exported in clear:
 * - every journey write seals them with the master key's sealer first (`sealSecretConfig`), each
 *   value bound to its realm, node type, node id and field, so that a sealed value moved to another
 *   node or realm does not open;
 * - a field absent from the written node keeps the value stored for the same node of the same
 *   journey (an export carries none, so re-importing an export keeps the secret); an empty string
 *   clears it; a kept value stored in clear (a field declared secret after the journey was stored,
 *   such as the CAPTCHA nodes' `secretKey`) is sealed by that write (`storedSecretsInClear`);
 * - exports leave them out (`withoutSecretConfig`);
 * - the node gets the sealed text and has it opened where the secret is used
 *   (`secretConfigPurpose` names the binding).
 */
import { isSealedText, type SecretSealer } from '../../secrets/secret-sealer.ts';
import type { AnyNodeDefinition } from '../engine/define-node.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';

/** The node types of a journey write (the platform's registry). */
export interface SecretConfigRegistry {
  get(type: string): AnyNodeDefinition | undefined;
}

/** What a sealed node secret is bound to (the sealer's purpose). */
export function secretConfigPurpose(realm: string, nodeType: string, nodeId: string, field: string): string {
  return `journey node secret ${JSON.stringify([realm, nodeType, nodeId, field])}`;
}

function secretFields(registry: SecretConfigRegistry, nodeType: string): readonly string[] {
  return registry.get(nodeType)?.secretConfig ?? [];
}

/** `node id.field` of each secret of `definition` given in clear (to be sealed): none means no sealer is needed. */
export function secretsInClear(definition: JourneyDefinition, registry: SecretConfigRegistry): string[] {
  const found: string[] = [];
  for (const [id, node] of Object.entries(definition.nodes)) {
    for (const field of secretFields(registry, node._type._id)) {
      const value = Object.hasOwn(node, field) ? node[field] : undefined;
      if (typeof value === 'string' && value !== '') found.push(`${id}.${field}`);
    }
  }
  return found;
}

/**
 * `node id.field` of each secret of the stored journey `stored` that is not sealed text: kept in
 * clear from before its field was declared secret, sealed by the next write of the journey.
 */
export function storedSecretsInClear(stored: JourneyDefinition, registry: SecretConfigRegistry): string[] {
  const found: string[] = [];
  for (const [id, node] of Object.entries(stored.nodes)) {
    for (const field of secretFields(registry, node._type._id)) {
      const value = Object.hasOwn(node, field) ? node[field] : undefined;
      if (typeof value === 'string' && value !== '' && !isSealedText(value)) found.push(`${id}.${field}`);
    }
  }
  return found;
}

/** What `sealSecretConfig` needs. */
export interface SealSecretConfigOptions {
  registry: SecretConfigRegistry;
  /** Realm name (`alpha`, `root`). */
  realm: string;
  /** Needed only when `definition` (or, for what it keeps, `stored`) has a secret in clear. */
  sealer: SecretSealer | undefined;
  /** The journey stored now under the same name, whose sealed values absent fields keep. */
  stored: JourneyDefinition | undefined;
}

/** A copy of `definition` ready for the store: secrets sealed, absent ones kept from `stored`. */
export function sealSecretConfig(definition: JourneyDefinition, options: SealSecretConfigOptions): JourneyDefinition {
  const sealed = structuredClone(definition);
  for (const [id, node] of Object.entries(sealed.nodes)) {
    const type = node._type._id;
    for (const field of secretFields(options.registry, type)) {
      const value = Object.hasOwn(node, field) ? node[field] : undefined;
      if (typeof value === 'string' && value !== '') {
        if (options.sealer === undefined) throw new Error(`node ${id} has a secret (${field}) and the journey write has no sealer`);
        node[field] = options.sealer.seal(value, secretConfigPurpose(options.realm, type, id, field));
      } else if (value === undefined) {
        const before = options.stored?.nodes[id];
        const kept = before !== undefined && before._type._id === type && Object.hasOwn(before, field) ? before[field] : undefined;
        if (typeof kept !== 'string' || kept === '') continue;
        // Stored in clear before the field was a secret: sealed now (as it is without a sealer).
        node[field] = isSealedText(kept) || options.sealer === undefined ? kept : options.sealer.seal(kept, secretConfigPurpose(options.realm, type, id, field));
      }
    }
  }
  return sealed;
}

/** A copy of `definition` without its secrets, for an export. */
export function withoutSecretConfig(definition: JourneyDefinition, registry: SecretConfigRegistry): JourneyDefinition {
  const copy = structuredClone(definition);
  for (const node of Object.values(copy.nodes)) {
    for (const field of secretFields(registry, node._type._id)) delete node[field];
  }
  return copy;
}
