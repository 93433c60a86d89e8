/**
 * The outcomes of the journey editor's nodes, asked of the server (`nodeOutcomes`) when a node is
 * added and each time its settings change, and why they could not be computed (a template missing
 * a required setting, say: its form says so). Answers come back in any order: only the answer to
 * the last ask for a node counts, and none of those under way once an undo or redo left their
 * state behind (`forget`).
 */
import { useCallback, useRef, useState } from 'react';
import { nodeOutcomes } from './editor-client.ts';

/** The outcomes' asks of an editor. */
export interface OutcomeAsks {
  /** Why each node's outcomes cannot be computed, by node id (`''` or none: they could). */
  errors: Record<string, string>;
  /** The outcomes of new node `id` of `nodeType` configured `config`; none (and the reason kept) when they cannot be computed. */
  first(id: string, nodeType: string, config: Record<string, unknown>): Promise<string[]>;
  /** Asks node `id`'s outcomes for its new `config`; `then` gets them unless it was asked again (or forgotten) meanwhile. */
  again(id: string, nodeType: string, config: Record<string, unknown>, then: (outcomes: string[]) => void): void;
  /** Drops the answers under way: they belong to a state left behind. */
  forget(): void;
}

/** Why outcomes were not computed, in words. */
function reason(error: unknown): string {
  return error instanceof Error ? error.message : 'The outcomes cannot be computed';
}

/** The outcomes' asks of the editor of a journey of `realm`. */
export function useOutcomeAsks(realm: string): OutcomeAsks {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const asks = useRef(new Map<string, number>());

  const first = useCallback(
    (id: string, nodeType: string, config: Record<string, unknown>) =>
      nodeOutcomes(realm, nodeType, config).catch((error: unknown) => {
        setErrors((current) => ({ ...current, [id]: reason(error) }));
        return [];
      }),
    [realm],
  );

  const again = useCallback(
    (id: string, nodeType: string, config: Record<string, unknown>, then: (outcomes: string[]) => void) => {
      const ask = (asks.current.get(id) ?? 0) + 1;
      asks.current.set(id, ask);
      nodeOutcomes(realm, nodeType, config).then(
        (outcomes) => {
          if (asks.current.get(id) !== ask) return;
          setErrors((current) => ({ ...current, [id]: '' }));
          then(outcomes);
        },
        (error: unknown) => {
          if (asks.current.get(id) !== ask) return;
          setErrors((current) => ({ ...current, [id]: reason(error) }));
        },
      );
    },
    [realm],
  );

  const forget = useCallback(() => asks.current.clear(), []);

  return { errors, first, again, forget };
}
