/**
 * The SMTP settings tab: host, port, security, user, password (write-only: typed to change it,
 * never shown) and sender, saved to `external.email`; and "Send a test email", which queues a
 * message and then follows it in the outbox until it is delivered, kept or failing, saying why.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { readOutboxMessage, readSmtpSettings, saveSmtpSettings, sendTestEmail } from './email-client.ts';
import type { EmailPlace, OutboxEntry, SmtpForm, SmtpSecurity } from './email-model.ts';
import { deliveryText, isSettled, smtpDocumentOf, smtpFormOf, smtpProblems } from './email-model.ts';
import { IdmRequestError } from './idm-client.ts';

const POLL_MS = 1500;
/** How long a test message is followed before the page stops asking (two minutes). */
const POLL_LIMIT = 80;

function field(label: string, id: string, input: ReactElement, problem?: string, hint?: string): ReactElement {
  return h(
    'div',
    { className: 'field' },
    h('label', { htmlFor: id }, label),
    input,
    hint === undefined ? null : h('small', { className: 'hint' }, hint),
    problem === undefined ? null : h('small', { className: 'invalid' }, problem),
  );
}

/** The tab. */
export function EmailSettingsView(props: { open: (place: EmailPlace) => void; onError: (error: unknown) => void }): ReactElement {
  const [stored, setStored] = useState<unknown>(undefined);
  const [form, setForm] = useState<SmtpForm | undefined>(undefined);
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState('');
  const [refused, setRefused] = useState('');
  const [to, setTo] = useState('');
  const [test, setTest] = useState<{ id: string; entry?: OutboxEntry; polls: number } | undefined>(undefined);
  const [testProblem, setTestProblem] = useState('');

  useEffect(() => {
    let current = true;
    readSmtpSettings().then(
      (document) => {
        if (!current) return;
        setStored(document);
        setForm(smtpFormOf(document));
      },
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.onError]);

  // Follows the test message until it settles (delivered, kept, failed) or a failed attempt says why.
  useEffect(() => {
    if (test === undefined || (test.entry !== undefined && (isSettled(test.entry) || test.entry.attempts > 0)) || test.polls >= POLL_LIMIT) return;
    let current = true;
    const timer = setTimeout(() => {
      readOutboxMessage(test.id).then(
        (entry) => current && setTest({ id: test.id, entry, polls: test.polls + 1 }),
        (error: unknown) => current && props.onError(error),
      );
    }, test.polls === 0 ? 300 : POLL_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [test, props.onError]);

  if (form === undefined) return h('p', { className: 'email-body' }, 'Loading…');
  const problems = smtpProblems(form);
  const change = (patch: Partial<SmtpForm>): void => {
    setForm({ ...form, ...patch });
    setSaved('');
  };

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (form === undefined || Object.keys(smtpProblems(form)).length > 0) return;
    setRefused('');
    try {
      const answer = await saveSmtpSettings(smtpDocumentOf(stored, form, password));
      setStored(answer);
      setForm(smtpFormOf(answer));
      setPassword('');
      setSaved('Settings saved.');
    } catch (error) {
      if (error instanceof IdmRequestError && error.status === 400) setRefused(error.message);
      else props.onError(error);
    }
  }

  async function sendTest(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTestProblem('');
    setTest(undefined);
    try {
      setTest({ id: await sendTestEmail(to.trim()), polls: 0 });
    } catch (error) {
      if (error instanceof IdmRequestError && error.status === 400) setTestProblem(error.message);
      else props.onError(error);
    }
  }

  const testStatus = (): string => {
    if (test === undefined) return '';
    if (test.entry === undefined) return 'Test email queued; waiting for the outbox…';
    const state = deliveryText(test.entry);
    if (!isSettled(test.entry) && test.entry.attempts === 0 && test.polls >= POLL_LIMIT) return `${state} (still not delivered; see the outbox).`;
    return test.entry.status === 'pending' && test.entry.attempts === 0 ? `Test email queued. ${state}…` : `Test email: ${state}`;
  };

  return h(
    'div',
    { className: 'email-body email-settings' },
    h(
      'form',
      { className: 'email-card', 'aria-labelledby': 'smtp-title', onSubmit: (event: FormEvent) => void save(event), noValidate: true },
      h('h2', { id: 'smtp-title' }, 'SMTP server'),
      h('p', { className: 'hint' }, 'Without a host, messages stay in the outbox (status "stored") and are delivered once one is set.'),
      field('Host', 'smtp-host', h('input', { id: 'smtp-host', value: form.host, maxLength: 255, placeholder: 'smtp.example.com', onChange: (event: { target: { value: string } }) => change({ host: event.target.value }) }), problems.host),
      field('Port', 'smtp-port', h('input', { id: 'smtp-port', inputMode: 'numeric', value: form.port, maxLength: 5, placeholder: '587', onChange: (event: { target: { value: string } }) => change({ port: event.target.value }) }), problems.port, 'Empty: 465 with SSL, 587 with STARTTLS, 25 otherwise.'),
      field(
        'Security',
        'smtp-security',
        h(
          'select',
          { id: 'smtp-security', value: form.security, onChange: (event: { target: { value: string } }) => change({ security: event.target.value === 'ssl' ? 'ssl' : event.target.value === 'starttls' ? 'starttls' : ('none' satisfies SmtpSecurity) }) },
          h('option', { value: 'none' }, 'None (plain SMTP)'),
          h('option', { value: 'starttls' }, 'STARTTLS (required)'),
          h('option', { value: 'ssl' }, 'SSL/TLS from the start'),
        ),
      ),
      field('User name', 'smtp-user', h('input', { id: 'smtp-user', value: form.username, maxLength: 255, autoComplete: 'off', onChange: (event: { target: { value: string } }) => change({ username: event.target.value }) }), problems.username, 'Empty: no SMTP authentication.'),
      field(
        'Password',
        'smtp-password',
        h('input', { id: 'smtp-password', type: 'password', value: password, maxLength: 1000, autoComplete: 'new-password', placeholder: form.passwordStored ? '•••••• (stored)' : '', onChange: (event: { target: { value: string } }) => { setPassword(event.target.value); setSaved(''); } }),
        undefined,
        form.passwordStored ? 'A password is stored; it is never shown. Type a new one to replace it.' : 'No password is stored.',
      ),
      field('From address', 'smtp-from', h('input', { id: 'smtp-from', type: 'email', value: form.from, maxLength: 320, placeholder: 'accounts@example.com', onChange: (event: { target: { value: string } }) => change({ from: event.target.value }) }), problems.from),
      refused === '' ? null : h('p', { className: 'error', role: 'alert' }, refused),
      h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary', disabled: Object.keys(problems).length > 0 }, 'Save settings'), saved === '' ? null : h('span', { className: 'saved', role: 'status' }, saved)),
    ),
    h(
      'form',
      { className: 'email-card', 'aria-labelledby': 'test-title', onSubmit: (event: FormEvent) => void sendTest(event) },
      h('h2', { id: 'test-title' }, 'Send a test email'),
      h('p', { className: 'hint' }, 'Queued in the outbox with the saved settings, then delivered by the mail worker (every 10 seconds).'),
      field('Test recipient', 'test-to', h('input', { id: 'test-to', type: 'email', value: to, maxLength: 320, required: true, placeholder: 'you@example.com', onChange: (event: { target: { value: string } }) => setTo(event.target.value) })),
      testProblem === '' ? null : h('p', { className: 'error', role: 'alert' }, testProblem),
      h('div', { className: 'actions' }, h('button', { type: 'submit', disabled: to.trim() === '' }, 'Send a test email')),
      test === undefined
        ? null
        : h(
            'p',
            { className: `delivery delivery-${test.entry?.status ?? 'queued'}${test.entry !== undefined && test.entry.attempts > 0 && test.entry.status === 'pending' ? ' delivery-failing' : ''}`, role: 'status' },
            testStatus(),
            ' ',
            h('button', { type: 'button', className: 'link', onClick: () => props.open({ tab: 'outbox', id: test.id }) }, 'Open in the outbox'),
          ),
    ),
  );
}
