/**
 * The templates tab: the list (name, enabled, locales), and one template's editor: per locale its
 * subject and message (Handlebars, `{{object.givenName}}`), enabled or not, the default locale;
 * beside it a live preview of the unsaved draft, rendered by the server on sample data exactly as
 * it would be sent (values escaped in HTML), shown in a sandboxed frame that can run nothing.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { listTemplates, previewTemplate, readTemplate, saveTemplate } from './email-client.ts';
import type { EmailPlace, TemplateDocument, TemplatePreview, TemplateSummary } from './email-model.ts';
import { SAMPLE_OBJECT, isLocaleName, sampleObjectOf, templateBodyOf, templateDocumentOf, templateLocales } from './email-model.ts';
import { EmailHtmlFrame } from './email-html-frame.ts';
import { IdmRequestError } from './idm-client.ts';

const QUIET_MS = 350;

/** The tab: the list, or template `name`'s editor. */
export function EmailTemplatesView(props: { name: string | undefined; open: (place: EmailPlace) => void; onError: (error: unknown) => void }): ReactElement {
  if (props.name !== undefined) return h(TemplateEditor, { key: props.name, name: props.name, onBack: () => props.open({ tab: 'templates' }), onError: props.onError });
  return h(TemplateList, { onOpen: (name: string) => props.open({ tab: 'templates', name }), onError: props.onError });
}

function TemplateList(props: { onOpen: (name: string) => void; onError: (error: unknown) => void }): ReactElement {
  const [templates, setTemplates] = useState<TemplateSummary[] | undefined>(undefined);
  useEffect(() => {
    let current = true;
    listTemplates().then(
      (list) => current && setTemplates(list),
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.onError]);
  if (templates === undefined) return h('p', { className: 'email-body' }, 'Loading…');
  if (templates.length === 0) return h('p', { className: 'email-body' }, 'No email template is stored.');
  return h(
    'div',
    { className: 'email-body journeys' },
    h(
      'table',
      null,
      h('thead', null, h('tr', null, h('th', null, 'Template'), h('th', null, 'State'), h('th', null, 'Locales'), h('th', null, 'Format'))),
      h(
        'tbody',
        null,
        ...templates.map((template) =>
          h(
            'tr',
            { key: template.name },
            h('td', null, h('button', { type: 'button', className: 'link', onClick: () => props.onOpen(template.name) }, template.name)),
            h('td', null, h('span', { className: template.enabled ? 'badge badge-on' : 'badge badge-off' }, template.enabled ? 'Enabled' : 'Disabled')),
            h('td', null, template.locales.join(', ')),
            h('td', null, template.mimeType === 'text/plain' ? 'Plain text' : 'HTML'),
          ),
        ),
      ),
    ),
  );
}

function TemplateEditor(props: { name: string; onBack: () => void; onError: (error: unknown) => void }): ReactElement {
  const [template, setTemplate] = useState<TemplateDocument | undefined>(undefined);
  const [locale, setLocale] = useState('');
  const [newLocale, setNewLocale] = useState('');
  const [sample, setSample] = useState(() => JSON.stringify(SAMPLE_OBJECT, null, 2));
  const [preview, setPreview] = useState<TemplatePreview | undefined>(undefined);
  const [previewProblem, setPreviewProblem] = useState('');
  const [saved, setSaved] = useState('');
  const [refused, setRefused] = useState('');

  useEffect(() => {
    let current = true;
    readTemplate(props.name).then(
      (document) => {
        if (!current) return;
        const read = templateDocumentOf(document);
        setTemplate(read);
        setLocale(templateLocales(read)[0] ?? read.defaultLocale);
      },
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [props.name, props.onError]);

  // The draft is rendered shortly after it stops changing.
  useEffect(() => {
    if (template === undefined) return;
    const parsed = sampleObjectOf(sample);
    if ('problem' in parsed) {
      setPreviewProblem(parsed.problem);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      previewTemplate(props.name, templateBodyOf(template), locale, parsed.object).then(
        (rendered) => {
          if (!current) return;
          setPreview(rendered);
          setPreviewProblem('');
        },
        (error: unknown) => {
          if (!current) return;
          if (error instanceof IdmRequestError && error.status === 400) setPreviewProblem(error.message);
          else props.onError(error);
        },
      );
    }, QUIET_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [template, locale, sample, props.name, props.onError]);

  if (template === undefined) return h('p', { className: 'email-body' }, 'Loading…');
  const locales = templateLocales(template);
  if (!locales.includes(locale)) locales.push(locale);
  const edit = (next: TemplateDocument): void => {
    setTemplate(next);
    setSaved('');
    setRefused('');
  };

  async function save(): Promise<void> {
    if (template === undefined) return;
    try {
      const stored = templateDocumentOf(await saveTemplate(props.name, templateBodyOf(template)));
      setTemplate(stored);
      setSaved('Template saved.');
    } catch (error) {
      if (error instanceof IdmRequestError && error.status === 400) setRefused(error.message);
      else props.onError(error);
    }
  }

  function addLocale(): void {
    const name = newLocale.trim();
    if (!isLocaleName(name) || template === undefined) return;
    setLocale(name);
    setNewLocale('');
    edit({ ...template, subject: { [name]: '', ...template.subject }, message: { [name]: '', ...template.message } });
  }

  return h(
    'div',
    { className: 'email-body' },
    h('div', { className: 'template-head' }, h('button', { type: 'button', className: 'link', onClick: props.onBack }, '← All templates'), h('h2', null, props.name)),
    h(
      'div',
      { className: 'template-editor' },
      h(
        'div',
        { className: 'email-card template-form' },
        h('label', { className: 'check' }, h('input', { type: 'checkbox', checked: template.enabled, onChange: (event: { target: { checked: boolean } }) => edit({ ...template, enabled: event.target.checked }) }), ' Enabled'),
        h(
          'div',
          { className: 'locale-row' },
          h('div', { className: 'field' }, h('label', { htmlFor: 'template-locale' }, 'Locale'), h('select', { id: 'template-locale', value: locale, onChange: (event: { target: { value: string } }) => setLocale(event.target.value) }, ...locales.map((name) => h('option', { key: name, value: name }, name === template.defaultLocale ? `${name} (default)` : name)))),
          h('div', { className: 'field' }, h('label', { htmlFor: 'template-new-locale' }, 'New locale'), h('input', { id: 'template-new-locale', value: newLocale, maxLength: 20, placeholder: 'de', onChange: (event: { target: { value: string } }) => setNewLocale(event.target.value) })),
          h('button', { type: 'button', disabled: !isLocaleName(newLocale.trim()) || locales.includes(newLocale.trim()), onClick: addLocale }, 'Add locale'),
        ),
        h('div', { className: 'field' }, h('label', { htmlFor: 'template-subject' }, 'Subject'), h('input', { id: 'template-subject', value: template.subject[locale] ?? '', maxLength: 1000, onChange: (event: { target: { value: string } }) => edit({ ...template, subject: { ...template.subject, [locale]: event.target.value } }) })),
        h(
          'div',
          { className: 'field' },
          h('label', { htmlFor: 'template-message' }, template.mimeType === 'text/plain' ? 'Message (plain text)' : 'Message (HTML)'),
          h('textarea', { id: 'template-message', rows: 12, value: template.message[locale] ?? '', maxLength: 100_000, spellCheck: false, onChange: (event: { target: { value: string } }) => edit({ ...template, message: { ...template.message, [locale]: event.target.value } }) }),
          h('small', { className: 'hint' }, 'Handlebars: {{object.givenName}} inserts a value (escaped in HTML), {{{object.x}}} inserts it raw, {{#if object.x}}…{{else}}…{{/if}}, {{#each}}. The journeys pass the user\'s attributes and resumeURI (the emailed link).'),
        ),
        h('div', { className: 'field' }, h('label', { htmlFor: 'template-default' }, 'Default locale'), h('select', { id: 'template-default', value: template.defaultLocale, onChange: (event: { target: { value: string } }) => edit({ ...template, defaultLocale: event.target.value }) }, ...locales.map((name) => h('option', { key: name, value: name }, name)))),
        refused === '' ? null : h('p', { className: 'error', role: 'alert' }, refused),
        h('div', { className: 'actions' }, h('button', { type: 'button', className: 'primary', onClick: () => void save() }, 'Save template'), saved === '' ? null : h('span', { className: 'saved', role: 'status' }, saved)),
      ),
      h(
        'div',
        { className: 'email-card template-preview', 'aria-labelledby': 'preview-title', role: 'region' },
        h('h3', { id: 'preview-title' }, 'Preview'),
        h('div', { className: 'field' }, h('label', { htmlFor: 'template-sample' }, 'Sample data (object)'), h('textarea', { id: 'template-sample', rows: 6, value: sample, maxLength: 20_000, spellCheck: false, onChange: (event: { target: { value: string } }) => setSample(event.target.value) })),
        previewProblem === '' ? null : h('p', { className: 'error', role: 'alert' }, previewProblem),
        preview === undefined
          ? h('p', null, 'Rendering…')
          : h(
              'div',
              { className: 'rendered' },
              h('p', { className: 'preview-subject' }, h('span', { className: 'hint' }, `Subject (${preview.locale}): `), h('strong', { 'data-testid': 'preview-subject' }, preview.subject)),
              preview.html === undefined
                ? h('pre', { className: 'preview-text', 'data-testid': 'preview-text' }, preview.text)
                : h(EmailHtmlFrame, { title: 'Rendered message', html: preview.html }),
            ),
      ),
    ),
  );
}
