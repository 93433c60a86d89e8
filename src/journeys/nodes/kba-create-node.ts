/**
 * KBA Definition (`KbaCreateNode`): the user picks (or writes) `minimumAnswersToDefine` security
 * questions and answers them. Questions must be distinct (compared without non-word characters,
 * case-insensitively) and answered; a custom question may not restate a configured one, and is
 * refused when `allowUserDefinedQuestions` is false. Otherwise the callbacks come back with the
 * values kept. The answers go in clear to `transient.objectAttributes.<kbaPropertyName>`; Create
 * and Patch Object hash them before anything is stored.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import { localize } from '../engine/localize.ts';
import type { KbaSettings } from '../engine/node-context.ts';
import { setObjectAttribute } from '../engine/object-attributes.ts';
import { kbaCreateCallback } from '../engine/self-service-callbacks.ts';
import { localeMapField } from './config-fields.ts';

/** AM's prompt when the node's message is empty. */
const DEFAULT_PROMPT = 'Select a security question.';

/** A defined question with its answer, as IDM stores it (`answer` still in clear here). */
export type KbaEntry = { questionId: string; answer: string } | { customQuestion: string; answer: string };

/** How KBA compares questions: non-word characters removed, lower-cased. */
export function normalizeQuestion(text: string): string {
  return text.replace(/[^\p{L}\p{N}_]/gu, '').toLowerCase();
}

/**
 * The entry for one submitted question and answer, or undefined when it cannot be accepted. The
 * question is a predefined question's text (in any of its languages), its position in the list
 * the callback sent (`"0"`, as the Login Widget answers), or the user's own question.
 */
export function entryOf(question: string, answer: string, questions: KbaSettings['questions'], allowCustom: boolean): KbaEntry | undefined {
  if (question === '' || answer === '') return undefined;
  const configured = Object.entries(questions);
  const exact = configured.find(([, texts]) => Object.values(texts).some((text) => text.trim() === question));
  if (exact !== undefined) return { questionId: exact[0], answer };
  // ForgeRock's Login Widget answers with the chosen question's position in the list it was sent.
  const byPosition = /^\d{1,3}$/.test(question) ? configured[Number(question)] : undefined;
  if (byPosition !== undefined) return { questionId: byPosition[0], answer };
  const normalized = normalizeQuestion(question);
  if (!allowCustom || normalized === '') return undefined;
  if (configured.some(([, texts]) => Object.values(texts).some((text) => normalizeQuestion(text) === normalized))) return undefined;
  return { customQuestion: question, answer };
}

/** The key two entries share when they ask the same question. */
export function sameQuestionKey(entry: KbaEntry): string {
  return 'questionId' in entry ? `id:${entry.questionId}` : `text:${normalizeQuestion(entry.customQuestion)}`;
}

/** KBA Definition: defines the user's security questions, then `outcome`. */
export const kbaCreateNode = defineNode({
  type: 'KbaCreateNode',
  displayName: 'KBA Definition',
  category: 'self-service',
  description: 'Lets the user define security questions and answers.',
  config: Type.Object({
    message: localeMapField({}, 'Prompt of each question, by locale.'),
    allowUserDefinedQuestions: Type.Boolean({ default: true, description: 'Let users write their own questions.' }),
  }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const settings = await ctx.services.kba.settings();
    const count = settings.minimumAnswersToDefine;
    if (count <= 0) return goTo('outcome');
    const { locales } = ctx.request;
    const allowCustom = ctx.config.allowUserDefinedQuestions;
    const prompt = localize(ctx.config.message, locales) || DEFAULT_PROMPT;
    const predefinedQuestions = Object.values(settings.questions).map((texts) => localize(texts, locales) ?? '');
    const callback = (question = '', answer = '') =>
      kbaCreateCallback({ prompt, predefinedQuestions, ...(allowCustom ? {} : { allowUserDefinedQuestions: false }), question, answer });

    const submitted = (ctx.callbacks ?? []).filter((candidate) => candidate.type === 'KbaCreateCallback');
    if (ctx.callbacks === undefined || submitted.length !== count) return send(Array.from({ length: count }, () => callback()));
    const pairs = submitted.map((candidate) => {
      const question = inputValue(candidate, 'question');
      const answer = inputValue(candidate, 'answer');
      return { question: typeof question === 'string' ? question.trim() : '', answer: typeof answer === 'string' ? answer.trim() : '' };
    });
    const entries = pairs.map((pair) => entryOf(pair.question, pair.answer, settings.questions, allowCustom));
    const keys = entries.map((entry) => (entry === undefined ? undefined : sameQuestionKey(entry)));
    const distinct = new Set(keys).size === keys.length;
    if (!distinct || entries.some((entry) => entry === undefined)) return send(pairs.map((pair) => callback(pair.question, pair.answer)));
    setObjectAttribute(ctx.state, settings.kbaPropertyName, entries, { secret: true });
    return goTo('outcome');
  },
});
