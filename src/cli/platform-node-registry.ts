/**
 * The node types a running Arbor knows, for the journey commands: the built-in ones and those of
 * every default capability (social sign-in…), as `create-platform.ts` registers them. Loaded on
 * first use so that `arbor --help` does not load every node type.
 */
import type { NodeRegistry } from '../journeys/nodes/registry.ts';

/** The platform's node registry. */
export async function platformNodeRegistry(): Promise<NodeRegistry> {
  const [{ builtinNodes, createNodeRegistry }, { defaultCapabilities }] = await Promise.all([import('../journeys/nodes/registry.ts'), import('../platform/capabilities.ts')]);
  return createNodeRegistry([...builtinNodes, ...defaultCapabilities.flatMap((capability) => capability.nodes)]);
}
