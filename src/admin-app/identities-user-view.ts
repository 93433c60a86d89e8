/**
 * One user's page (or the new-user form): the schema's editable attributes as fields, saved as a
 * PATCH of what changed (create: `_action=create`), with the server's policy failures shown under
 * the fields they concern; a new password set by PATCH with its own feedback; unlock (ends the
 * login failure lockout); delete after a confirmation; and, for an existing user, their sessions,
 * linked social accounts and devices (`identity-*-card.ts`).
 */
import { createElement as h, useEffect, useState } from 'react';
import './identities.css';
import { placeOf } from './admin-section.ts';
import { IdentityAccountsCard } from './identity-accounts-card.ts';
import { IdentityDevicesCard } from './identity-devices-card.ts';
import { IdentitySessionsCard } from './identity-sessions-card.ts';
import type { FormEvent, ReactElement } from 'react';
import type { ManagedUser } from './idm-client.ts';
import { createUser, deleteUser, IdmRequestError, patchUser, readUser, unlockUser } from './idm-client.ts';
import type { UserField } from './identities-model.ts';
import { createBody, failuresByProperty, formValue, patchOf } from './identities-model.ts';

type Feedback = { notice: string; problem: string; fields: Map<string, string[]> };

const QUIET: Feedback = { notice: '', problem: '', fields: new Map() };

function valuesOf(fields: UserField[], user: ManagedUser | undefined): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.name, user === undefined ? (field.kind === 'boolean' ? 'false' : '') : formValue(Object.hasOwn(user, field.name) ? user[field.name] : undefined)]));
}

function fieldInput(field: UserField, value: string, id: string, described: string | undefined, onChange: (value: string) => void): ReactElement {
  const common = { id, 'aria-describedby': described, 'aria-invalid': described === undefined ? undefined : true };
  if (field.kind === 'boolean') return h('select', { ...common, value, onChange: (event: { target: { value: string } }) => onChange(event.target.value) }, h('option', { value: 'true' }, 'Yes'), h('option', { value: 'false' }, 'No'));
  return h('input', { ...common, type: field.kind === 'number' ? 'number' : 'text', value, maxLength: 4096, onChange: (event: { target: { value: string } }) => onChange(event.target.value) });
}

function errorsOf(id: string, messages: string[] | undefined): ReactElement | null {
  return messages === undefined ? null : h('ul', { id, className: 'field-errors' }, ...messages.map((message, index) => h('li', { key: index }, message)));
}

/** The page of user `id` of `type`, or the create form when `id` is undefined. */
export function IdentitiesUserView(props: { type: string; id: string | undefined; fields: UserField[]; onBack: () => void; onCreated: (id: string) => void; onError: (error: unknown) => void }): ReactElement {
  const [user, setUser] = useState<ManagedUser | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>(() => valuesOf(props.fields, undefined));
  const [feedback, setFeedback] = useState<Feedback>(QUIET);
  const [password, setPassword] = useState('');
  const [passwordFeedback, setPasswordFeedback] = useState<Feedback>(QUIET);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    setUser(undefined);
    setFeedback(QUIET);
    setPasswordFeedback(QUIET);
    setConfirming(false);
    if (props.id === undefined) {
      setValues(valuesOf(props.fields, undefined));
      return;
    }
    readUser(props.type, props.id).then(
      (answer) => {
        if (!current) return;
        setUser(answer);
        setValues(valuesOf(props.fields, answer));
      },
      (error: unknown) => current && (error instanceof IdmRequestError && error.status === 404 ? setFeedback({ ...QUIET, problem: 'This user no longer exists.' }) : props.onError(error)),
    );
    return () => {
      current = false;
    };
  }, [props.type, props.id, props.fields, props.onError]);

  /** Runs a write; a refusal is shown in `show` (policy failures beside their fields), a lost session goes to the shell. */
  async function write(action: () => Promise<string>, show: (feedback: Feedback) => void): Promise<void> {
    if (busy) return;
    setBusy(true);
    show(QUIET);
    try {
      show({ ...QUIET, notice: await action() });
    } catch (error) {
      if (!(error instanceof IdmRequestError) || error.status === 401 || error.status === 0) props.onError(error);
      else show({ notice: '', problem: error.failures.length > 0 ? 'The server refused the change: see the fields marked below.' : error.message, fields: failuresByProperty(error.failures) });
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent): void {
    event.preventDefault();
    if (props.id === undefined) {
      void write(async () => {
        const created = await createUser(props.type, createBody(props.fields, values, password));
        props.onCreated(created._id);
        return 'Created.';
      }, setFeedback);
      return;
    }
    const id = props.id;
    const operations = user === undefined ? [] : patchOf(props.fields, user, values);
    if (operations.length === 0) {
      setFeedback({ ...QUIET, notice: 'Nothing to save.' });
      return;
    }
    void write(async () => {
      const saved = await patchUser(props.type, id, operations);
      setUser(saved);
      setValues(valuesOf(props.fields, saved));
      return 'Saved.';
    }, setFeedback);
  }

  function setNewPassword(event: FormEvent): void {
    event.preventDefault();
    if (props.id === undefined || password === '') return;
    const id = props.id;
    void write(async () => {
      await patchUser(props.type, id, [{ operation: 'replace', field: '/password', value: password }]);
      setPassword('');
      return 'Password set; the user’s sessions were ended.';
    }, setPasswordFeedback);
  }

  function unlock(): void {
    if (props.id === undefined) return;
    const id = props.id;
    void write(async () => {
      setUser(await unlockUser(props.type, id));
      return 'Unlocked: the user may sign in again.';
    }, setFeedback);
  }

  function remove(): void {
    if (props.id === undefined) return;
    const id = props.id;
    void write(async () => {
      await deleteUser(props.type, id);
      props.onBack();
      return 'Deleted.';
    }, setFeedback);
  }

  const creating = props.id === undefined;
  const title = creating ? 'New user' : formValue(user?.userName) || props.id || '';
  const field = (entry: UserField): ReactElement => {
    const id = `user-field-${entry.name}`;
    const messages = feedback.fields.get(entry.name);
    return h(
      'div',
      { key: entry.name, className: 'field' },
      h('label', { htmlFor: id }, entry.title, entry.required ? ' *' : ''),
      fieldInput(entry, values[entry.name] ?? '', id, messages === undefined ? undefined : `${id}-errors`, (value) => setValues((old) => ({ ...old, [entry.name]: value }))),
      errorsOf(`${id}-errors`, messages),
    );
  };
  const passwordErrors = (creating ? feedback : passwordFeedback).fields.get('password');
  const passwordField = h(
    'div',
    { className: 'field' },
    h('label', { htmlFor: 'user-field-password' }, creating ? 'Password' : 'New password'),
    h('input', { id: 'user-field-password', type: 'password', autoComplete: 'new-password', value: password, maxLength: 256, 'aria-describedby': passwordErrors === undefined ? undefined : 'user-field-password-errors', onChange: (event: { target: { value: string } }) => setPassword(event.target.value) }),
    errorsOf('user-field-password-errors', passwordErrors),
  );
  const status = (shown: Feedback): ReactElement | null =>
    shown.problem !== '' ? h('p', { className: 'error', role: 'alert' }, shown.problem) : shown.notice !== '' ? h('p', { className: 'notice', role: 'status' }, shown.notice) : null;

  return h(
    'section',
    { className: 'identity', 'aria-labelledby': 'identity-title' },
    h('div', { className: 'toolbar' }, h('button', { type: 'button', onClick: props.onBack }, '← Identities'), h('h1', { id: 'identity-title' }, title)),
    status(feedback),
    !creating && user === undefined
      ? feedback.problem === '' ? h('p', { className: 'identity-body' }, 'Loading…') : null
      : h(
          'div',
          { className: 'identity-body' },
          h(
            'form',
            { className: 'card', onSubmit: save, 'aria-label': creating ? 'New user' : 'Attributes' },
            h('h2', null, 'Attributes'),
            user === undefined ? null : h('p', { className: 'hint' }, `Id ${user._id}`),
            ...props.fields.map(field),
            creating ? passwordField : null,
            h('button', { type: 'submit', className: 'primary', disabled: busy }, creating ? 'Create' : 'Save'),
          ),
          creating
            ? null
            : h(
                'div',
                { className: 'side' },
                h('form', { className: 'card', onSubmit: setNewPassword, 'aria-label': 'Reset password' }, h('h2', null, 'Reset password'), status(passwordFeedback), passwordField, h('button', { type: 'submit', disabled: busy || password === '' }, 'Set password')),
                h('div', { className: 'card' }, h('h2', null, 'Lockout'), h('p', { className: 'hint' }, 'Ends a lock from failed sign-ins and clears the failure count.'), h('button', { type: 'button', disabled: busy, onClick: unlock }, 'Unlock')),
                h(
                  'div',
                  { className: 'card' },
                  h('h2', null, 'Delete'),
                  confirming
                    ? h('div', { role: 'group', 'aria-label': 'Confirm deletion' }, h('p', null, `Delete ${title}? This cannot be undone; their sessions end.`), h('button', { type: 'button', className: 'danger', disabled: busy, onClick: remove }, 'Delete user'), ' ', h('button', { type: 'button', onClick: () => setConfirming(false) }, 'Cancel'))
                    : h('button', { type: 'button', className: 'danger', onClick: () => setConfirming(true) }, 'Delete…'),
                ),
              ),
          creating || user === undefined
            ? null
            : h(
                'div',
                { className: 'identity-extras' },
                h(IdentitySessionsCard, { realm: placeOf(window.location.hash).realm, username: formValue(user.userName), onError: props.onError }),
                h(IdentityAccountsCard, { type: props.type, id: user._id, onError: props.onError }),
                h(IdentityDevicesCard, { realm: placeOf(window.location.hash).realm, userId: user._id, onError: props.onError }),
              ),
        ),
  );
}
