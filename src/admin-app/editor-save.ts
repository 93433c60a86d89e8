/**
 * Saving the journey in the editor, as Frodo writes one: each node new or changed since it was
 * read or saved (a page's children before the page, `PUT …/nodes/<type>/<id>`), then the tree
 * (`PUT …/trees/<name>`, an existing journey's other fields kept), then the nodes removed
 * (`DELETE`; one that cannot be deleted is a warning). A refusal (a node's settings, the tree's
 * validation, an unreachable server) throws `JourneyRefusedError` with problems naming the nodes
 * concerned; signed out or forbidden (401, 403) and anything else are thrown as they came.
 */
import { AmRequestError } from './am-client.ts';
import { deleteNode, putNode, putTree } from './editor-client.ts';
import type { SavedNode } from './editor-journey-model.ts';
import { existingTreeBody, savedNodes, savePlan } from './editor-journey-model.ts';
import type { EditorBox, EditorLink } from './editor-model.ts';
import { nodeBody, refusalProblems, treeBody } from './editor-model.ts';

/** Arbor refused the journey or one of its nodes; `problems` name the nodes. */
export class JourneyRefusedError extends Error {
  readonly code = 'JOURNEY_REFUSED';
  readonly problems: string[];
  constructor(message: string, problems: string[]) {
    super(message);
    this.problems = problems;
  }
}

/** What the editor saves. */
export interface JourneyToSave {
  realm: string;
  name: string;
  boxes: EditorBox[];
  links: EditorLink[];
  /** An existing journey's fields the editor does not change; none for a new journey. */
  base?: Record<string, unknown>;
  /** The nodes as the server has them; each node written is recorded here at once, even when a later write is refused. */
  saved: Map<string, SavedNode>;
}

/** Saves `journey`: the nodes as the server then has them, and warnings about nodes left undeleted. */
export async function saveEditedJourney(journey: JourneyToSave): Promise<{ saved: Map<string, SavedNode>; warnings: string[] }> {
  const { realm, name, boxes, links, base } = journey;
  const plan = savePlan(boxes, journey.saved);
  let writing: EditorBox | undefined;
  try {
    for (const node of plan.put) {
      writing = node;
      const body = nodeBody(node);
      await putNode(realm, node.nodeType, node.id, body);
      journey.saved.set(node.id, { nodeType: node.nodeType, body: JSON.stringify(body) });
    }
    writing = undefined;
    await putTree(realm, name, base === undefined ? treeBody(name, boxes, links) : existingTreeBody(name, boxes, links, base));
  } catch (error) {
    if (!(error instanceof AmRequestError) || error.status === 401 || error.status === 403) throw error;
    throw new JourneyRefusedError(error.message, refusalProblems(error.problems, error.message, writing));
  }
  const next = savedNodes(boxes);
  const warnings: string[] = [];
  for (const node of plan.remove) {
    try {
      await deleteNode(realm, node.nodeType, node.id);
    } catch (error) {
      next.set(node.id, { nodeType: node.nodeType, body: '' });
      warnings.push(`The removed node ${node.id} was not deleted: ${error instanceof Error ? error.message : 'it cannot be deleted'}`);
    }
  }
  return { saved: next, warnings };
}
