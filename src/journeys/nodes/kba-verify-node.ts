/**
 * KBA Verification (`KbaVerifyNode`): asks the journey's user `minimumAnswersToVerify` of their
 * security questions (a random choice when they defined more; all of them, in order, otherwise),
 * one PasswordCallback each, and checks the answers against the stored hashes. The questions
 * asked are kept in shared state under `<nodeId>.kbaQuestions` so that the answers of the next
 * request match them. The answers are checked through the credential guard (`kba.checkAnswers`):
 * an attempt is reserved before any answer is verified, so that a burst of guesses verifies no
 * more than the attempts allowed. A wrong answer counts a KBA failure; once the attempts are used
 * up the node answers `false` with an error message without asking.
 */
import { randomInt } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { passwordCallback } from '../engine/callback-builders.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import { localize } from '../engine/localize.ts';
import type { KbaSettings } from '../engine/node-context.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** The journey's error message once the user has no KBA attempts left. */
export const KBA_LOCKED_MESSAGE = 'Maximum attempts exceeded';

/** The shared-state key of the questions a node asked. */
export function kbaQuestionsKey(nodeId: string): string {
  return `${nodeId}.kbaQuestions`;
}

/** A stored question the node can ask: its prompt and stored (hashed) answer. */
interface Askable {
  prompt: string;
  answer: unknown;
}

function askable(stored: unknown, settings: KbaSettings, locales: string[]): Askable[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry: unknown): Askable[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { questionId, customQuestion, answer } = entry as Record<string, unknown>;
    const texts = typeof questionId === 'string' ? settings.questions[questionId] : undefined;
    const prompt = texts === undefined ? customQuestion : localize(texts, locales);
    return typeof prompt === 'string' && prompt !== '' && answer !== undefined ? [{ prompt, answer }] : [];
  });
}

/** `count` indexes of `0..total-1`: all of them when there are no more, else a random choice, in order. */
function chooseQuestions(total: number, count: number): number[] {
  const indexes = Array.from({ length: total }, (_, index) => index);
  while (indexes.length > count) indexes.splice(randomInt(indexes.length), 1);
  return indexes;
}

function isChoice(value: unknown, total: number, count: number): value is number[] {
  return Array.isArray(value) && value.length === count && value.every((index) => Number.isInteger(index) && index >= 0 && index < total);
}

/** KBA Verification: `true` when every answer matches, else `false`. */
export const kbaVerifyNode = defineNode({
  type: 'KbaVerifyNode',
  displayName: 'KBA Verification',
  category: 'self-service',
  description: "Asks the user's security questions and checks the answers.",
  config: Type.Object({
    kbaInfoAttribute: Type.String({ default: 'kbaInfo', minLength: 1, description: 'The user attribute holding the questions and hashed answers.' }),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const { kba } = ctx.services;
    const key = kbaQuestionsKey(ctx.nodeId);
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('false');
    if (await kba.isLocked(ctx.identityResource, user._id)) return goTo('false', { errorMessage: KBA_LOCKED_MESSAGE });
    const settings = await kba.settings();
    const stored = user.attributes[ctx.config.kbaInfoAttribute];
    const questions = askable(stored, settings, ctx.request.locales);
    const count = settings.minimumAnswersToVerify;
    const defined = Array.isArray(stored) ? stored.length : 0;
    if (count <= 0 || questions.length < count || defined < settings.minimumAnswersToDefine) return goTo('false');

    const kept = ctx.state.shared[key];
    const chosen = isChoice(kept, questions.length, count) ? kept : chooseQuestions(questions.length, count);
    const asked = chosen.map((index) => questions[index] as Askable);
    const answers = (ctx.callbacks ?? []).filter((callback) => callback.type === 'PasswordCallback').map((callback) => inputValue(callback));
    if (answers.length !== asked.length || answers.some((answer) => typeof answer !== 'string' || answer.trim() === '')) {
      ctx.state.shared[key] = chosen;
      return send(asked.map((question) => passwordCallback(question.prompt)));
    }
    delete ctx.state.shared[key];
    const pairs = asked.map((question, index) => ({ stored: question.answer, answer: answers[index] as string }));
    const checked = await kba.checkAnswers(ctx.identityResource, user._id, ctx.request.clientIp, pairs);
    if (checked === 'verified') return goTo('true');
    return checked === 'locked' ? goTo('false', { errorMessage: KBA_LOCKED_MESSAGE }) : goTo('false');
  },
});
