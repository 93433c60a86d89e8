/**
 * Answers a journey step as a person would, from what they know: their user name and password,
 * profile attributes by name, yes to every preference and to the terms, security questions chosen
 * in order. Only the callbacks of the default alpha journeys the soak runs are understood; a step
 * whose inputs it cannot fill is reported, not guessed.
 */

/** A callback on the wire. */
export interface WireCallback {
  type: string;
  output?: { name: string; value: unknown }[];
  input?: { name: string; value: unknown }[];
}

/** What the person answering knows. */
export interface Person {
  userName?: string;
  password?: string;
  attributes?: Readonly<Record<string, string>>;
}

function output(callback: WireCallback, name: string): unknown {
  return callback.output?.find((entry) => entry.name === name)?.value;
}

function setInput(callback: WireCallback, index: number, value: unknown): boolean {
  const input = callback.input?.[index];
  if (input === undefined) return false;
  input.value = value;
  return true;
}

/**
 * Fills `callbacks` in place; answers the type of the first callback it could not fill (an
 * unknown type with inputs, or a value the person does not have), or undefined when all are.
 */
export function answerCallbacks(callbacks: WireCallback[], person: Person): string | undefined {
  let kba = 0;
  for (const callback of callbacks) {
    let filled = true;
    switch (callback.type) {
      case 'NameCallback':
      case 'ValidatedCreateUsernameCallback':
        filled = person.userName !== undefined && setInput(callback, 0, person.userName);
        break;
      case 'PasswordCallback':
      case 'ValidatedCreatePasswordCallback':
        filled = person.password !== undefined && setInput(callback, 0, person.password);
        break;
      case 'StringAttributeInputCallback': {
        const name = output(callback, 'name');
        const value = typeof name === 'string' ? person.attributes?.[name] : undefined;
        filled = value !== undefined && setInput(callback, 0, value);
        break;
      }
      case 'BooleanAttributeInputCallback':
      case 'TermsAndConditionsCallback':
        filled = setInput(callback, 0, true);
        break;
      case 'KbaCreateCallback': {
        const questions = output(callback, 'predefinedQuestions');
        const question = Array.isArray(questions) ? questions[kba % questions.length] : undefined;
        filled = typeof question === 'string' && setInput(callback, 0, question) && setInput(callback, 1, `answer ${kba + 1}`);
        kba += 1;
        break;
      }
      default:
        filled = (callback.input ?? []).length === 0;
    }
    if (!filled) return callback.type;
  }
  return undefined;
}
