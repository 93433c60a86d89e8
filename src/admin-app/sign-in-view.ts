/**
 * The sign-in form: runs the `Login` journey of a realm (root, where `amadmin` is; a realm
 * administrator who is a user of realm r names r) through AM's authenticate REST and shows each
 * step's name and password callbacks as fields (text callbacks as text). A step the form cannot
 * show (another callback type) leads to the same journey on Arbor's sign-in page, which comes back
 * to `/admin`. A failed sign-in starts the journey again with a message.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { Callback } from './am-client.ts';
import { AmRequestError, authenticate } from './am-client.ts';

const FIELD_TYPES = new Set(['NameCallback', 'PasswordCallback', 'TextOutputCallback']);

/** Arbor's sign-in page for `realm`, coming back to the admin app. */
function pageSignIn(realm: string): string {
  return `/login?realm=${encodeURIComponent(realm)}&goto=%2Fadmin`;
}

/** The realm the address names (`/admin?realm=alpha`), root otherwise. */
function realmOfAddress(): string {
  const realm = new URLSearchParams(window.location.search).get('realm')?.replace(/^\/+/, '') ?? '';
  return /^[A-Za-z0-9_-]{1,64}$/.test(realm) ? realm : 'root';
}

type Step = { authId: string; header: string; callbacks: Callback[] };

function prompt(callback: Callback): string {
  const entry = callback.output.find((output) => output.name === 'prompt' || output.name === 'message');
  return typeof entry?.value === 'string' ? entry.value : callback.type;
}

/** The sign-in form; `onSignedIn` runs once the journey succeeded (the session cookie is set). */
export function SignInView(props: { onSignedIn: () => void; notice?: string }): ReactElement {
  const [step, setStep] = useState<Step | undefined>(undefined);
  const [values, setValues] = useState<string[]>([]);
  const [error, setError] = useState(props.notice ?? '');
  const [busy, setBusy] = useState(false);
  const [realm, setRealm] = useState(realmOfAddress);
  const [realmText, setRealmText] = useState(realm);

  const start = useCallback(async (message: string) => {
    try {
      const result = await authenticate(undefined, realm);
      if (result.kind === 'success') return props.onSignedIn();
      setStep(result);
      setValues(result.callbacks.map(() => ''));
      setError(message);
    } catch (failure) {
      setStep(undefined);
      setError(failure instanceof AmRequestError && failure.status === 404 ? `There is no realm "${realm}".` : failure instanceof Error ? failure.message : 'Sign-in failed');
    }
  }, [props.onSignedIn, realm]);

  useEffect(() => {
    void start(props.notice ?? '');
  }, [start, props.notice]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (step === undefined || busy) return;
    setBusy(true);
    const callbacks = step.callbacks.map((callback, index) =>
      callback.input.length === 0 ? callback : { ...callback, input: callback.input.map((input, at) => (at === 0 ? { ...input, value: values[index] ?? '' } : input)) },
    );
    try {
      const result = await authenticate({ authId: step.authId, callbacks }, realm);
      if (result.kind === 'success') return props.onSignedIn();
      setStep(result);
      setValues(result.callbacks.map(() => ''));
      setError('');
    } catch (failure) {
      await start(failure instanceof AmRequestError && failure.status === 401 ? 'The user name or password is wrong.' : 'Sign-in failed; try again.');
    } finally {
      setBusy(false);
    }
  }

  const showable = step !== undefined && step.callbacks.every((callback) => FIELD_TYPES.has(callback.type));
  const fields = (step?.callbacks ?? []).map((callback, index) => {
    if (callback.type === 'TextOutputCallback') return h('p', { key: index }, prompt(callback));
    const id = `sign-in-field-${index}`;
    return h(
      'div',
      { key: index, className: 'field' },
      h('label', { htmlFor: id }, prompt(callback)),
      h('input', {
        id,
        type: callback.type === 'PasswordCallback' ? 'password' : 'text',
        autoComplete: callback.type === 'PasswordCallback' ? 'current-password' : 'username',
        value: values[index] ?? '',
        required: true,
        onChange: (event: { target: { value: string } }) => setValues((old) => old.map((value, at) => (at === index ? event.target.value : value))),
      }),
    );
  });

  const realmField = h(
    'form',
    { className: 'realm-choice', onSubmit: (event: FormEvent) => {
      event.preventDefault();
      const chosen = realmText.trim().replace(/^\/+/, '') || 'root';
      if (/^[A-Za-z0-9_-]{1,64}$/.test(chosen)) {
        // The old realm's step goes at once: nothing typed from now on can reach it.
        setStep(undefined);
        setRealm(chosen);
      }
      else setError('A realm name has letters, digits, - and _ only.');
    } },
    h('label', { htmlFor: 'sign-in-realm' }, 'Realm'),
    h('input', { id: 'sign-in-realm', value: realmText, maxLength: 64, onChange: (event: { target: { value: string } }) => setRealmText(event.target.value) }),
    h('button', { type: 'submit', className: 'link', disabled: realmText.trim() === realm }, 'Change'),
  );
  return h(
    'main',
    { className: 'sign-in' },
    h('h1', null, 'Arbor administration'),
    error === '' ? null : h('p', { className: 'error', role: 'alert' }, error),
    realmField,
    step === undefined
      ? h('p', null, 'Loading…')
      : showable
        ? h('form', { onSubmit: (event: FormEvent) => void submit(event) }, h('h2', null, step.header || 'Sign in'), ...fields, h('button', { type: 'submit', disabled: busy }, 'Sign in'))
        : h('p', null, 'This sign-in asks for more than a password. ', h('a', { href: pageSignIn(realm) }, 'Continue on the sign-in page')),
    h('p', { className: 'hint' }, 'Administrators sign in to the root realm (amadmin); a realm administrator may sign in to their own realm. ', h('a', { href: pageSignIn(realm) }, 'Use the sign-in page instead')),
  );
}
