/**
 * The Security questions section's model, pure: the `selfservice.kba` document read from the
 * server's (hostile) answer into a form (minimums as typed text, questions with their texts per
 * locale), edits of that form (add a question or a locale, remove them), and the document the form
 * saves. Numbers that are not whole numbers are sent as typed, so that the server's own message
 * says what is wrong; the field it names is mapped back to the form's input.
 */

/** One locale's text of a question. */
export interface KbaText {
  locale: string;
  text: string;
}

/** One question: its id (what users' answers refer to) and its texts. */
export interface KbaQuestion {
  id: string;
  texts: KbaText[];
}

/** The form of the section. */
export interface KbaForm {
  minimumAnswersToDefine: string;
  minimumAnswersToVerify: string;
  numberOfAttemptsAllowed: string;
  questions: KbaQuestion[];
  /** Fields the section does not edit, sent back as read (`kbaPropertyName`, `kbaAttemptsPropertyName`). */
  kept: Record<string, unknown>;
}

const MAX_QUESTIONS = 500;
const MAX_LOCALES = 100;
const KEPT = ['kbaPropertyName', 'kbaAttemptsPropertyName'];
const LOCALE = /^[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8})*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function numberText(value: unknown, fallback: string): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : fallback;
}

/** The form of the document in the server's answer (`GET`/`PUT /openidm/config/selfservice.kba`). */
export function kbaFormOf(answer: unknown): KbaForm {
  const record = isRecord(answer) ? answer : {};
  const questions = own(record, 'questions');
  const list: KbaQuestion[] = [];
  if (isRecord(questions)) {
    for (const id of Object.keys(questions).slice(0, MAX_QUESTIONS)) {
      const texts = questions[id];
      if (id === '__proto__' || !isRecord(texts)) continue;
      list.push({ id, texts: Object.keys(texts).slice(0, MAX_LOCALES).flatMap((locale) => (typeof texts[locale] === 'string' && locale !== '__proto__' ? [{ locale, text: texts[locale] }] : [])) });
    }
  }
  const kept: Record<string, unknown> = {};
  for (const key of KEPT) if (typeof own(record, key) === 'string') kept[key] = record[key];
  return {
    minimumAnswersToDefine: numberText(own(record, 'minimumAnswersToDefine'), '1'),
    minimumAnswersToVerify: numberText(own(record, 'minimumAnswersToVerify'), '1'),
    numberOfAttemptsAllowed: numberText(own(record, 'numberOfAttemptsAllowed'), '0'),
    questions: list,
    kept,
  };
}

/** A typed count as a number when it is a whole number, else the text as typed (the server explains). */
function countOf(text: string): number | string {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The body of the `PUT` that stores `form`. */
export function kbaBody(form: KbaForm): Record<string, unknown> {
  const questions: Record<string, Record<string, string>> = {};
  for (const question of form.questions) questions[question.id] = Object.fromEntries(question.texts.map((entry) => [entry.locale, entry.text]));
  return {
    ...form.kept,
    minimumAnswersToDefine: countOf(form.minimumAnswersToDefine),
    minimumAnswersToVerify: countOf(form.minimumAnswersToVerify),
    numberOfAttemptsAllowed: countOf(form.numberOfAttemptsAllowed),
    questions,
  };
}

/** The id of a new question: one more than the highest numeric id. */
export function nextQuestionId(form: KbaForm): string {
  const highest = Math.max(0, ...form.questions.map((question) => (/^\d{1,9}$/.test(question.id) ? Number(question.id) : 0)));
  return String(highest + 1);
}

/** `form` with a new question (an empty text in `locale`). */
export function withQuestion(form: KbaForm, locale = 'en'): KbaForm {
  return { ...form, questions: [...form.questions, { id: nextQuestionId(form), texts: [{ locale, text: '' }] }] };
}

/** `form` without question `id`. */
export function withoutQuestion(form: KbaForm, id: string): KbaForm {
  return { ...form, questions: form.questions.filter((question) => question.id !== id) };
}

function changing(form: KbaForm, id: string, change: (texts: KbaText[]) => KbaText[]): KbaForm {
  return { ...form, questions: form.questions.map((question) => (question.id === id ? { ...question, texts: change(question.texts) } : question)) };
}

/** `form` with question `id`'s text in `locale` set to `text`. */
export function withText(form: KbaForm, id: string, locale: string, text: string): KbaForm {
  return changing(form, id, (texts) => texts.map((entry) => (entry.locale === locale ? { ...entry, text } : entry)));
}

/** Why `locale` cannot be added to question `id` ('' when it can). */
export function kbaLocaleProblem(form: KbaForm, id: string, locale: string): string {
  if (!LOCALE.test(locale)) return `"${locale}" is not a locale (en, fr, en_GB, fr-BE).`;
  const question = form.questions.find((candidate) => candidate.id === id);
  if (question?.texts.some((entry) => entry.locale.toLowerCase() === locale.toLowerCase())) return `Question ${id} already has ${locale}.`;
  return '';
}

/** `form` with an empty text in `locale` added to question `id`. */
export function withLocale(form: KbaForm, id: string, locale: string): KbaForm {
  return changing(form, id, (texts) => [...texts, { locale, text: '' }]);
}

/** `form` without question `id`'s text in `locale`. */
export function withoutLocale(form: KbaForm, id: string, locale: string): KbaForm {
  return changing(form, id, (texts) => texts.filter((entry) => entry.locale !== locale));
}

/**
 * The form input a server's `detail.field` names: `minimumAnswersToVerify` is that setting,
 * `questions.3.en` the text of question 3 in en, `questions.3` its whole block; '' for none.
 */
export function inputOfField(form: KbaForm, field: string): string {
  if (['minimumAnswersToDefine', 'minimumAnswersToVerify', 'numberOfAttemptsAllowed'].includes(field)) return `kba-${field}`;
  if (!field.startsWith('questions.')) return '';
  const rest = field.slice('questions.'.length);
  // Ids may hold dots: the longest question id the field starts with wins.
  const question = [...form.questions].sort((a, b) => b.id.length - a.id.length).find((candidate) => rest === candidate.id || rest.startsWith(`${candidate.id}.`));
  if (question === undefined) return '';
  const locale = rest.slice(question.id.length + 1);
  return locale !== '' && question.texts.some((entry) => entry.locale === locale) ? textInputId(question.id, locale) : questionBlockId(question.id);
}

/** The id of the input of question `id`'s text in `locale`. */
export function textInputId(id: string, locale: string): string {
  return `kba-text-${encodeURIComponent(id)}-${encodeURIComponent(locale)}`.replace(/%/g, '_');
}

/** The id of question `id`'s block. */
export function questionBlockId(id: string): string {
  return `kba-question-${encodeURIComponent(id)}`.replace(/%/g, '_');
}
