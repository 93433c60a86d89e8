/**
 * Query Filter Decision (`QueryFilterDecisionNode`): evaluates a CREST `_queryFilter` against
 * the journey's user (found by `identityAttribute`), in memory, with the same semantics as the
 * store's queries. The filter is parsed when the journey is imported, so a broken one is refused
 * then, never at sign-in.
 */
import { FormatRegistry, Type } from '@sinclair/typebox';
import { matchesQueryFilter } from '../../identity/query-filter/evaluate-query-filter.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser, userObject } from './identified-user.ts';

/** The JSON-Schema format of a CREST query filter, checked by parsing it. */
export const QUERY_FILTER_FORMAT = 'crest-query-filter';

function parses(text: string): boolean {
  try {
    parseQueryFilter(text);
    return true;
  } catch {
    return false;
  }
}

// Registering a format is idempotent: the same check every time the module loads.
FormatRegistry.Set(QUERY_FILTER_FORMAT, parses);

/** Query Filter Decision: `true` when the user matches the filter, else (or without a user) `false`. */
export const queryFilterDecisionNode = defineNode({
  type: 'QueryFilterDecisionNode',
  displayName: 'Query Filter Decision',
  category: 'identity management',
  description: "Checks the user's profile against a query filter.",
  config: Type.Object({
    queryFilter: Type.String({ format: QUERY_FILTER_FORMAT, description: 'CREST query filter, e.g. !(/preferences pr) or /preferences/marketing eq false.' }),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const filter = parseQueryFilter(ctx.config.queryFilter);
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    return goTo(user !== undefined && matchesQueryFilter(filter, userObject(user)) ? 'true' : 'false');
  },
});
