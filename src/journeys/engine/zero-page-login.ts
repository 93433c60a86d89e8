/** AM's zero-page login: the first step's name and password callbacks filled from request headers. */
import type { CallbackJson } from './callbacks.ts';

/** Puts the credentials into the first name-type and the first password-type callback of a step. */
export function fillCredentials(callbacks: CallbackJson[], credentials: { username: string; password: string }): CallbackJson[] {
  let nameDone = false;
  let passwordDone = false;
  return callbacks.map((callback) => {
    const isName = callback.type === 'NameCallback' || callback.type === 'ValidatedCreateUsernameCallback';
    const isPassword = callback.type === 'PasswordCallback' || callback.type === 'ValidatedCreatePasswordCallback';
    const fill = (isName && !nameDone) || (isPassword && !passwordDone);
    if (!fill || callback.input === undefined) return callback;
    if (isName) nameDone = true;
    if (isPassword) passwordDone = true;
    const value = isName ? credentials.username : credentials.password;
    return { ...callback, input: callback.input.map((entry, index) => (index === 0 ? { ...entry, value } : entry)) };
  });
}
