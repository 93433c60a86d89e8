/**
 * Consent Collector (`ConsentNode`): one ConsentMappingCallback per mapping that asks the user's
 * consent before sharing their data. With `allRequired` every mapping must be accepted; the
 * callbacks come back until the answers cover exactly the mappings offered. Accepted mappings go
 * to `shared.objectAttributes.consentedMappings = [{mapping, consentDate}]` (only when at least
 * one is accepted), for Create or Patch Object to store.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { inputValue, outputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import { localize } from '../engine/localize.ts';
import { setObjectAttribute } from '../engine/object-attributes.ts';
import { consentMappingCallback } from '../engine/self-service-callbacks.ts';
import { localeMapField } from './config-fields.ts';

/** AM's consent message when neither the node nor the mapping has one. */
const DEFAULT_MESSAGE = 'Privacy & Consent.';

/** Consent Collector: collects consent per mapping, then `outcome`. */
export const consentNode = defineNode({
  type: 'ConsentNode',
  displayName: 'Consent Collector',
  category: 'self-service',
  description: 'Asks the user to consent to sharing their data through each mapping that requires it.',
  config: Type.Object({
    allRequired: Type.Boolean({ default: false, description: 'Every mapping must be accepted to go on.' }),
    message: localeMapField({}, 'Consent message by locale; the mapping message when empty.'),
  }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const { locales } = ctx.request;
    const mappings = await ctx.services.consent.mappings(locales);
    if (mappings.length === 0) return goTo('outcome');
    const { allRequired } = ctx.config;
    const configured = localize(ctx.config.message, locales) ?? '';
    const callbacks = (answers: Map<string, boolean> = new Map()) =>
      mappings.map((mapping) =>
        consentMappingCallback({ ...mapping, message: configured || mapping.message || DEFAULT_MESSAGE, isRequired: allRequired, consented: answers.get(mapping.name) === true }),
      );

    const answers = new Map<string, boolean>();
    for (const callback of ctx.callbacks ?? []) {
      const name = outputValue(callback, 'name');
      const value = inputValue(callback);
      if (callback.type === 'ConsentMappingCallback' && typeof name === 'string' && typeof value === 'boolean') answers.set(name, value);
    }
    const complete = answers.size === mappings.length && mappings.every((mapping) => answers.has(mapping.name));
    if (!complete || (allRequired && [...answers.values()].includes(false))) return send(callbacks(answers));

    const consentDate = new Date(ctx.services.clock.now()).toISOString();
    const accepted = mappings.filter((mapping) => answers.get(mapping.name) === true).map((mapping) => ({ mapping: mapping.name, consentDate }));
    if (accepted.length > 0) setObjectAttribute(ctx.state, 'consentedMappings', accepted, { secret: false });
    return goTo('outcome');
  },
});
