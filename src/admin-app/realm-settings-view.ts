/**
 * The Realm settings page: the realm's lockout, sessions, journeys, throttling, pages and theme
 * settings as one form with help under each field, saved whole; the server's reasons for a
 * refusal shown in an alert, a field the page itself refuses marked beside it.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { AmRequestError } from './am-client.ts';
import { readRealmSettings, writeRealmSettings } from './realm-settings-client.ts';
import type { SettingField } from './realm-settings-model.ts';
import { fieldKey, formOf, SETTING_GROUPS, settingsBody } from './realm-settings-model.ts';
import './realm-settings.css';

function idOf(field: SettingField): string {
  return `setting-${field.path.join('-')}`;
}

function input(field: SettingField, value: string, problem: string | undefined, onChange: (value: string) => void): ReactElement {
  const id = idOf(field);
  const common = { id, 'aria-describedby': `${id}-help${problem === undefined ? '' : ` ${id}-problem`}`, 'aria-invalid': problem === undefined ? undefined : true };
  const change = (event: { target: { value: string } }) => onChange(event.target.value);
  if (field.kind === 'boolean') return h('select', { ...common, value, onChange: change }, h('option', { value: 'true' }, 'Yes'), h('option', { value: 'false' }, 'No'));
  if (field.kind === 'lines') return h('textarea', { ...common, value, rows: 3, maxLength: 20000, onChange: change });
  return h('input', { ...common, type: field.kind === 'count' ? 'number' : 'text', min: field.kind === 'count' ? 0 : undefined, value, maxLength: 2048, onChange: change });
}

/** The settings of `realm`. */
export function RealmSettingsView(props: { realm: string; onError: (failure: unknown) => void }): ReactElement {
  const [original, setOriginal] = useState<unknown>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [refusal, setRefusal] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    readRealmSettings(props.realm).then(
      (document) => {
        if (!current) return;
        setOriginal(document);
        setValues(formOf(document));
      },
      (failure: unknown) => current && props.onError(failure),
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.onError]);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setNotice('');
    setRefusal('');
    const body = settingsBody(original, values);
    if (!body.ok) {
      setProblems(body.problems);
      return;
    }
    setProblems(new Map());
    setBusy(true);
    try {
      const stored = await writeRealmSettings(props.realm, body.document);
      setOriginal(stored);
      setValues(formOf(stored));
      setNotice('Saved. Every server applies the new settings within 5 seconds.');
    } catch (failure) {
      if (failure instanceof AmRequestError && failure.status === 400) setRefusal(failure.message.replace(/^realm settings: /, ''));
      else props.onError(failure);
    } finally {
      setBusy(false);
    }
  }

  const toolbar = h('div', { className: 'toolbar' }, h('h1', null, 'Realm settings'));
  if (original === undefined) return h('div', { className: 'realm-settings' }, toolbar, h('p', null, 'Loading…'));
  return h(
    'div',
    { className: 'realm-settings' },
    toolbar,
    h(
      'form',
      { onSubmit: (event: FormEvent) => void save(event), noValidate: true },
      refusal === '' ? null : h('div', { className: 'error', role: 'alert' }, h('p', null, 'The settings were not saved:'), h('ul', null, ...refusal.split('; ').map((reason) => h('li', { key: reason }, reason)))),
      ...SETTING_GROUPS.map((group) =>
        h(
          'fieldset',
          { key: group.title },
          h('legend', null, group.title),
          ...group.fields.map((field) => {
            const key = fieldKey(field);
            const problem = problems.get(key);
            return h(
              'div',
              { key, className: 'setting' },
              h('label', { htmlFor: idOf(field) }, field.label),
              input(field, values[key] ?? '', problem, (value) => setValues((previous) => ({ ...previous, [key]: value }))),
              h('p', { id: `${idOf(field)}-help`, className: 'help' }, field.help),
              problem === undefined ? null : h('p', { id: `${idOf(field)}-problem`, className: 'field-problem' }, problem),
            );
          }),
        ),
      ),
      h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary', disabled: busy }, busy ? 'Saving…' : 'Save settings'), h('p', { role: 'status' }, notice)),
    ),
  );
}
