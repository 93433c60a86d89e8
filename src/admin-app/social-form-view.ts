/**
 * A social provider's form, new (from a preset) or stored: every option in its group with its help
 * text, "Fill from well-known URL" (the discovery route) for OpenID Connect types, the itsme® key
 * panel for itsme, Save (AM's PUT; the server's refusal shown under each field it names) and
 * Delete after a confirmation.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { ProviderType } from '../social/provider-config.ts';
import { isOidcType } from '../social/providers/provider-types.ts';
import { deleteProvider, discover, listProviders, readProvider, saveProvider, SocialRequestError } from './social-client.ts';
import { FIELD_GROUPS, type ProviderField } from './social-fields.ts';
import type { FieldProblem, FormValues } from './social-model.ts';
import { editedBody, fieldsOf, fillFromDiscovered, formFromProvider, newProviderForm, PRESET_CHOICES, providerBody, providerNameProblem, providerSummaries, readDiscovered, TRANSFORM_CHOICES, TYPE_LABELS } from './social-model.ts';
import { ItsmeKeysPanel } from './social-itsme-keys.ts';
import './social.css';

/** What the form edits: a new provider of a preset, or a stored one. */
export type SocialFormTarget = { kind: 'new'; preset: string } | { kind: 'edit'; type: ProviderType; name: string };

/** The provider just created, so that its page (opened next) says it was saved. */
let justSaved = '';

type Discovery = { kind: 'idle' } | { kind: 'busy' } | { kind: 'filled'; text: string } | { kind: 'failed'; text: string };

function inputId(key: string): string {
  return `social-${key.replace(/\./g, '-')}`;
}

function problemsByField(problems: FieldProblem[], keys: Set<string>): { fields: Map<string, string[]>; other: string[] } {
  const fields = new Map<string, string[]>();
  const other: string[] = [];
  for (const problem of problems) {
    const key = problem.field === '_id' ? 'name' : problem.field;
    if (keys.has(key)) fields.set(key, [...(fields.get(key) ?? []), problem.reason]);
    else other.push(problem.field === '' ? problem.reason : `${problem.field} ${problem.reason}`);
  }
  return { fields, other };
}

function choiceLabel(field: ProviderField, option: string): string {
  if (field.key === 'scopeDelimiter') return option === ' ' ? 'Space' : 'Comma';
  return option;
}

/** The form of `target` in `realm`. */
export function SocialFormView(props: { realm: string; target: SocialFormTarget; go: (path: string[]) => void; onError: (error: unknown) => void }): ReactElement {
  const presetId = props.target.kind === 'new' ? props.target.preset : undefined;
  const editName = props.target.kind === 'edit' ? props.target.name : undefined;
  const preset = PRESET_CHOICES.find((choice) => choice.id === presetId);
  const type: ProviderType = props.target.kind === 'edit' ? props.target.type : (preset?.type ?? 'oidcConfig');
  const creating = props.target.kind === 'new';
  const [name, setName] = useState(props.target.kind === 'edit' ? props.target.name : (preset?.name ?? ''));
  const [values, setValues] = useState<FormValues | undefined>(undefined);
  const [stored, setStored] = useState<Record<string, unknown>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [notice, setNotice] = useState('');
  const [missing, setMissing] = useState('');
  const [busy, setBusy] = useState(false);
  const [discovery, setDiscovery] = useState<Discovery>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const fields = fieldsOf(type);
  const keys = new Set(['name', ...fields.map((field) => field.key)]);

  useEffect(() => {
    let current = true;
    if (editName === undefined) {
      setValues(newProviderForm(type, props.realm, window.location.origin));
      return;
    }
    const stored = editName;
    readProvider(props.realm, type, stored).then(
      (answer) => {
        if (!current) return;
        setStored(answer);
        setValues(formFromProvider(type, answer));
        if (justSaved === `${type}/${stored}`) setNotice(`Saved ${stored}.`);
        justSaved = '';
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof SocialRequestError && error.status === 404) setMissing(`No ${TYPE_LABELS[type]} provider named ${stored} in this realm.`);
        else props.onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [props.realm, editName, type, props.onError]);

  const set = (key: string, value: string | boolean): void => {
    setValues((previous) => (previous === undefined ? previous : { ...previous, [key]: value }));
    setNotice('');
  };

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (values === undefined || busy) return;
    const built = providerBody(type, values);
    const nameProblem = creating ? providerNameProblem(name) : undefined;
    const found = nameProblem === undefined ? built.problems : [{ field: 'name', reason: nameProblem }, ...built.problems];
    setProblems(found);
    setNotice('');
    if (found.length > 0) return;
    setBusy(true);
    try {
      const instance = name.trim();
      if (creating && providerSummaries(await listProviders(props.realm)).some((provider) => provider.name === instance)) {
        setProblems([{ field: 'name', reason: 'The realm already has a provider of this name.' }]);
        return;
      }
      const body = creating ? built.body : editedBody(type, stored, built.body);
      const answer = await saveProvider(props.realm, type, instance, body);
      if (creating) {
        justSaved = `${type}/${instance}`;
        props.go([type, instance]);
        return;
      }
      setStored(answer);
      setValues(formFromProvider(type, answer));
      setNotice(`Saved ${instance}.`);
    } catch (error) {
      if (error instanceof SocialRequestError && (error.status === 400 || error.status === 409)) setProblems(error.fields.length > 0 ? error.fields : [{ field: '', reason: error.message }]);
      else props.onError(error);
    } finally {
      setBusy(false);
    }
  }

  async function fill(): Promise<void> {
    const url = typeof values?.wellKnownEndpoint === 'string' ? values.wellKnownEndpoint.trim() : '';
    if (url === '') {
      setDiscovery({ kind: 'failed', text: 'Type the provider’s well-known URL first (…/.well-known/openid-configuration).' });
      return;
    }
    setDiscovery({ kind: 'busy' });
    try {
      const found = readDiscovered(await discover(props.realm, url));
      if (found === undefined) {
        setDiscovery({ kind: 'failed', text: 'Arbor answered something that is not a discovery result.' });
        return;
      }
      setValues((previous) => (previous === undefined ? previous : fillFromDiscovered(previous, found)));
      const supported = [
        found.scopes.length > 0 ? `scopes ${found.scopes.join(' ')}` : '',
        found.clientAuthenticationMethods.length > 0 ? `client authentication ${found.clientAuthenticationMethods.join(', ')}` : '',
      ].filter((part) => part !== '');
      setDiscovery({ kind: 'filled', text: `Filled the issuer (${found.issuer}) and the endpoints from the discovery document.${supported.length > 0 ? ` The provider supports ${supported.join('; ')}.` : ''}` });
    } catch (error) {
      if (error instanceof SocialRequestError && (error.status === 400 || error.status === 502)) setDiscovery({ kind: 'failed', text: error.message });
      else {
        setDiscovery({ kind: 'idle' });
        props.onError(error);
      }
    }
  }

  async function remove(): Promise<void> {
    if (editName === undefined) return;
    try {
      await deleteProvider(props.realm, type, editName);
      props.go([]);
    } catch (error) {
      setConfirming(false);
      props.onError(error);
    }
  }

  const title = creating ? `New ${preset?.label ?? TYPE_LABELS[type]} provider` : `${name}`;
  if (missing !== '') {
    return h('section', { className: 'social' }, h('div', { className: 'toolbar' }, h('h1', null, 'Social provider'), h('button', { type: 'button', onClick: () => props.go([]) }, 'Back to the list')), h('p', { className: 'error', role: 'alert' }, missing));
  }
  if (values === undefined) return h('p', { className: 'social-intro' }, 'Loading…');
  const { fields: fieldProblems, other } = problemsByField(problems, keys);

  const errorList = (key: string): ReactElement | null => {
    const messages = fieldProblems.get(key);
    return messages === undefined ? null : h('ul', { id: `${inputId(key)}-errors`, className: 'field-errors' }, ...messages.map((message, index) => h('li', { key: index }, message)));
  };

  const control = (field: ProviderField): ReactElement => {
    const id = inputId(field.key);
    const described = [`${id}-help`, fieldProblems.has(field.key) ? `${id}-errors` : ''].filter((part) => part !== '').join(' ');
    const common = { id, 'aria-describedby': described, 'aria-invalid': fieldProblems.has(field.key) ? true : undefined, 'aria-required': field.required === true ? true : undefined };
    const value = values[field.key];
    const text = typeof value === 'string' ? value : '';
    const onText = (event: { target: { value: string } }): void => set(field.key, event.target.value);
    if (field.kind === 'boolean') return h('input', { ...common, type: 'checkbox', checked: value === true, onChange: (event: { target: { checked: boolean } }) => set(field.key, event.target.checked) });
    if (field.kind === 'choice') {
      const options = field.key === 'transform' ? ['', ...TRANSFORM_CHOICES.map((choice) => choice.id)] : [...(field.options ?? [])];
      if (!options.includes(text)) options.push(text);
      const label = (option: string): string => (field.key === 'transform' ? (option === '' ? '(none)' : (TRANSFORM_CHOICES.find((choice) => choice.id === option)?.label ?? option)) : choiceLabel(field, option));
      return h('select', { ...common, value: text, onChange: onText }, ...options.map((option) => h('option', { key: option, value: option }, label(option))));
    }
    if (field.kind === 'json') return h('textarea', { ...common, value: text, rows: 3, maxLength: 16_384, onChange: onText });
    if (field.kind === 'secret') return h('input', { ...common, type: 'password', autoComplete: 'new-password', placeholder: creating ? '' : '(unchanged)', value: text, maxLength: 4096, onChange: onText });
    return h('input', { ...common, type: 'text', inputMode: field.kind === 'url' ? 'url' : undefined, spellCheck: false, value: text, maxLength: 2048, onChange: onText });
  };

  const fieldRow = (field: ProviderField): ReactElement => {
    const id = inputId(field.key);
    const label = h('span', null, h('label', { htmlFor: id }, field.label), field.required === true ? h('span', { className: 'social-required', 'aria-hidden': true }, ' *') : null);
    const discoveryRow =
      field.key === 'wellKnownEndpoint'
        ? h(
            'div',
            { className: 'social-discovery' },
            h('button', { type: 'button', onClick: () => void fill(), disabled: discovery.kind === 'busy' }, discovery.kind === 'busy' ? 'Fetching…' : 'Fill from well-known URL'),
            discovery.kind === 'filled' ? h('p', { role: 'status', className: 'social-status' }, discovery.text) : null,
            discovery.kind === 'failed' ? h('p', { role: 'alert', className: 'error' }, discovery.text) : null,
          )
        : null;
    return h(
      'div',
      { key: field.key, className: field.kind === 'boolean' ? 'social-field social-check' : field.key === 'wellKnownEndpoint' || field.kind === 'json' ? 'social-field social-wide' : 'social-field' },
      field.kind === 'boolean' ? h('div', { className: 'social-check-row' }, control(field), label) : [h('div', { key: 'l' }, label), h('div', { key: 'c' }, control(field))],
      h('p', { id: `${id}-help`, className: 'social-help' }, field.help),
      errorList(field.key),
      discoveryRow,
    );
  };

  return h(
    'section',
    { className: 'social', 'aria-labelledby': 'social-form-title' },
    h(
      'div',
      { className: 'toolbar' },
      h('h1', { id: 'social-form-title' }, title),
      h('span', { className: 'social-type' }, `${TYPE_LABELS[type]} (${type})`),
      h('button', { type: 'button', onClick: () => props.go([]) }, 'Back to the list'),
    ),
    type === 'itsmeConfig' ? h(ItsmeKeysPanel, { realm: props.realm }) : null,
    creating && isOidcType(type) && type === 'oidcConfig'
      ? h('p', { className: 'social-intro' }, 'Start with the provider’s well-known URL under Endpoints and press “Fill from well-known URL”; then enter the client ID and secret the provider gave you.')
      : null,
    h(
      'form',
      { className: 'social-form', onSubmit: (event: FormEvent) => void save(event), noValidate: true },
      ...FIELD_GROUPS.map((group) => {
        const members = fields.filter((field) => field.group === group);
        return h(
          'fieldset',
          { key: group },
          h('legend', null, group),
          group === 'Basics'
            ? h(
                'div',
                { className: 'social-field' },
                h('div', null, h('label', { htmlFor: 'social-name' }, 'Name'), creating ? h('span', { className: 'social-required', 'aria-hidden': true }, ' *') : null),
                h('div', null, h('input', { id: 'social-name', type: 'text', value: name, readOnly: !creating, maxLength: 128, 'aria-describedby': 'social-name-help', onChange: (event: { target: { value: string } }) => setName(event.target.value) })),
                h('p', { id: 'social-name-help', className: 'social-help' }, creating ? 'The provider’s name in this realm; journeys and sign-in pages refer to it. It cannot be changed later.' : 'The provider’s name in this realm (it cannot be changed).'),
                errorList('name'),
              )
            : null,
          h('div', { className: 'social-grid' }, ...members.map(fieldRow)),
        );
      }),
      other.length === 0 ? null : h('div', { className: 'error', role: 'alert' }, h('p', null, 'Arbor refused to save:'), h('ul', null, ...other.map((message, index) => h('li', { key: index }, message)))),
      fieldProblems.size > 0 && other.length === 0 ? h('p', { className: 'error', role: 'alert' }, 'Some fields need attention: see the messages under them.') : null,
      notice === '' ? null : h('p', { className: 'social-status', role: 'status' }, notice),
      h(
        'div',
        { className: 'toolbar social-buttons' },
        h('button', { type: 'submit', className: 'primary', disabled: busy }, busy ? 'Saving…' : 'Save'),
        creating
          ? null
          : confirming
            ? h('span', { className: 'social-confirm' }, `Delete ${name}?`, h('button', { type: 'button', className: 'danger', onClick: () => void remove() }, 'Yes, delete'), h('button', { type: 'button', onClick: () => setConfirming(false) }, 'Cancel'))
            : h('button', { type: 'button', onClick: () => setConfirming(true) }, 'Delete provider'),
      ),
    ),
  );
}
