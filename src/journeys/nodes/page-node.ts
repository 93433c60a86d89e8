/**
 * Page Node (`PageNode`): shows the callbacks of its child nodes as one step, with a localized
 * header and description and a free-form `stage`. The runner runs the children; see
 * forgerock-journey-protocol §1.11.
 */
import { Type } from '@sinclair/typebox';
import type { PageAction, PageInfo } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { localize } from '../engine/localize.ts';

/** A child reference as AM exports it: `{_id, nodeType, displayName[, nodeVersion]}`. */
const PageChild = Type.Object({
  _id: Type.String({ minLength: 1 }),
  nodeType: Type.String({ minLength: 1 }),
  displayName: Type.String(),
  nodeVersion: Type.Optional(Type.String()),
});

/** Page Node: runs its children as one step; its outcomes are those of its last child. */
export const pageNode = defineNode({
  type: 'PageNode',
  displayName: 'Page Node',
  category: 'structure',
  description: 'Shows the callbacks of several nodes on one page.',
  config: Type.Object({
    nodes: Type.Array(PageChild, { default: [], description: 'Child nodes, in page order.' }),
    pageHeader: Type.Record(Type.String(), Type.String(), { default: {}, description: 'Page header by locale.' }),
    pageDescription: Type.Record(Type.String(), Type.String(), { default: {}, description: 'Page description by locale (may hold HTML).' }),
    stage: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Free-form stage (a name or JSON UI hints).' })),
  }),
  // The usual case. A page really takes the outcomes of its last child (a page ending in a
  // decision node has `true`/`false`): the runner and tree validation resolve them from that
  // child's definition.
  outcomes: ['outcome'],
  process(ctx): PageAction {
    const page: PageInfo = {};
    const header = localize(ctx.config.pageHeader, ctx.request.locales);
    if (header !== undefined && header !== '') page.header = header;
    const description = localize(ctx.config.pageDescription, ctx.request.locales);
    if (description !== undefined && description !== '') page.description = description;
    const stage = ctx.config.stage;
    // Frodo's classic exports write an unset stage as the string "null".
    if (typeof stage === 'string' && stage !== '' && stage !== 'null') page.stage = stage;
    return { kind: 'page', children: ctx.config.nodes.map((child) => ({ ...child })), page };
  },
});
