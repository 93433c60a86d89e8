/**
 * AM exports trees that connect an outcome a node no longer has (a Scripted Decision node whose
 * `outcomes` lost one, say) and runs them: the connection is never taken. Import does the same:
 * such a connection is dropped, with a warning naming the node and the outcome.
 */
import type { JourneyProblem } from '../engine/validate-journey.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';

/** A dropped connection, as a warning of the import. */
export interface DroppedConnection {
  code: 'OUTCOME_CONNECTION_DROPPED';
  message: string;
  severity: 'warning';
  nodeId: string;
  nodeType: string;
}

/** `definition` without the connections `problems` say lead from an outcome the node does not have; undefined when there are none. */
export function dropDanglingConnections(definition: JourneyDefinition, problems: readonly JourneyProblem[]): { definition: JourneyDefinition; dropped: DroppedConnection[] } | undefined {
  const dropped: DroppedConnection[] = [];
  const copy = structuredClone(definition);
  for (const problem of problems) {
    if (problem.code !== 'OUTCOME_UNKNOWN' || problem.nodeId === undefined) continue;
    const entry = Object.hasOwn(copy.tree.nodes, problem.nodeId) ? copy.tree.nodes[problem.nodeId] : undefined;
    if (entry === undefined) continue;
    for (const [outcome, target] of Object.entries(entry.connections)) {
      if (!problem.message.includes(`has no outcome '${outcome}' (its outcomes:`)) continue;
      delete entry.connections[outcome];
      dropped.push({
        code: 'OUTCOME_CONNECTION_DROPPED',
        message: `node ${problem.nodeId} '${entry.displayName}' (${entry.nodeType}) has no outcome '${outcome}' any more: its connection to ${target} was dropped`,
        severity: 'warning',
        nodeId: problem.nodeId,
        nodeType: entry.nodeType,
      });
    }
  }
  return dropped.length === 0 ? undefined : { definition: copy, dropped };
}
