/**
 * The node contract: every node type is one plain object made with `defineNode`, in its own file
 * under `journeys/nodes/`. The config schema validates imported config (defaults filled), types
 * the node's code and describes the admin form.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { NodeAction } from './actions.ts';
import type { NodeContext, NodeServices, RequestFacts } from './node-context.ts';
import type { ResponseCookie } from './response-cookie.ts';

/** Palette groups, as AM's tags. */
export type NodeCategory = 'basic authentication' | 'identity management' | 'utilities' | 'structure' | 'self-service' | 'risk' | 'social';

/** A node type. `type` is the ForgeRock `_type._id`. */
export interface NodeDefinition<S extends TSchema = TSchema> {
  type: string;
  displayName: string;
  category: NodeCategory;
  /** One line for the admin palette. */
  description: string;
  config: S;
  /** Fixed outcome ids, or derived from the config (one per choice). */
  outcomes: readonly string[] | ((config: Static<S>) => readonly string[]);
  /**
   * Top-level string config fields that hold secrets (`clientSecret`). Every journey write seals
   * them with the master key (`journeys/trees/secret-config.ts`), exports leave them out, and the
   * node gets the sealed text, opened only where the secret is used.
   */
  secretConfig?: readonly string[];
  process(ctx: NodeContext<Static<S>>): Promise<NodeAction> | NodeAction;
  /**
   * AM's tree hook: runs once the journey's session exists, for each node that called
   * `context.session.addSessionHook(data)` on its way (not when the journey makes no session).
   * The cookies it returns go with the success answer.
   */
  onSession?(hook: SessionHookContext): Promise<ResponseCookie[]> | ResponseCookie[];
}

/** What a node's `onSession` gets. */
export interface SessionHookContext {
  nodeId: string;
  /** What the node gave `addSessionHook`. */
  data: Record<string, unknown>;
  /** The session just created. */
  session: { realm: string; userId: string; username: string; properties: Readonly<Record<string, string>> };
  services: NodeServices;
  request: RequestFacts;
}

/**
 * Erases a definition's config type for a registry. Safe because the runner only ever calls
 * `process` and `outcomes` with config parsed by that definition's own schema.
 */
export function anyNode<S extends TSchema>(definition: NodeDefinition<S>): AnyNodeDefinition {
  return definition as unknown as AnyNodeDefinition;
}

/** Declares a node type; the identity function that keeps `config` typed inside `process`. */
export function defineNode<S extends TSchema>(definition: NodeDefinition<S>): NodeDefinition<S> {
  return definition;
}

/** A node definition of any config type, as the registry holds them. */
// The registry erases the config type: `process` is only ever called with config parsed by that
// node's own schema, so the wider function type is safe.
export type AnyNodeDefinition = NodeDefinition<TSchema>;

/** The outcomes a node has under a given config. */
export function outcomesOf(definition: AnyNodeDefinition, config: unknown): readonly string[] {
  return typeof definition.outcomes === 'function' ? definition.outcomes(config) : definition.outcomes;
}
