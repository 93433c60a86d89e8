/**
 * Test helpers of the persistent cookie nodes: node services with the keys service over a sealer
 * of their own, a node's `hmacSigningKey` sealed as a journey write leaves it, and the session
 * hook run as the journey's finish runs it.
 */
import { randomBytes } from 'node:crypto';
import { persistentCookieKeysOver } from '../../../platform/session-cookies/persistent-cookie-keys-adapter.ts';
import { nodeTestServices, type NodeTestServices, type SeedUser } from '../../../platform/testing/node-test-services.ts';
import { createSecretSealer } from '../../../secrets/secret-sealer.ts';
import { createCapabilityRegistry } from '../../engine/capabilities.ts';
import type { NodeDefinition, SessionHookContext } from '../../engine/define-node.ts';
import type { NodeServices } from '../../engine/node-context.ts';
import type { ResponseCookie } from '../../engine/response-cookie.ts';
import type { SessionHookEntry } from '../../engine/journey-state.ts';
import { secretConfigPurpose } from '../../trees/secret-config.ts';
import { PERSISTENT_COOKIE_KEYS } from './persistent-cookie-keys.ts';

/** The master key's sealer of the tests. */
export const testSealer = createSecretSealer(randomBytes(32));

/** Node services with the persistent cookie keys registered. */
export async function persistentCookieServices(users: SeedUser[] = []): Promise<{ test: NodeTestServices; services: NodeServices }> {
  const test = await nodeTestServices({ users });
  const registry = createCapabilityRegistry();
  registry.register(PERSISTENT_COOKIE_KEYS, persistentCookieKeysOver(testSealer));
  return { test, services: { ...test.services, capabilities: registry.seal() } };
}

/** `key` sealed for node `nodeId` of type `nodeType` in realm alpha. */
export function sealedKey(key: string, nodeType: string, nodeId: string): string {
  return testSealer.seal(key, secretConfigPurpose('alpha', nodeType, nodeId, 'hmacSigningKey'));
}

/** Runs `hook` with `definition.onSession` for a session of `user` in alpha. */
export async function runSessionHook(
  definition: Pick<NodeDefinition, 'onSession'>,
  hook: SessionHookEntry,
  services: NodeServices,
  user: { userId: string; username: string },
): Promise<ResponseCookie[]> {
  if (definition.onSession === undefined) throw new Error('no session hook');
  const context: SessionHookContext = {
    nodeId: hook.nodeId,
    data: hook.data,
    session: { realm: 'alpha', ...user, properties: {} },
    services,
    request: { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {} },
  };
  return definition.onSession(context);
}
