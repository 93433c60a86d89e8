/** The configured security questions in the request's language, as KBA callbacks offer them. */
import { localize } from '../../journeys/engine/localize.ts';

/** A question id and its text in the chosen locale. */
export interface LocalizedQuestion {
  id: string;
  text: string;
}

/**
 * Each question's text in the best of `locales` (exact tag, then its language), then `en`, then
 * the question's first locale; in the configuration's order.
 */
export function localizedQuestions(questions: Record<string, Record<string, string>>, locales: readonly string[]): LocalizedQuestion[] {
  const result: LocalizedQuestion[] = [];
  for (const [id, texts] of Object.entries(questions)) {
    const text = localize(texts, locales);
    if (text !== undefined) result.push({ id, text });
  }
  return result;
}

/**
 * The id of the configured question whose text, in any locale, equals `text` once non-word
 * characters are dropped and case is ignored (how AM maps a chosen question back to its id).
 */
export function questionIdOf(questions: Record<string, Record<string, string>>, text: string): string | undefined {
  const wanted = comparable(text);
  for (const [id, texts] of Object.entries(questions)) {
    if (Object.values(texts).some((candidate) => comparable(candidate) === wanted)) return id;
  }
  return undefined;
}

/** Question text as AM compares it: non-word characters removed, lower-cased. */
export function comparable(text: string): string {
  return text.replace(/[^\p{L}\p{N}_]/gu, '').toLowerCase();
}
